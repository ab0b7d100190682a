import { z } from 'zod';
import type { AutomationDefinition } from '@tideline/shared';

/**
 * Ready-made automations from the sales process customers describe. Each asks only for what it cannot
 * know (a stage, a field, a group of reps) and is installed disabled unless asked, so it can be checked
 * with a dry run first.
 */

export const templateParamsSchema = z.strictObject({
  stage_id: z.string().min(1).max(40).optional(),
  user_ids: z.array(z.string().min(1).max(40)).max(50).optional(),
  field: z.string().min(1).max(120).optional(),
  days: z.number().int().min(1).max(3650).optional(),
  source: z.string().min(1).max(100).optional(),
});
export type TemplateParams = z.infer<typeof templateParamsSchema>;

export interface AutomationTemplate {
  key: string;
  name: { 'zh-CN': string; 'en-US': string };
  description: { 'zh-CN': string; 'en-US': string };
  /** Parameters the installer must give. */
  needs: (keyof TemplateParams)[];
  build(p: TemplateParams): AutomationDefinition;
}

const days = (amount: number) => ({ amount, unit: 'days' as const });
const owner = { type: 'owner' as const };
const manager = { type: 'owner_manager' as const };

export const AUTOMATION_TEMPLATES: AutomationTemplate[] = [
  {
    key: 'high_value_lead',
    name: { 'zh-CN': '高价值线索筛选', 'en-US': 'High-value lead screening' },
    description: {
      'zh-CN':
        '来源为网页表单且公司规模 ≥ 100 人的新线索：打上「高价值线索」标签，轮流分配给指定销售并通知。',
      'en-US':
        'New web-form leads from companies of 100+ people are tagged 高价值线索, assigned in turn and notified.',
    },
    needs: ['field', 'user_ids'],
    build: (p) => ({
      trigger: { type: 'record_created', entity: 'lead' },
      conditions: {
        all: [
          { field: 'source', op: 'eq', value: p.source ?? '官网表单' },
          { field: p.field ?? 'custom.company_size', op: 'gte', value: 100 },
        ],
      },
      steps: [
        { id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['高价值线索'] } },
        {
          id: 'assign',
          kind: 'action',
          params: { action: 'assign_owner', strategy: 'round_robin', user_ids: p.user_ids ?? [] },
        },
        {
          id: 'notify',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [owner],
            title: '新的高价值线索：{{ record.name }}（{{ record.company_name }}）',
            body: '请在 24 小时内跟进。',
          },
        },
      ],
    }),
  },
  {
    key: 'dormant_wakeup',
    name: { 'zh-CN': '沉睡客户唤醒', 'en-US': 'Dormant customer wake-up' },
    description: {
      'zh-CN': '客户 30 天无互动：给联系人发送优惠邮件，并打上「待唤醒」标签。',
      'en-US': 'After 30 days without interaction, e-mail the offer to the contact and tag 待唤醒.',
    },
    needs: [],
    build: (p) => ({
      trigger: {
        type: 'relative_time',
        entity: 'customer',
        field: 'last_contact_at',
        direction: 'after',
        offset: days(p.days ?? 30),
      },
      conditions: { field: 'status', op: 'ne', value: 'lost' },
      steps: [
        {
          id: 'mail',
          kind: 'action',
          params: {
            action: 'send_email',
            to: 'record_contact',
            subject: '{{ record.name }}，好久不见：本月专属优惠',
            body: '<p>您好，</p><p>感谢一直以来对我们的支持。本月为老客户准备了专属优惠，欢迎回复了解详情。</p><p>{{ owner.name }} {{ owner.phone }}</p>',
          },
        },
        { id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['待唤醒'] } },
      ],
    }),
  },
  {
    key: 'quote_timeout',
    name: { 'zh-CN': '报价超时提醒', 'en-US': 'Quote timeout' },
    description: {
      'zh-CN': '商机进入报价阶段 7 天仍无进展：提醒负责人，并抄送其经理。',
      'en-US': 'A deal still in the quote stage 7 days later: remind the owner and copy the manager.',
    },
    needs: ['stage_id'],
    build: (p) => ({
      trigger: {
        type: 'relative_time',
        entity: 'deal',
        field: 'stage_entered_at',
        direction: 'after',
        offset: days(p.days ?? 7),
      },
      conditions: { field: 'stage_id', op: 'eq', value: p.stage_id ?? '' },
      steps: [
        {
          id: 'remind',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [owner, manager],
            title: '报价已发出多日未有回复：{{ record.name }}',
            body: '客户：{{ customer.name }}，金额 {{ record.amount | money }}。请跟进客户反馈。',
          },
        },
      ],
    }),
  },
  {
    key: 'stage_timeout',
    name: { 'zh-CN': '阶段停滞提醒', 'en-US': 'Stage timeout' },
    description: {
      'zh-CN': '商机在同一阶段停留超过 N 天：给销售经理创建跟进任务。',
      'en-US': 'A deal stuck in one stage for N days: a task for the sales manager.',
    },
    needs: [],
    build: (p) => ({
      trigger: {
        type: 'relative_time',
        entity: 'deal',
        field: 'stage_entered_at',
        direction: 'after',
        offset: days(p.days ?? 14),
      },
      conditions: { field: 'status', op: 'eq', value: 'open' },
      steps: [
        {
          id: 'task',
          kind: 'action',
          params: {
            action: 'create_task',
            title: '商机停滞：{{ record.name }}',
            description: `该商机在当前阶段已停留超过 ${p.days ?? 14} 天，请与负责人 {{ owner.name }} 一起推进。`,
            assignee: manager,
            due_in: { amount: 2, unit: 'business_days' },
          },
        },
      ],
    }),
  },
  {
    key: 'contract_expiring',
    name: { 'zh-CN': '合同到期提醒', 'en-US': 'Contract expiring' },
    description: {
      'zh-CN': '合同到期前 30 天：提醒客户负责人准备续约。',
      'en-US': '30 days before the contract ends, remind the owner to prepare the renewal.',
    },
    needs: ['field'],
    build: (p) => ({
      trigger: {
        type: 'relative_time',
        entity: 'customer',
        field: p.field ?? 'custom.contract_end',
        direction: 'before',
        offset: days(p.days ?? 30),
      },
      steps: [
        {
          id: 'remind',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [owner],
            title: '合同即将到期：{{ record.name }}',
            body: '请提前联系客户沟通续约事宜。',
          },
        },
      ],
    }),
  },
  {
    key: 'owner_changed',
    name: { 'zh-CN': '客户转移通知', 'en-US': 'Customer transferred' },
    description: {
      'zh-CN': '客户被转移或放弃时：通知原负责人和新负责人。',
      'en-US': 'When a customer changes hands, tell the old and the new owner.',
    },
    needs: [],
    build: () => ({
      trigger: { type: 'owner_changed', entity: 'customer' },
      steps: [
        {
          id: 'notify',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [owner, { type: 'previous_owner' }],
            title: '客户「{{ record.name }}」的负责人已变更',
            body: '现在由 {{ owner.name | default: "公海" }} 负责。',
          },
        },
      ],
    }),
  },
  {
    key: 'human_handoff',
    name: { 'zh-CN': '人工介入', 'en-US': 'Human hand-off' },
    description: {
      'zh-CN': '客户两次拒绝方案：给销售经理创建任务，由人工介入。',
      'en-US': 'The customer rejected the proposal twice: a task for the sales manager.',
    },
    needs: ['field'],
    build: (p) => ({
      trigger: {
        type: 'record_updated',
        entity: 'deal',
        fields: [p.field ?? 'custom.rejections'],
        debounce_seconds: 0,
      },
      conditions: { field: p.field ?? 'custom.rejections', op: 'gte', value: 2 },
      steps: [
        {
          id: 'task',
          kind: 'action',
          params: {
            action: 'create_task',
            title: '客户两次拒绝方案，需要经理介入：{{ record.name }}',
            assignee: manager,
            due_in: { amount: 1, unit: 'business_days' },
          },
        },
      ],
    }),
  },
];

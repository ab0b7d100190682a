import type { z } from 'zod';
import type { automationCreateSchema } from '../../packages/shared/src';

/**
 * The automation benchmark's workspace rules: 100 enabled automations of the kinds a sales team runs
 * (record changes on every entity, stage moves, hand-overs, client events, schedules, webhooks, time
 * rules), of which seven answer the benchmark's customer edits. Each edit the benchmark makes matches
 * exactly one of the seven, so one edit is one expected effect; the other 93 are candidates the
 * dispatcher must look at and reject (by trigger, or by a condition that is false for the sample).
 */

export type AutomationInput = z.input<typeof automationCreateSchema>;
type Definition = AutomationInput['definition'];

export interface RuleWorld {
  adminId: string;
  reps: string[];
  managers: string[];
  pipelines: { id: string; stageIds: string[] }[];
}

/** The edits the benchmark makes to a customer, each answered by one automation. */
export type EditKind = 'level' | 'status' | 'source' | 'owner';

/** Tags the matching automations write; the workspace has them before the run starts. */
export const BENCH_TAGS = ['重点客户', '待唤醒', '流失预警', '转介绍'];

/** Values the edits alternate between; the sample holds no lost customers, so `status ne lost` holds. */
export const EDIT_VALUES = {
  level: ['高价值', '沉睡'],
  status: ['active', 'inactive'],
  source: ['转介绍', '展会'],
} as const;

const owner = { type: 'owner' } as const;
const manager = { type: 'owner_manager' } as const;
const tag = (id: string, ...tags: string[]) => ({
  id,
  kind: 'action' as const,
  params: { action: 'add_tags' as const, tags },
});
const untag = (id: string, ...tags: string[]) => ({
  id,
  kind: 'action' as const,
  params: { action: 'remove_tags' as const, tags },
});
const notify = (id: string, title: string, recipients: { type: 'owner' | 'owner_manager' }[] = [owner]) => ({
  id,
  kind: 'action' as const,
  params: { action: 'notify' as const, channel: 'in_app' as const, recipients, title },
});
const task = (id: string, title: string, days = 1) => ({
  id,
  kind: 'action' as const,
  params: {
    action: 'create_task' as const,
    title,
    assignee: owner,
    due_in: { amount: days, unit: 'business_days' as const },
  },
});

/** The seven automations the benchmark's edits trigger; every effect stays inside the database. */
export function matchingRules(): AutomationInput[] {
  const updated = (field: string, to: string) => ({
    type: 'record_updated' as const,
    entity: 'customer' as const,
    fields: [field],
    to,
  });
  return [
    {
      name: '升级为高价值客户 → 打「重点客户」标签',
      definition: { trigger: updated('level', '高价值'), steps: [tag('tag', '重点客户')] },
    },
    {
      name: '转为沉睡客户 → 打「待唤醒」标签',
      definition: { trigger: updated('level', '沉睡'), steps: [tag('tag', '待唤醒')] },
    },
    {
      name: '客户转为不活跃 → 打「流失预警」标签',
      definition: { trigger: updated('status', 'inactive'), steps: [tag('tag', '流失预警')] },
    },
    {
      name: '客户恢复活跃 → 去掉「流失预警」',
      definition: { trigger: updated('status', 'active'), steps: [untag('untag', '流失预警')] },
    },
    {
      name: '来源改为转介绍的在跟客户 → 打「转介绍」标签',
      definition: {
        trigger: updated('source', '转介绍'),
        conditions: {
          all: [
            { field: 'status', op: 'ne', value: 'lost' },
            { field: 'owner_id', op: 'not_empty' },
          ],
        },
        steps: [tag('tag', '转介绍')],
      },
    },
    {
      name: '展会来源客户 → 等级设为潜力',
      definition: {
        trigger: updated('source', '展会'),
        conditions: { field: 'status', op: 'in', value: ['potential', 'active', 'inactive'] },
        steps: [
          {
            id: 'level',
            kind: 'action',
            params: { action: 'set_fields', values: { level: { type: 'const', value: '潜力' } } },
          },
        ],
      },
    },
    {
      name: '客户转交 → 通知新负责人',
      definition: {
        trigger: { type: 'owner_changed', entity: 'customer' },
        steps: [notify('tell', '客户「{{ record.name }}」已转交给你')],
      },
    },
  ];
}

/** The other 93: realistic rules that the benchmark's edits reach as candidates but never start. */
export function otherRules(w: RuleWorld): AutomationInput[] {
  const rules: AutomationInput[] = [];
  const add = (name: string, definition: Definition) => rules.push({ name, definition });
  const cu = (fields: string[], extra: { from?: string; to?: string } = {}) => ({
    type: 'record_updated' as const,
    entity: 'customer' as const,
    fields,
    ...extra,
  });

  // Customer edits: watched fields the benchmark leaves alone, values it never sets, or conditions
  // that are false for its sample (no lost customers, every customer has an owner).
  add('失单客户被标为高价值 → 提醒经理复核', {
    trigger: cu(['level'], { to: '高价值' }),
    conditions: { field: 'status', op: 'eq', value: 'lost' },
    steps: [notify('review', '流失客户「{{ record.name }}」被标为高价值', [manager])],
  });
  add('流失的重点客户有任何变动 → 提醒经理', {
    trigger: cu([]),
    conditions: {
      all: [
        { field: 'status', op: 'eq', value: 'lost' },
        { field: 'tags', op: 'contains', value: '重点客户' },
      ],
    },
    steps: [notify('alert', '流失重点客户「{{ record.name }}」有变动', [manager])],
  });
  add('公海客户转为不活跃 → 轮流分配', {
    trigger: cu(['status'], { to: 'inactive' }),
    conditions: { field: 'owner_id', op: 'empty' },
    steps: [
      {
        id: 'assign',
        kind: 'action',
        params: { action: 'assign_owner', strategy: 'round_robin', user_ids: w.reps },
      },
    ],
  });
  add('客户降为普通 → 去掉重点标签', {
    trigger: cu(['level'], { to: '普通' }),
    steps: [untag('untag', '重点客户')],
  });
  add('客户流失 → 登记流失原因任务', {
    trigger: cu(['status'], { to: 'lost' }),
    steps: [tag('tag', '已流失'), task('why', '登记「{{ record.name }}」的流失原因')],
  });
  add('来源改为百度推广 → 打 SEM 标签', {
    trigger: cu(['source'], { to: '百度推广' }),
    steps: [tag('tag', 'SEM')],
  });
  add('来源由转介绍改为其他 → 提醒负责人', {
    trigger: cu(['source'], { from: '转介绍', to: '官网表单' }),
    steps: [notify('tell', '「{{ record.name }}」来源被改为官网表单')],
  });
  for (const [i, fields] of [
    ['industry'],
    ['phone', 'email'],
    ['name'],
    ['website'],
    ['address'],
    ['size'],
    ['region'],
    ['description'],
    ['custom.annual_budget'],
  ].entries())
    add(`客户资料变更(${fields.join('/')}) → 通知负责人 #${i + 1}`, {
      trigger: cu(fields),
      steps: [notify('tell', '客户「{{ record.name }}」的资料已更新')],
    });
  add('成为千人以上企业 → 打大客户标签', {
    trigger: cu(['size'], { to: '1000+' }),
    steps: [tag('tag', '大客户')],
  });
  add('客户转交(失单客户) → 通知原负责人', {
    trigger: { type: 'owner_changed', entity: 'customer' },
    conditions: { field: 'status', op: 'eq', value: 'lost' },
    steps: [notify('tell', '失单客户「{{ record.name }}」已转走')],
  });
  add('新建客户 → 打新客户标签', {
    trigger: { type: 'record_created', entity: 'customer' },
    steps: [tag('tag', '新客户')],
  });
  add('新建转介绍客户 → 三天内回访', {
    trigger: { type: 'record_created', entity: 'customer' },
    conditions: { field: 'source', op: 'eq', value: '转介绍' },
    steps: [task('call', '回访转介绍客户「{{ record.name }}」', 3)],
  });

  // Leads.
  add('新线索 → 轮流分配', {
    trigger: { type: 'record_created', entity: 'lead' },
    conditions: { field: 'owner_id', op: 'empty' },
    steps: [
      {
        id: 'assign',
        kind: 'action',
        params: { action: 'assign_owner', strategy: 'round_robin', user_ids: w.reps },
      },
    ],
  });
  for (const source of ['官网表单', '百度推广', '展会', '转介绍'])
    add(`新线索来自${source} → 打来源标签`, {
      trigger: { type: 'record_created', entity: 'lead' },
      conditions: { field: 'source', op: 'eq', value: source },
      steps: [tag('tag', `来自${source}`)],
    });
  add('高意向线索 → 当天联系', {
    trigger: { type: 'record_updated', entity: 'lead', fields: ['custom.intent'], to: 'high' },
    steps: [task('call', '今天联系高意向线索「{{ record.name }}」', 0)],
  });
  add('线索合格 → 通知经理', {
    trigger: { type: 'record_updated', entity: 'lead', fields: ['status'], to: 'qualified' },
    steps: [notify('tell', '线索「{{ record.name }}」已合格', [manager])],
  });
  add('线索评分达 80 → 打热线索标签', {
    trigger: { type: 'record_updated', entity: 'lead', fields: ['score'] },
    conditions: { field: 'score', op: 'gte', value: 80 },
    steps: [tag('tag', '热线索')],
  });
  add('线索评级为 A → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'lead', fields: ['grade'], to: 'A' },
    steps: [notify('tell', '线索「{{ record.name }}」评为 A 级')],
  });
  add('线索无效 → 去掉热线索标签', {
    trigger: { type: 'record_updated', entity: 'lead', fields: ['status'], to: 'disqualified' },
    steps: [untag('untag', '热线索')],
  });
  add('线索转交 → 建跟进任务', {
    trigger: { type: 'owner_changed', entity: 'lead' },
    steps: [task('call', '跟进转交来的线索「{{ record.name }}」')],
  });

  // Deals: every stage of every pipeline has a rule, as teams write one playbook per stage.
  for (const p of w.pipelines)
    p.stageIds.forEach((stageId, i) =>
      add(`进入阶段 ${i + 1}(${p.id.slice(-4)}) → 阶段任务`, {
        trigger: { type: 'stage_changed', pipeline_id: p.id, to_stage_ids: [stageId] },
        steps: [task('stage', `完成「{{ record.name }}」阶段 ${i + 1} 的工作`, 2)],
      }),
    );
  add('新商机 → 通知经理', {
    trigger: { type: 'record_created', entity: 'deal' },
    conditions: { field: 'amount', op: 'gte', value: 100_000_000 },
    steps: [notify('tell', '新大额商机「{{ record.name }}」', [manager])],
  });
  add('商机金额超百万 → 通知经理', {
    trigger: { type: 'record_updated', entity: 'deal', fields: ['amount'] },
    conditions: { field: 'amount', op: 'gte', value: 100_000_000 },
    steps: [notify('tell', '商机「{{ record.name }}」金额超过百万', [manager])],
  });
  add('预计成交日变更 → 提醒负责人', {
    trigger: { type: 'record_updated', entity: 'deal', fields: ['expected_close_date'] },
    steps: [notify('tell', '商机「{{ record.name }}」的预计成交日已变')],
  });
  add('竞品为自研系统 → 打标签', {
    trigger: { type: 'record_updated', entity: 'deal', fields: ['custom.competitor'], to: 'in_house' },
    steps: [tag('tag', '竞品自研')],
  });
  add('商机转交 → 建交接任务', {
    trigger: { type: 'owner_changed', entity: 'deal' },
    steps: [task('handover', '接手商机「{{ record.name }}」')],
  });

  // Contacts, tasks, follow-ups.
  add('新联系人 → 打待认识标签', {
    trigger: { type: 'record_created', entity: 'contact' },
    steps: [tag('tag', '待认识')],
  });
  add('联系人邮箱变更 → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'contact', fields: ['email'] },
    steps: [notify('tell', '联系人「{{ record.name }}」换了邮箱')],
  });
  add('联系人设为主联系人 → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'contact', fields: ['is_primary'], to: true },
    steps: [notify('tell', '「{{ record.name }}」成为主联系人')],
  });
  add('联系人转交 → 通知新负责人', {
    trigger: { type: 'owner_changed', entity: 'contact' },
    steps: [notify('tell', '联系人「{{ record.name }}」已转交给你')],
  });
  add('任务完成 → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'task', fields: ['status'], to: 'done' },
    steps: [notify('tell', '任务「{{ record.title }}」已完成')],
  });
  add('任务取消 → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'task', fields: ['status'], to: 'cancelled' },
    steps: [notify('tell', '任务「{{ record.title }}」已取消')],
  });
  add('任务改期 → 通知负责人', {
    trigger: { type: 'record_updated', entity: 'task', fields: ['due_at'] },
    steps: [notify('tell', '任务「{{ record.title }}」已改期')],
  });
  for (const kind of ['visit', 'call'])
    add(`新${kind === 'visit' ? '拜访' : '电话'}记录 → 通知经理`, {
      trigger: { type: 'record_created', entity: 'activity' },
      conditions: { field: 'kind', op: 'eq', value: kind },
      steps: [notify('tell', '新的跟进记录', [manager])],
    });

  // Client events: mail opens, link clicks, forms and chat messages with keywords.
  for (const entity of ['lead', 'customer', 'contact'] as const) {
    add(`${entity} 打开邮件 → 打已读标签`, {
      trigger: { type: 'client_event', event: 'email_opened', entity },
      steps: [tag('tag', '已读邮件')],
    });
    add(`${entity} 点击链接 → 通知负责人`, {
      trigger: { type: 'client_event', event: 'link_clicked', entity },
      steps: [notify('tell', '「{{ record.name }}」点击了链接')],
    });
  }
  add('线索提交表单 → 当天联系', {
    trigger: { type: 'client_event', event: 'form_submitted', entity: 'lead' },
    steps: [task('call', '联系提交表单的「{{ record.name }}」', 0)],
  });
  add('客户提交表单 → 通知负责人', {
    trigger: { type: 'client_event', event: 'form_submitted', entity: 'customer' },
    steps: [notify('tell', '「{{ record.name }}」提交了表单')],
  });
  for (const [i, keywords] of [['报价', '价格'], ['投诉', '退款'], ['合同'], ['发票'], ['试用']].entries())
    add(`消息含「${keywords.join('/')}」→ 通知负责人 #${i + 1}`, {
      trigger: { type: 'client_event', event: 'message_received', entity: 'customer', keywords },
      steps: [notify('tell', '客户消息提到 {{ event.text }}')],
    });

  // Schedules, webhooks and time rules (the worker sweeps these every minute).
  for (const [i, cron] of ['0 9 * * 1', '0 18 * * 5', '0 8 1 * *', '30 9 * * *'].entries())
    add(`定时提醒 #${i + 1}`, {
      trigger: { type: 'schedule', cron },
      steps: [
        {
          id: 'tell',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [{ type: 'user', user_id: w.adminId }],
            title: '本周销售例会',
          },
        },
      ],
    });
  add('每月盘点沉睡客户', {
    trigger: { type: 'schedule', cron: '0 10 1 * *', entity: 'customer' },
    conditions: { field: 'level', op: 'eq', value: '沉睡' },
    steps: [task('review', '盘点沉睡客户「{{ record.name }}」')],
  });
  for (const i of [1, 2])
    add(`外部系统回调 #${i}`, {
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'tell',
          kind: 'action',
          params: {
            action: 'notify',
            channel: 'in_app',
            recipients: [{ type: 'user', user_id: w.adminId }],
            title: '外部系统回调',
          },
        },
      ],
    });
  const time = (
    entity: 'customer' | 'lead' | 'deal' | 'task',
    field: string,
    days: number,
    dir = 'after',
  ) => ({
    type: 'relative_time' as const,
    entity,
    field,
    direction: dir as 'after' | 'before',
    offset: { amount: days, unit: 'days' as const },
  });
  for (const days of [7, 30, 90])
    add(`客户 ${days} 天未联系 → 跟进任务`, {
      trigger: time('customer', 'last_contact_at', days),
      conditions: { field: 'status', op: 'ne', value: 'lost' },
      steps: [task('call', '「{{ record.name }}」已 ' + days + ' 天未联系')],
    });
  add('线索 3 天未联系 → 提醒', {
    trigger: time('lead', 'last_contact_at', 3),
    steps: [notify('tell', '线索「{{ record.name }}」3 天未联系')],
  });
  add('商机停留 14 天 → 提醒经理', {
    trigger: time('deal', 'stage_entered_at', 14),
    conditions: { field: 'status', op: 'eq', value: 'open' },
    steps: [notify('tell', '商机「{{ record.name }}」已停留 14 天', [manager])],
  });
  add('预计成交前 7 天 → 推进任务', {
    trigger: time('deal', 'expected_close_date', 7, 'before'),
    steps: [task('push', '推进即将到期的「{{ record.name }}」')],
  });
  add('任务逾期一天 → 通知经理', {
    trigger: { ...time('task', 'due_at', 1), offset: { amount: 1, unit: 'days' } },
    conditions: { field: 'status', op: 'eq', value: 'open' },
    steps: [notify('tell', '任务「{{ record.title }}」已逾期', [manager])],
  });
  return rules;
}

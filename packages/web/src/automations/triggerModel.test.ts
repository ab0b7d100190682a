import { describe, expect, it } from 'vitest';
import type { AutomationEntity, Trigger } from '@tideline/shared';
import { automationsEnUS } from '../i18n/automations.en-US';
import { automationsZhCN } from '../i18n/automations.zh-CN';
import type { AutomationMessages } from '../i18n/automations.zh-CN';
import { enUS } from '../i18n/en-US';
import { zhCN } from '../i18n/zh-CN';
import { fieldLabel } from './fieldCatalog';
import { cronHint, defaultTrigger, triggerEntity, triggerSummary } from './triggerModel';

const STAGES: Record<string, string> = { s1: '方案', s2: '报价', s3: '签约' };
const CATALOG = { 'custom.contract_end': { type: 'date' as const, label: '合同到期日' } };

function summary(trigger: Trigger, t: AutomationMessages = automationsZhCN, m = zhCN) {
  return triggerSummary(trigger, {
    t,
    label: (entity: AutomationEntity, path: string) => fieldLabel(entity, path, CATALOG, m, t),
    stageName: (id) => STAGES[id] ?? id,
  });
}

describe('triggerSummary', () => {
  const cases: [string, Trigger, string][] = [
    ['new records', { type: 'record_created', entity: 'lead' }, '线索 新建时'],
    [
      'relative time on a built-in field',
      {
        type: 'relative_time',
        entity: 'customer',
        field: 'last_contact_at',
        direction: 'after',
        offset: { amount: 30, unit: 'days' },
      },
      '客户 最近跟进 之后 30 天',
    ],
    [
      'relative time on a custom field, in business days',
      {
        type: 'relative_time',
        entity: 'customer',
        field: 'custom.contract_end',
        direction: 'before',
        offset: { amount: 5, unit: 'business_days' },
      },
      '客户 合同到期日 之前 5 个工作日',
    ],
    [
      'updates of any field',
      { type: 'record_updated', entity: 'deal', fields: [], debounce_seconds: 0 },
      '商机 任意字段变更时',
    ],
    [
      'one watched field from / to',
      { type: 'record_updated', entity: 'customer', fields: ['status'], to: 'lost', debounce_seconds: 0 },
      '客户 的 状态 变更时（变为「lost」）',
    ],
    [
      'stage moves',
      { type: 'stage_changed', from_stage_ids: ['s1'], to_stage_ids: ['s2', 's3'] },
      '商机 阶段变化 离开 方案 进入 报价 或 签约',
    ],
    ['owner changes', { type: 'owner_changed', entity: 'customer' }, '客户 负责人变更时'],
    ['weekday schedule', { type: 'schedule', cron: '0 9 * * 1-5' }, '定时：工作日（周一至周五）09:00'],
    [
      'schedule per record',
      { type: 'schedule', cron: '30 8 1 * *', entity: 'deal' },
      '定时：每月 1 日 08:30，对每条商机',
    ],
    ['unusual cron', { type: 'schedule', cron: '0 9 1-7 * 1' }, '定时：Cron 0 9 1-7 * 1'],
    ['webhook', { type: 'webhook' }, '收到 Webhook 调用时'],
    [
      'messages with keywords',
      { type: 'client_event', event: 'message_received', entity: 'lead', keywords: ['报价', '价格'] },
      '线索收到消息（关键词：报价、价格）',
    ],
  ];
  it.each(cases)('%s', (_name, trigger, text) => {
    expect(summary(trigger)).toBe(text);
  });

  it('reads in English with English field names', () => {
    const trigger: Trigger = {
      type: 'relative_time',
      entity: 'customer',
      field: 'last_contact_at',
      direction: 'after',
      offset: { amount: 30, unit: 'days' },
    };
    expect(summary(trigger, automationsEnUS, enUS)).toBe('Customer 30 days after Last contact');
  });
});

describe('cronHint', () => {
  const cases: [string, string | null][] = [
    ['*/15 * * * *', '每 15 分钟'],
    ['5 * * * *', '每小时第 5 分'],
    ['0 9 * * *', '每天 09:00'],
    ['0 18 * * 5', '每周五 18:00'],
    ['0 9 15 * *', '每月 15 日 09:00'],
    ['0 9 * 1 *', null],
    ['bad', null],
  ];
  it.each(cases)('%s', (cron, hint) => expect(cronHint(cron, automationsZhCN)).toBe(hint));
});

describe('defaultTrigger and triggerEntity', () => {
  it('keeps the record type across types that have one, and knows which have none', () => {
    expect(triggerEntity(defaultTrigger('relative_time', 'deal'))).toBe('deal');
    expect(triggerEntity(defaultTrigger('stage_changed', 'lead'))).toBe('deal');
    expect(triggerEntity(defaultTrigger('webhook', 'lead'))).toBeNull();
    expect(triggerEntity(defaultTrigger('schedule', 'lead'))).toBeNull();
    expect(defaultTrigger('client_event', 'task')).toEqual({
      type: 'client_event',
      event: 'email_opened',
      keywords: [],
    });
  });
});

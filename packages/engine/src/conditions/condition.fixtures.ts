import type { FieldCatalog } from '@tideline/shared';
import type { ConditionEnv } from './compile-leaf';

/** A catalog with one field of every value type, shared by the condition tests. */
export const testCatalog: FieldCatalog = {
  name: { type: 'text' },
  source: { type: 'enum', values: ['web_form', 'referral', 'trade_show'] },
  owner_id: { type: 'user' },
  stage_id: { type: 'id' },
  employees: { type: 'number' },
  amount: { type: 'money' },
  last_contact_at: { type: 'instant' },
  close_date: { type: 'date' },
  is_key: { type: 'boolean' },
  tags: { type: 'multi' },
  'custom.channels': { type: 'multi', values: ['wechat', 'email', 'phone'] },
};

/** Monday 2026-11-23, 10:00 in Shanghai. */
export const testEnv: ConditionEnv = { now: new Date('2026-11-23T02:00:00Z'), timezone: 'Asia/Shanghai' };

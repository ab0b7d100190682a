import { describe, expect, it } from 'vitest';
import { triggerSchema } from '@tideline/shared';
import type { Trigger } from '@tideline/shared';
import { matchesTrigger, triggerEventTypes } from './matches-trigger';
import type { TriggerEvent } from './matches-trigger';

const t = (raw: unknown): Trigger => triggerSchema.parse(raw);
const ev = (type: string, payload: Record<string, unknown> = {}): TriggerEvent => ({
  type,
  entity: type.split('.')[0]!,
  recordId: 'r1',
  payload,
});
const levelChange = (before: unknown, after: unknown) =>
  ev('customer.updated', { changed: ['level'], changes: { level: { before, after } } });

describe('matchesTrigger', () => {
  it.each<[string, unknown, TriggerEvent, boolean]>([
    ['created of the entity', { type: 'record_created', entity: 'lead' }, ev('lead.created'), true],
    ['created of another entity', { type: 'record_created', entity: 'lead' }, ev('customer.created'), false],
    ['any update', { type: 'record_updated', entity: 'customer' }, levelChange('B', 'A'), true],
    [
      'watched field changed',
      { type: 'record_updated', entity: 'customer', fields: ['level'] },
      levelChange('B', 'A'),
      true,
    ],
    [
      'other field changed',
      { type: 'record_updated', entity: 'customer', fields: ['region'] },
      levelChange('B', 'A'),
      false,
    ],
    [
      'changed to the value',
      { type: 'record_updated', entity: 'customer', fields: ['level'], to: 'A' },
      levelChange('B', 'A'),
      true,
    ],
    [
      'changed to another value',
      { type: 'record_updated', entity: 'customer', fields: ['level'], to: 'C' },
      levelChange('B', 'A'),
      false,
    ],
    [
      'changed from the value',
      { type: 'record_updated', entity: 'customer', fields: ['level'], from: 'B' },
      levelChange('B', 'A'),
      true,
    ],
    [
      'changed from another value',
      { type: 'record_updated', entity: 'customer', fields: ['level'], from: 'A' },
      levelChange('B', 'A'),
      false,
    ],
    [
      'changed from empty',
      { type: 'record_updated', entity: 'customer', fields: ['level'], from: null },
      levelChange(null, 'A'),
      true,
    ],
    [
      'custom field to value',
      { type: 'record_updated', entity: 'deal', fields: ['custom.paid'], to: true },
      ev('deal.updated', {
        changed: ['custom.paid'],
        changes: { 'custom.paid': { before: false, after: true } },
      }),
      true,
    ],
    [
      'stage to',
      { type: 'stage_changed', to_stage_ids: ['s2'] },
      ev('deal.stage_changed', { from_stage_id: 's1', to_stage_id: 's2' }),
      true,
    ],
    [
      'stage to other',
      { type: 'stage_changed', to_stage_ids: ['s3'] },
      ev('deal.stage_changed', { from_stage_id: 's1', to_stage_id: 's2' }),
      false,
    ],
    [
      'stage from',
      { type: 'stage_changed', from_stage_ids: ['s1'] },
      ev('deal.stage_changed', { from_stage_id: 's1', to_stage_id: 's2' }),
      true,
    ],
    [
      'stage other pipeline',
      { type: 'stage_changed', pipeline_id: 'p2' },
      ev('deal.stage_changed', { pipeline_id: 'p1' }),
      false,
    ],
    ['owner changed', { type: 'owner_changed', entity: 'customer' }, ev('customer.owner_changed'), true],
    ['owner of other entity', { type: 'owner_changed', entity: 'deal' }, ev('customer.owner_changed'), false],
    ['client event', { type: 'client_event', event: 'email_opened' }, ev('client.email_opened'), true],
    ['other client event', { type: 'client_event', event: 'link_clicked' }, ev('client.email_opened'), false],
    [
      'keyword found',
      { type: 'client_event', event: 'message_received', keywords: ['报价', 'Price'] },
      ev('client.message_received', { text: '请发一下price单' }),
      true,
    ],
    [
      'keyword absent',
      { type: 'client_event', event: 'message_received', keywords: ['报价'] },
      ev('client.message_received', { text: '你好' }),
      false,
    ],
    [
      'time triggers never match events',
      {
        type: 'relative_time',
        entity: 'customer',
        field: 'last_contact_at',
        direction: 'after',
        offset: { amount: 30, unit: 'days' },
      },
      ev('customer.updated'),
      false,
    ],
  ])('%s', (_name, trigger, event, expected) => {
    expect(matchesTrigger(t(trigger), event).match).toBe(expected);
  });

  it('carries the debounce window of an update trigger', () => {
    const decision = matchesTrigger(
      t({ type: 'record_updated', entity: 'customer', debounce_seconds: 60 }),
      levelChange('B', 'A'),
    );
    expect(decision).toEqual({ match: true, debounceSeconds: 60 });
  });

  it('lists the event types a trigger listens to', () => {
    expect(triggerEventTypes(t({ type: 'stage_changed' }))).toEqual(['deal.stage_changed']);
    expect(triggerEventTypes(t({ type: 'schedule', cron: '0 9 * * 1' }))).toEqual([]);
  });
});

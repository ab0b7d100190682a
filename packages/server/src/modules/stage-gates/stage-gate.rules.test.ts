import { describe, expect, it } from 'vitest';
import type { FieldCatalog, StageGate, ValueExpr } from '@tideline/shared';
import { entryValue, isFilled, missingFields, onEntryEdits } from './stage-gate.rules';

const clock = { now: new Date('2026-11-23T17:30:00Z'), timezone: 'Asia/Shanghai' };

const catalog: FieldCatalog = {
  amount: { type: 'money', label: 'Amount' },
  expected_close_date: { type: 'date', label: 'Expected close date' },
  'custom.contract_no': { type: 'text', label: '合同编号' },
  'custom.invoice_sent_at': { type: 'instant', label: '开票时间' },
  'custom.regions': { type: 'multi', label: '区域' },
};

describe('isFilled', () => {
  it.each<[string, unknown, boolean]>([
    ['custom.contract_no', 'HT-1', true],
    ['custom.contract_no', '  ', false],
    ['custom.contract_no', null, false],
    ['custom.contract_no', undefined, false],
    ['custom.regions', [], false],
    ['custom.regions', ['华东'], true],
    ['amount', 0, false],
    ['amount', 1, true],
    ['custom.budget', 0, true],
    ['custom.flag', false, true],
  ])('%s = %j → %s', (path, value, filled) => expect(isFilled(path, value)).toBe(filled));
});

describe('entryValue', () => {
  it.each<[ValueExpr, string, unknown]>([
    [{ type: 'now' }, 'instant', '2026-11-23T17:30:00.000Z'],
    // 17:30 UTC is already the next day in Shanghai.
    [{ type: 'now' }, 'date', '2026-11-24'],
    [{ type: 'relative', amount: 7, unit: 'days' }, 'date', '2026-12-01'],
    [{ type: 'relative', amount: -2, unit: 'hours' }, 'instant', '2026-11-23T15:30:00.000Z'],
    [{ type: 'relative', amount: 1, unit: 'business_days' }, 'date', undefined],
    [{ type: 'const', value: 'sent' }, 'enum', 'sent'],
    [{ type: 'const', value: null }, 'text', null],
    [{ type: 'template', template: '{{ x }}' }, 'text', undefined],
  ])('%j on a %s field → %j', (expr, type, value) => expect(entryValue(expr, type, clock)).toEqual(value));
});

describe('missingFields and onEntryEdits', () => {
  const gate: StageGate = {
    required_fields: ['amount', 'custom.contract_no', 'custom.deleted'],
    on_entry: {
      'custom.invoice_sent_at': { type: 'now' },
      expected_close_date: { type: 'relative', amount: 30, unit: 'days' },
      'custom.deleted': { type: 'const', value: 'x' },
    },
  };

  it('lists the missing required fields in order, ignoring fields that no longer exist', () => {
    expect(missingFields(gate, { amount: 0, 'custom.contract_no': 'HT' }, catalog)).toEqual([
      { path: 'amount', label: 'Amount', type: 'money' },
    ]);
    expect(missingFields(gate, { amount: 5 }, catalog).map((f) => f.path)).toEqual(['custom.contract_no']);
  });

  it('leaves out the fields the request sets itself', () => {
    expect(onEntryEdits(gate, catalog, clock, new Set())).toEqual({
      'custom.invoice_sent_at': '2026-11-23T17:30:00.000Z',
      expected_close_date: '2026-12-24',
    });
    expect(onEntryEdits(gate, catalog, clock, new Set(['expected_close_date']))).toEqual({
      'custom.invoice_sent_at': '2026-11-23T17:30:00.000Z',
    });
  });
});

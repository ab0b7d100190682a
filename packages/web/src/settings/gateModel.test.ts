import { describe, expect, it } from 'vitest';
import type { StageGate } from '@tideline/shared';
import { ApiError } from '../api/client';
import { zhCN } from '../i18n/zh-CN';
import { fromGateDraft, gateFields, gateSize, nameGateErrors, toGateDraft } from './gateModel';

const defs = [
  {
    id: 'f1',
    entity: 'deal',
    key: 'invoice_sent_at',
    label: '开票时间',
    type: 'datetime' as const,
    options: [],
    required: false,
    position: 0,
  },
];
const fields = gateFields(zhCN, defs, []);

describe('gate model', () => {
  it('round-trips a gate through the editor', () => {
    const gate: StageGate = {
      required_fields: ['amount', 'custom.invoice_sent_at'],
      entry_condition: { all: [{ field: 'amount', op: 'gte', value: 100_000 }] },
      on_entry: {
        'custom.invoice_sent_at': { type: 'now' },
        expected_close_date: { type: 'relative', amount: 7, unit: 'days' },
        description: { type: 'const', value: '已进入签约' },
      },
    };
    expect(fromGateDraft(toGateDraft(gate), fields.condition)).toEqual(gate);
    expect(gateSize(gate)).toBe(6);
  });

  it('keeps a condition with any-groups as it is, and empties to no gate', () => {
    const anyOf: StageGate = {
      required_fields: [],
      entry_condition: {
        any: [
          { field: 'amount', op: 'gt', value: 0 },
          { field: 'amount', op: 'empty' },
        ],
      },
      on_entry: {},
    };
    const draft = toGateDraft(anyOf);
    expect(draft.fixedCondition).toEqual(anyOf.entry_condition);
    expect(fromGateDraft(draft, fields.condition)).toEqual(anyOf);
    expect(fromGateDraft({ ...draft, fixedCondition: null }, fields.condition)).toBeNull();
    expect(gateSize(null)).toBe(0);
  });

  it('drops incomplete rows', () => {
    const draft = toGateDraft(null);
    draft.onEntry.push({ id: 'r1', field: 'description', mode: 'const', value: '' });
    draft.conditions.push({ id: 'c1', field: 'amount', op: 'gte', value: undefined });
    expect(fromGateDraft(draft, fields.condition)).toBeNull();
  });

  it('offers the fields each part may use, in the UI’s words', () => {
    expect(fields.required.map((f) => f.label)).toEqual([
      '联系人',
      '金额',
      '预计成交日期',
      '描述',
      '负责人',
      '开票时间',
    ]);
    expect(fields.onEntry.map((f) => [f.key, f.kind])).toEqual([
      ['expected_close_date', 'date'],
      ['description', 'text'],
      ['custom.invoice_sent_at', 'instant'],
    ]);
    expect(fields.condition.some((f) => f.key === 'stage_id' || f.key === 'tags')).toBe(false);
  });

  it('names gate errors after their stage', () => {
    const error = new ApiError(400, 'validation_failed', 'bad', [
      { path: 'stages[1].gate.required_fields[0]', message: 'unknown field', code: 'unknown_field' },
      { path: 'name', message: 'required' },
    ]);
    const named = nameGateErrors(error, ['初步接触', '签约'], '阶段关卡') as ApiError;
    expect(named.errors.map((e) => e.path)).toEqual(['阶段关卡「签约」 required_fields[0]', 'name']);
  });
});

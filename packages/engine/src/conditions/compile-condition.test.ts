import { describe, expect, it } from 'vitest';
import type { ConditionLeaf, ConditionNode } from '@tideline/shared';
import { InvalidConditionError, compileCondition } from './compile-condition';
import { testCatalog as catalog, testEnv as env } from './condition.fixtures';

const MISSING = Symbol('missing');
type Case = [
  field: string,
  op: ConditionLeaf['op'],
  value: ConditionLeaf['value'],
  actual: unknown,
  expected: boolean,
];

function run(leaf: ConditionLeaf, actual: unknown, at = env): boolean {
  const values = actual === MISSING ? {} : { [leaf.field]: actual };
  return compileCondition(leaf, catalog)(values, at);
}

const cases: Record<string, Case[]> = {
  text: [
    ['name', 'eq', 'Acme', 'Acme', true],
    ['name', 'eq', 'Acme', '  Acme ', true],
    ['name', 'eq', ' Acme ', 'Acme', true],
    ['name', 'eq', 'Acme', 'acme', false],
    ['name', 'eq', 'Acme', null, false],
    ['name', 'eq', 'Acme', MISSING, false],
    ['name', 'eq', 123, '123', true],
    ['name', 'eq', '123', 123, true],
    ['name', 'ne', 'Acme', 'Acme', false],
    ['name', 'ne', 'Acme', 'Other', true],
    ['name', 'ne', 'Acme', null, true],
    ['name', 'ne', 'Acme', '', true],
    ['name', 'in', ['Acme', 'Beta'], 'Beta', true],
    ['name', 'in', ['Acme', 'Beta'], 'Gamma', false],
    ['name', 'in', ['Acme', 'Beta'], null, false],
    ['name', 'nin', ['Acme', 'Beta'], 'Gamma', true],
    ['name', 'nin', ['Acme', 'Beta'], 'Acme', false],
    ['name', 'nin', ['Acme', 'Beta'], null, true],
    ['name', 'contains', '科技', '上海星河科技有限公司', true],
    ['name', 'contains', '科技', '上海星河贸易', false],
    ['name', 'contains', 'ACME', 'the acme corp', true],
    ['name', 'contains', 'acme', 'THE ACME CORP', true],
    ['name', 'contains', '科技', null, false],
    ['name', 'not_contains', 'acme', 'Acme Ltd', false],
    ['name', 'not_contains', 'acme', 'Beta', true],
    ['name', 'not_contains', 'acme', null, true],
    ['name', 'starts_with', 'acme', '  ACME Ltd', true],
    ['name', 'starts_with', 'acme', 'The Acme', false],
    ['name', 'starts_with', '上海', '上海星河', true],
    ['name', 'starts_with', 'acme', MISSING, false],
    ['name', 'empty', undefined, null, true],
    ['name', 'empty', undefined, MISSING, true],
    ['name', 'empty', null, '', true],
    ['name', 'empty', undefined, '   ', true],
    ['name', 'empty', undefined, 'x', false],
    ['name', 'not_empty', undefined, '   ', false],
    ['name', 'not_empty', undefined, 'x', true],
    ['name', 'eq', 'Acme', { name: 'Acme' }, false],
  ],
  enum: [
    ['source', 'eq', 'web_form', 'web_form', true],
    ['source', 'eq', 'web_form', 'referral', false],
    ['source', 'eq', 'web_form', null, false],
    ['source', 'ne', 'web_form', null, true],
    ['source', 'ne', 'web_form', 'referral', true],
    ['source', 'ne', 'web_form', 'web_form', false],
    ['source', 'in', ['web_form', 'referral'], 'referral', true],
    ['source', 'in', ['web_form', 'referral'], 'trade_show', false],
    ['source', 'nin', ['web_form', 'referral'], 'trade_show', true],
    ['source', 'nin', ['web_form', 'referral'], null, true],
    ['source', 'nin', ['web_form', 'referral'], 'web_form', false],
    ['source', 'empty', undefined, '', true],
    ['source', 'empty', undefined, 'web_form', false],
    ['source', 'not_empty', undefined, 'web_form', true],
  ],
  'id and user': [
    ['owner_id', 'eq', 'u-1', 'u-1', true],
    ['owner_id', 'eq', 'u-1', 'U-1', false],
    ['owner_id', 'in', ['u-1', 'u-2'], 'u-2', true],
    ['owner_id', 'nin', ['u-1', 'u-2'], 'u-3', true],
    ['owner_id', 'empty', undefined, null, true],
    ['stage_id', 'ne', 's-1', 's-2', true],
    ['stage_id', 'not_empty', undefined, 's-2', true],
  ],
  number: [
    ['employees', 'eq', 100, 100, true],
    ['employees', 'eq', 100, '100', true],
    ['employees', 'eq', 100, ' 100.0 ', true],
    ['employees', 'eq', 100, 'abc', false],
    ['employees', 'eq', 100, null, false],
    ['employees', 'eq', 0, -0, true],
    ['employees', 'ne', 5, null, true],
    ['employees', 'ne', 5, 5, false],
    ['employees', 'gt', 100, 101, true],
    ['employees', 'gt', 100, 100, false],
    ['employees', 'gt', 100, '150', true],
    ['employees', 'gt', -1, null, false],
    ['employees', 'gte', 100, 100, true],
    ['employees', 'lt', 100, 99.5, true],
    ['employees', 'lt', 100, 100, false],
    ['employees', 'lt', 100, null, false],
    ['employees', 'lte', 100, 100, true],
    ['employees', 'between', [100, 499], 100, true],
    ['employees', 'between', [100, 499], 499, true],
    ['employees', 'between', [100, 499], 500, false],
    ['employees', 'between', [100, 499], 99, false],
    ['employees', 'between', [100, 499], null, false],
    ['employees', 'in', [1, 2, 3], 2, true],
    ['employees', 'in', [1, 2, 3], '3', true],
    ['employees', 'in', [1, 2, 3], 4, false],
    ['employees', 'nin', [1, 2, 3], 4, true],
    ['employees', 'nin', [1, 2, 3], null, true],
    ['employees', 'empty', undefined, Number.NaN, true],
    ['employees', 'empty', undefined, 0, false],
    ['employees', 'not_empty', undefined, 0, true],
    ['employees', 'eq', 1, true, false],
  ],
  money: [
    ['amount', 'between', [100_000, 500_000], 100_000, true],
    ['amount', 'between', [100_000, 500_000], 500_001, false],
    ['amount', 'gt', 0, 1, true],
    ['amount', 'eq', 0, 0, true],
    ['amount', 'empty', undefined, 0, false],
    ['amount', 'lte', 99_999, '99999', true],
  ],
  instant: [
    ['last_contact_at', 'gt', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z', true],
    ['last_contact_at', 'gt', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z', false],
    ['last_contact_at', 'gt', '2026-11-01T00:00:00Z', '2026-11-01T08:00:00+08:00', false],
    ['last_contact_at', 'gte', '2026-11-01T00:00:00Z', '2026-11-01T08:00:00+08:00', true],
    ['last_contact_at', 'lt', '2026-11-01T00:00:00Z', new Date('2026-10-31T23:59:59Z'), true],
    ['last_contact_at', 'lte', '2026-11-01T00:00:00Z', Date.parse('2026-11-01T00:00:00Z'), true],
    ['last_contact_at', 'lt', '2026-11-01T00:00:00Z', 'not a date', false],
    ['last_contact_at', 'lt', '2026-11-01T00:00:00Z', null, false],
    [
      'last_contact_at',
      'between',
      ['2026-11-01T00:00:00Z', '2026-11-30T23:59:59Z'],
      '2026-11-30T23:59:59Z',
      true,
    ],
    [
      'last_contact_at',
      'between',
      ['2026-11-01T00:00:00Z', '2026-11-30T23:59:59Z'],
      '2026-12-01T00:00:00Z',
      false,
    ],
    ['last_contact_at', 'last_n_days', 7, '2026-11-16T16:00:00.000Z', true],
    ['last_contact_at', 'last_n_days', 7, '2026-11-16T15:59:59.999Z', false],
    ['last_contact_at', 'last_n_days', 7, '2026-11-23T15:59:59Z', true],
    ['last_contact_at', 'last_n_days', 7, '2026-11-23T16:00:00Z', false],
    ['last_contact_at', 'last_n_days', 0, '2026-11-23T02:00:00Z', false],
    ['last_contact_at', 'last_n_days', 7, null, false],
    ['last_contact_at', 'next_n_days', 3, '2026-11-22T16:00:00Z', true],
    ['last_contact_at', 'next_n_days', 3, '2026-11-25T15:59:59Z', true],
    ['last_contact_at', 'next_n_days', 3, '2026-11-25T16:00:00Z', false],
    ['last_contact_at', 'older_than_days', 30, '2026-10-23T15:59:59Z', true],
    ['last_contact_at', 'older_than_days', 30, '2026-10-23T16:00:00Z', false],
    ['last_contact_at', 'older_than_days', 30, null, false],
    ['last_contact_at', 'older_than_days', 0, '2026-11-22T15:59:59Z', true],
    ['last_contact_at', 'older_than_days', 0, '2026-11-22T16:00:00Z', false],
    ['last_contact_at', 'period', 'today', '2026-11-22T16:00:00Z', true],
    ['last_contact_at', 'period', 'yesterday', '2026-11-22T15:59:59Z', true],
    ['last_contact_at', 'period', 'this_week', '2026-11-29T15:59:59Z', true],
    ['last_contact_at', 'period', 'this_week', '2026-11-22T15:59:59Z', false],
    ['last_contact_at', 'period', 'last_week', '2026-11-22T15:59:59Z', true],
    ['last_contact_at', 'empty', undefined, 'garbage', true],
    ['last_contact_at', 'not_empty', undefined, '2026-11-01T00:00:00Z', true],
  ],
  date: [
    ['close_date', 'eq', '2026-11-23', '2026-11-23', true],
    ['close_date', 'eq', '2026-11-23', '2026-11-23T00:00:00', true],
    ['close_date', 'eq', '2026-11-23', '20261123', false],
    ['close_date', 'ne', '2026-11-23', null, true],
    ['close_date', 'gt', '2026-11-23', '2026-11-24', true],
    ['close_date', 'gte', '2026-11-23', '2026-11-23', true],
    ['close_date', 'lt', '2026-11-23', '2026-11-22', true],
    ['close_date', 'lte', '2026-11-23', '2026-11-24', false],
    ['close_date', 'between', ['2026-11-01', '2026-11-30'], '2026-11-30', true],
    ['close_date', 'between', ['2026-11-01', '2026-11-30'], '2026-12-01', false],
    ['close_date', 'last_n_days', 7, '2026-11-17', true],
    ['close_date', 'last_n_days', 7, '2026-11-16', false],
    ['close_date', 'last_n_days', 7, '2026-11-23', true],
    ['close_date', 'last_n_days', 7, '2026-11-24', false],
    ['close_date', 'next_n_days', 1, '2026-11-23', true],
    ['close_date', 'next_n_days', 1, '2026-11-24', false],
    ['close_date', 'older_than_days', 30, '2026-10-23', true],
    ['close_date', 'older_than_days', 30, '2026-10-24', false],
    ['close_date', 'period', 'this_month', '2026-11-01', true],
    ['close_date', 'period', 'this_month', '2026-11-30', true],
    ['close_date', 'period', 'this_month', '2026-12-01', false],
    ['close_date', 'period', 'this_month', '2026-10-31', false],
    ['close_date', 'period', 'last_quarter', '2026-07-01', true],
    ['close_date', 'period', 'last_quarter', '2026-09-30', true],
    ['close_date', 'period', 'last_quarter', '2026-10-01', false],
    ['close_date', 'period', 'next_week', '2026-11-30', true],
    ['close_date', 'period', 'today', null, false],
    ['close_date', 'empty', undefined, 'junk', true],
  ],
  boolean: [
    ['is_key', 'eq', true, true, true],
    ['is_key', 'eq', true, 1, true],
    ['is_key', 'eq', true, '1', true],
    ['is_key', 'eq', true, 'true', true],
    ['is_key', 'eq', true, false, false],
    ['is_key', 'eq', true, 0, false],
    ['is_key', 'eq', true, null, false],
    ['is_key', 'eq', false, 0, true],
    ['is_key', 'eq', false, false, true],
    ['is_key', 'eq', false, null, false],
    ['is_key', 'eq', false, 2, false],
    ['is_key', 'ne', true, null, true],
    ['is_key', 'ne', true, 0, true],
    ['is_key', 'ne', true, 1, false],
    ['is_key', 'empty', undefined, null, true],
    ['is_key', 'empty', undefined, 0, false],
    ['is_key', 'not_empty', undefined, 0, true],
  ],
  multi: [
    ['tags', 'contains', '高价值', ['高价值', 'VIP'], true],
    ['tags', 'contains', '高价值', ['VIP'], false],
    ['tags', 'contains', '高价值', [], false],
    ['tags', 'contains', '高价值', null, false],
    ['tags', 'contains', 'vip', ['VIP'], false],
    ['tags', 'contains', '5', [5], true],
    ['tags', 'not_contains', '高价值', ['VIP'], true],
    ['tags', 'not_contains', '高价值', null, true],
    ['tags', 'not_contains', '高价值', [], true],
    ['tags', 'not_contains', '高价值', ['高价值'], false],
    ['tags', 'in', ['A', 'B'], ['C', 'B'], true],
    ['tags', 'in', ['A', 'B'], ['C'], false],
    ['tags', 'in', ['A', 'B'], null, false],
    ['tags', 'nin', ['A', 'B'], ['C'], true],
    ['tags', 'nin', ['A', 'B'], null, true],
    ['tags', 'nin', ['A', 'B'], ['C', 'A'], false],
    ['tags', 'empty', undefined, [], true],
    ['tags', 'empty', undefined, MISSING, true],
    ['tags', 'empty', undefined, 'A', true],
    ['tags', 'empty', undefined, ['A'], false],
    ['tags', 'not_empty', undefined, ['A'], true],
    ['custom.channels', 'in', ['wechat', 'email'], ['phone', 'email'], true],
  ],
};

describe('compileCondition: leaves', () => {
  for (const [type, table] of Object.entries(cases)) {
    describe(type, () => {
      it.each(table)('%s %s %j on %j → %s', (field, op, value, actual, expected) => {
        const leaf: ConditionLeaf = value === undefined ? { field, op } : { field, op, value };
        expect(run(leaf, actual)).toBe(expected);
      });
    });
  }
});

describe('compileCondition: groups', () => {
  const values = { source: 'web_form', employees: 250, tags: ['高价值'] };
  it.each<[string, ConditionNode | undefined, boolean]>([
    ['no condition', undefined, true],
    ['empty all', { all: [] }, true],
    ['empty any', { any: [] }, false],
    ['all of one', { all: [{ field: 'source', op: 'eq', value: 'web_form' }] }, true],
    [
      'all of two, one failing',
      {
        all: [
          { field: 'source', op: 'eq', value: 'web_form' },
          { field: 'employees', op: 'gt', value: 1000 },
        ],
      },
      false,
    ],
    [
      'any of three, the last passing',
      {
        any: [
          { field: 'source', op: 'eq', value: 'referral' },
          { field: 'employees', op: 'gt', value: 1000 },
          { field: 'tags', op: 'contains', value: '高价值' },
        ],
      },
      true,
    ],
    [
      'nested',
      {
        all: [
          { field: 'source', op: 'in', value: ['web_form', 'referral'] },
          {
            any: [
              { all: [{ field: 'employees', op: 'between', value: [100, 499] }, { any: [] }] },
              { field: 'tags', op: 'not_contains', value: 'VIP' },
            ],
          },
        ],
      },
      true,
    ],
  ])('%s → %s', (_name, node, expected) => {
    expect(compileCondition(node, catalog)(values, env)).toBe(expected);
  });
});

describe('compileCondition: relative dates across evaluations', () => {
  const today: ConditionLeaf = { field: 'last_contact_at', op: 'period', value: 'today' };
  const values = { last_contact_at: '2026-11-23T05:00:00Z' };

  it('re-resolves the range when the day changes and reuses it within the day', () => {
    const compiled = compileCondition(today, catalog);
    expect(compiled(values, env)).toBe(true);
    expect(compiled(values, { ...env, now: new Date('2026-11-23T15:59:59Z') })).toBe(true);
    expect(compiled(values, { ...env, now: new Date('2026-11-23T16:00:00Z') })).toBe(false);
    expect(compiled(values, { ...env, now: new Date('2026-11-22T16:00:00Z') })).toBe(true);
  });

  it('re-resolves the range when the time zone changes', () => {
    const compiled = compileCondition(today, catalog);
    const late = { last_contact_at: '2026-11-22T20:00:00Z' }; // 04:00 on the 23rd in Shanghai
    expect(compiled(late, env)).toBe(true);
    expect(compiled(late, { ...env, timezone: 'UTC' })).toBe(false);
    expect(compiled(late, env)).toBe(true);
  });

  it('rejects an unknown time zone or an invalid clock instead of guessing', () => {
    const compiled = compileCondition(today, catalog);
    expect(() => compiled(values, { ...env, timezone: 'Mars/Olympus' })).toThrow(/time zone/);
    expect(() => compileCondition(today, catalog)(values, { ...env, now: new Date('x') })).toThrow(/now/);
  });
});

describe('compileCondition: invalid input', () => {
  it('throws with the issues validateCondition reports', () => {
    const bad: ConditionNode = { all: [{ field: 'nope', op: 'eq', value: 1 }] };
    expect(() => compileCondition(bad, catalog)).toThrow(InvalidConditionError);
    try {
      compileCondition(bad, catalog);
    } catch (e) {
      expect((e as InvalidConditionError).issues).toEqual([
        { path: 'conditions.all[0].field', message: 'unknown field nope' },
      ]);
    }
  });
});

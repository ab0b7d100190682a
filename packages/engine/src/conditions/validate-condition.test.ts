import { describe, expect, it } from 'vitest';
import type { ConditionNode } from '@tideline/shared';
import { testCatalog as catalog } from './condition.fixtures';
import { validateCondition } from './validate-condition';

const leaf = (field: string, op: string, value?: unknown) =>
  ({
    all: [
      { field: 'source', op: 'eq', value: 'web_form' },
      { field, op, value },
    ],
  }) as unknown as ConditionNode;
const at = 'conditions.all[1]';
const PERIODS =
  'today, yesterday, tomorrow, this_week, last_week, next_week, this_month, last_month, next_month, this_quarter, last_quarter, this_year, last_year';

describe('validateCondition: accepted', () => {
  it.each<[string, unknown]>([
    ['no groups', { field: 'name', op: 'contains', value: '科技' }],
    ['empty all', { all: [] }],
    ['empty any', { any: [] }],
    ['text number', { field: 'name', op: 'eq', value: 42 }],
    ['enum in', { field: 'source', op: 'in', value: ['web_form', 'referral'] }],
    ['money between', { field: 'amount', op: 'between', value: [0, 100] }],
    ['equal bounds', { field: 'close_date', op: 'between', value: ['2026-11-01', '2026-11-01'] }],
    ['instant with offset', { field: 'last_contact_at', op: 'gt', value: '2026-11-01T08:00+08:00' }],
    ['older_than_days 0', { field: 'last_contact_at', op: 'older_than_days', value: 0 }],
    ['period', { field: 'close_date', op: 'period', value: 'last_quarter' }],
    ['empty with null', { field: 'tags', op: 'empty', value: null }],
    ['multi with free values', { field: 'tags', op: 'in', value: ['任意', '标签'] }],
    ['boolean', { field: 'is_key', op: 'ne', value: false }],
  ])('%s', (_name, node) => {
    expect(validateCondition(node as ConditionNode, catalog)).toEqual([]);
  });
});

describe('validateCondition: rejected, each at its path', () => {
  it.each<[string, string, unknown, string, string]>([
    ['nope', 'eq', 1, `${at}.field`, 'unknown field nope'],
    ['constructor', 'eq', 1, `${at}.field`, 'unknown field constructor'],
    ['', 'eq', 1, `${at}.field`, 'is required'],
    ['name', 'like', 'x', `${at}.op`, 'unknown operator like'],
    ['name', 'gt', 'x', `${at}.op`, 'operator gt does not apply to name (a text field)'],
    ['source', 'contains', 'x', `${at}.op`, 'operator contains does not apply to source (an enum field)'],
    ['tags', 'eq', 'x', `${at}.op`, 'operator eq does not apply to tags (a multi field)'],
    [
      'last_contact_at',
      'eq',
      '2026-11-01T00:00:00Z',
      `${at}.op`,
      'operator eq does not apply to last_contact_at (an instant field)',
    ],
    [
      'employees',
      'period',
      'today',
      `${at}.op`,
      'operator period does not apply to employees (a number field)',
    ],
    ['is_key', 'gt', true, `${at}.op`, 'operator gt does not apply to is_key (a boolean field)'],
    ['name', 'eq', undefined, `${at}.value`, 'is required'],
    ['name', 'eq', null, `${at}.value`, 'is required'],
    ['name', 'eq', ['a'], `${at}.value`, 'must be a single value, not a list'],
    ['name', 'eq', '  ', `${at}.value`, 'must not be blank (use the empty operator)'],
    ['name', 'contains', true, `${at}.value`, 'must be text'],
    ['source', 'eq', 'fax', `${at}.value`, 'must be one of web_form, referral, trade_show'],
    ['source', 'in', ['web_form', 'fax'], `${at}.value[1]`, 'must be one of web_form, referral, trade_show'],
    ['source', 'in', 'web_form', `${at}.value`, 'must be a list'],
    ['source', 'nin', [], `${at}.value`, 'must not be an empty list'],
    ['source', 'in', [['web_form']], `${at}.value[0]`, 'must be a single value'],
    ['owner_id', 'eq', '', `${at}.value`, 'must be an id'],
    ['owner_id', 'in', ['u-1', 7], `${at}.value[1]`, 'must be an id'],
    ['employees', 'gt', '5', `${at}.value`, 'must be a number'],
    ['amount', 'gte', 10.5, `${at}.value`, 'must be a whole number of minor units (fen)'],
    ['amount', 'between', 5, `${at}.value`, 'must be a list [from, to]'],
    ['amount', 'between', [1, 2, 3], `${at}.value`, 'must be a list of two values [from, to]'],
    ['amount', 'between', [1], `${at}.value`, 'must be a list of two values [from, to]'],
    ['amount', 'between', [1, 'x'], `${at}.value[1]`, 'must be a whole number of minor units (fen)'],
    ['amount', 'between', [9, 1], `${at}.value`, 'the first bound must not be after the second'],
    [
      'last_contact_at',
      'gt',
      '2026-11-01',
      `${at}.value`,
      'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T02:00:00Z',
    ],
    [
      'last_contact_at',
      'lt',
      '2026-11-01T25:00:00Z',
      `${at}.value`,
      'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T02:00:00Z',
    ],
    [
      'last_contact_at',
      'between',
      ['2026-12-01T00:00:00Z', '2026-11-01T00:00:00Z'],
      `${at}.value`,
      'the first bound must not be after the second',
    ],
    ['close_date', 'eq', '2026-02-30', `${at}.value`, 'must be a date, YYYY-MM-DD'],
    ['close_date', 'gte', '2026/11/01', `${at}.value`, 'must be a date, YYYY-MM-DD'],
    ['is_key', 'eq', 1, `${at}.value`, 'must be true or false'],
    ['tags', 'contains', '', `${at}.value`, 'must be text'],
    ['custom.channels', 'contains', 'fax', `${at}.value`, 'must be one of wechat, email, phone'],
    ['tags', 'empty', 'x', `${at}.value`, 'takes no value'],
    ['last_contact_at', 'last_n_days', -1, `${at}.value`, 'must be a whole number of days from 0 to 36500'],
    ['last_contact_at', 'next_n_days', 1.5, `${at}.value`, 'must be a whole number of days from 0 to 36500'],
    ['close_date', 'older_than_days', '30', `${at}.value`, 'must be a whole number of days from 0 to 36500'],
    [
      'close_date',
      'older_than_days',
      36_501,
      `${at}.value`,
      'must be a whole number of days from 0 to 36500',
    ],
    ['close_date', 'period', 'this_decade', `${at}.value`, `must be one of ${PERIODS}`],
    ['close_date', 'period', 7, `${at}.value`, `must be one of ${PERIODS}`],
  ])('%s %s %j → %s: %s', (field, op, value, path, message) => {
    expect(validateCondition(leaf(field, op, value), catalog)).toEqual([{ path, message }]);
  });

  it('reports every problem of a tree, in order, under a caller-given root path', () => {
    const node = {
      any: [
        { field: 'nope', op: 'eq', value: 1 },
        { all: [{ field: 'employees', op: 'between', value: ['a', 2] }, 'junk'] },
        { all: 'x' },
      ],
    } as unknown as ConditionNode;
    expect(validateCondition(node, catalog, 'steps[2].condition')).toEqual([
      { path: 'steps[2].condition.any[0].field', message: 'unknown field nope' },
      { path: 'steps[2].condition.any[1].all[0].value[0]', message: 'must be a number' },
      {
        path: 'steps[2].condition.any[1].all[1]',
        message: 'must be a condition {field, op, value} or a group {all: [...]} / {any: [...]}',
      },
      { path: 'steps[2].condition.any[2].all', message: 'must be a list of conditions' },
    ]);
  });

  it('limits nesting depth', () => {
    let node: ConditionNode = { field: 'name', op: 'empty' };
    for (let i = 0; i < 11; i++) node = { all: [node] };
    const issues = validateCondition(node, catalog);
    expect(issues).toEqual([
      { path: `conditions${'.all[0]'.repeat(10)}`, message: 'groups nest at most 10 levels deep' },
    ]);
    let ok: ConditionNode = { field: 'name', op: 'empty' };
    for (let i = 0; i < 10; i++) ok = { any: [ok] };
    expect(validateCondition(ok, catalog)).toEqual([]);
  });
});

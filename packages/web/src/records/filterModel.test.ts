import { describe, expect, it } from 'vitest';
import {
  OPS_BY_KIND,
  changeOp,
  isComplete,
  newCondition,
  resolveMe,
  toFilter,
  valueShape,
} from './filterModel';
import type { FieldDef } from './filterModel';

const fields: FieldDef[] = [
  { key: 'name', label: 'Name', kind: 'text' },
  { key: 'status', label: 'Status', kind: 'enum', options: [{ value: 'active', label: 'Active' }] },
  { key: 'last_contact_at', label: 'Last contact', kind: 'instant' },
  { key: 'amount', label: 'Amount', kind: 'money' },
  { key: 'owner_id', label: 'Owner', kind: 'user' },
  { key: 'tags', label: 'Tags', kind: 'tags' },
];
const field = (key: string) => fields.find((f) => f.key === key)!;

describe('filter model', () => {
  it('offers relative dates first for date fields', () => {
    expect(OPS_BY_KIND.instant.slice(0, 4)).toEqual([
      'period',
      'last_n_days',
      'next_n_days',
      'older_than_days',
    ]);
    const c = newCondition(field('last_contact_at'), 'x');
    expect(c).toEqual({ id: 'x', field: 'last_contact_at', op: 'period', value: 'this_month' });
  });

  it.each([
    ['text', 'contains', 'text'],
    ['enum', 'in', 'options'],
    ['enum', 'eq', 'option'],
    ['user', 'nin', 'users'],
    ['money', 'between', 'money-range'],
    ['instant', 'older_than_days', 'days'],
    ['date', 'period', 'period'],
    ['tags', 'contains', 'tags'],
    ['number', 'empty', 'none'],
  ] as const)('%s %s edits a %s value', (kind, op, shape) => {
    expect(valueShape(kind, op)).toBe(shape);
  });

  it('keeps the value when the editor stays the same and resets it otherwise', () => {
    const c = { id: 'x', field: 'last_contact_at', op: 'last_n_days' as const, value: 7 };
    expect(changeOp(c, field('last_contact_at'), 'older_than_days').value).toBe(7);
    expect(changeOp(c, field('last_contact_at'), 'period').value).toBe('this_month');
    expect(changeOp(c, field('last_contact_at'), 'empty').value).toBeUndefined();
  });

  it('sends only complete conditions, without ids, and no value for empty checks', () => {
    const drafts = [
      { id: '1', field: 'name', op: 'contains' as const, value: '科技' },
      { id: '2', field: 'name', op: 'contains' as const, value: '  ' },
      { id: '3', field: 'status', op: 'in' as const, value: [] },
      { id: '4', field: 'amount', op: 'between' as const, value: [100, ''] },
      { id: '5', field: 'tags', op: 'empty' as const, value: undefined },
      { id: '6', field: 'last_contact_at', op: 'older_than_days' as const, value: 30 },
      { id: '7', field: 'gone', op: 'eq' as const, value: 'x' },
    ];
    expect(toFilter(drafts, fields)).toEqual([
      { field: 'name', op: 'contains', value: '科技' },
      { field: 'tags', op: 'empty' },
      { field: 'last_contact_at', op: 'older_than_days', value: 30 },
    ]);
    expect(isComplete({ op: 'last_n_days', value: 0 }, field('last_contact_at'))).toBe(false);
  });

  it('resolves $me to the signed-in user in single and list values', () => {
    expect(
      resolveMe(
        [
          { field: 'owner_id', op: 'eq', value: '$me' },
          { field: 'owner_id', op: 'in', value: ['$me', 'u2'] },
        ],
        'u1',
      ),
    ).toEqual([
      { field: 'owner_id', op: 'eq', value: 'u1' },
      { field: 'owner_id', op: 'in', value: ['u1', 'u2'] },
    ]);
  });
});

import type { FilterCondition, FilterOp } from '@tideline/shared';

/**
 * The filter builder's model, free of React: which operators each kind of field offers (a subset of
 * what the server's list query accepts for that type), what value each operator needs, and when a
 * condition is complete enough to send.
 */

export type FieldKind =
  'text' | 'enum' | 'user' | 'ref' | 'number' | 'money' | 'instant' | 'date' | 'boolean' | 'multi' | 'tags';

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldDef {
  /** The API name: a column ("owner_id"), "custom.<key>" or the "tags" pseudo-field. */
  key: string;
  label: string;
  kind: FieldKind;
  options?: FieldOption[];
  sortable?: boolean;
  /** False for columns the server cannot filter on (e.g. long descriptions). */
  filterable?: boolean;
  custom?: boolean;
}

export type FilterValue = FilterCondition['value'];

/** A condition being edited; `id` keys the row in the UI only. */
export interface DraftCondition {
  id: string;
  field: string;
  op: FilterOp;
  value: FilterValue;
}

/** In saved views and the list UI, this value stands for the signed-in user. */
export const ME = '$me';

export const OPS_BY_KIND: Record<FieldKind, readonly FilterOp[]> = {
  text: ['contains', 'not_contains', 'eq', 'ne', 'starts_with', 'empty', 'not_empty'],
  enum: ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'],
  user: ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'],
  ref: ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'],
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty'],
  money: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty'],
  instant: [
    'period',
    'last_n_days',
    'next_n_days',
    'older_than_days',
    'gt',
    'lt',
    'between',
    'empty',
    'not_empty',
  ],
  date: [
    'period',
    'last_n_days',
    'next_n_days',
    'older_than_days',
    'eq',
    'gt',
    'lt',
    'between',
    'empty',
    'not_empty',
  ],
  boolean: ['eq', 'empty', 'not_empty'],
  multi: ['contains', 'not_contains', 'empty', 'not_empty'],
  tags: ['in', 'nin', 'contains', 'empty', 'not_empty'],
};

/** What the value editor of a condition looks like. */
export type ValueShape =
  | 'none'
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'instant'
  | 'days'
  | 'period'
  | 'boolean'
  | 'option'
  | 'options'
  | 'user'
  | 'users'
  | 'ref'
  | 'refs'
  | 'tags'
  | 'number-range'
  | 'money-range'
  | 'date-range'
  | 'instant-range';

const LIST_OPS: readonly FilterOp[] = ['in', 'nin'];

export function valueShape(kind: FieldKind, op: FilterOp): ValueShape {
  if (op === 'empty' || op === 'not_empty') return 'none';
  if (op === 'period') return 'period';
  if (op === 'last_n_days' || op === 'next_n_days' || op === 'older_than_days') return 'days';
  switch (kind) {
    case 'text':
      return 'text';
    case 'enum':
      return LIST_OPS.includes(op) ? 'options' : 'option';
    case 'multi':
      return 'option';
    case 'user':
      return LIST_OPS.includes(op) ? 'users' : 'user';
    case 'ref':
      return LIST_OPS.includes(op) ? 'refs' : 'ref';
    case 'tags':
      return 'tags';
    case 'boolean':
      return 'boolean';
    case 'number':
      return op === 'between' ? 'number-range' : 'number';
    case 'money':
      return op === 'between' ? 'money-range' : 'money';
    case 'date':
      return op === 'between' ? 'date-range' : 'date';
    case 'instant':
      return op === 'between' ? 'instant-range' : 'instant';
  }
}

/** The value a fresh condition starts with, so the editor has something sensible to show. */
export function initialValue(shape: ValueShape): FilterValue {
  switch (shape) {
    case 'days':
      return 30;
    case 'period':
      return 'this_month';
    case 'boolean':
      return true;
    case 'options':
    case 'users':
    case 'refs':
    case 'tags':
      return [];
    default:
      return undefined;
  }
}

export function defaultOp(kind: FieldKind): FilterOp {
  return OPS_BY_KIND[kind][0]!;
}

/** A new condition on `field`, with its first operator and a starting value. */
export function newCondition(field: FieldDef, id: string): DraftCondition {
  const op = defaultOp(field.kind);
  return { id, field: field.key, op, value: initialValue(valueShape(field.kind, op)) };
}

/** Change the operator, keeping the value when the editor stays the same. */
export function changeOp(cond: DraftCondition, field: FieldDef, op: FilterOp): DraftCondition {
  const before = valueShape(field.kind, cond.op);
  const after = valueShape(field.kind, op);
  return { ...cond, op, value: before === after ? cond.value : initialValue(after) };
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Whether a condition can be sent: an empty value would either fail or match nothing useful. */
export function isComplete(cond: Pick<DraftCondition, 'op' | 'value'>, field: FieldDef | undefined): boolean {
  if (!field) return false;
  const shape = valueShape(field.kind, cond.op);
  const v = cond.value;
  switch (shape) {
    case 'none':
      return true;
    case 'days':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1;
    case 'number':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'options':
    case 'users':
    case 'refs':
    case 'tags':
      return Array.isArray(v) && v.length > 0;
    case 'number-range':
    case 'money-range':
    case 'date-range':
    case 'instant-range':
      return Array.isArray(v) && v.length === 2 && v.every(filled);
    default:
      return typeof v === 'string' && v.trim() !== '';
  }
}

/** The complete conditions as the API takes them (ids dropped; empty-value operators send no value). */
export function toFilter(drafts: readonly DraftCondition[], fields: readonly FieldDef[]): FilterCondition[] {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  return drafts
    .filter((d) => isComplete(d, byKey.get(d.field)))
    .map((d) =>
      d.op === 'empty' || d.op === 'not_empty'
        ? { field: d.field, op: d.op }
        : { field: d.field, op: d.op, value: d.value },
    );
}

let seq = 0;
export const nextConditionId = () => `c${(seq += 1)}`;

export function toDrafts(filter: readonly FilterCondition[]): DraftCondition[] {
  return filter.map((c) => ({ id: nextConditionId(), field: c.field, op: c.op, value: c.value }));
}

/** Replace the `$me` placeholder with the signed-in user's id before a list request. */
export function resolveMe(filter: readonly FilterCondition[], userId: string): FilterCondition[] {
  const swap = (v: unknown) => (v === ME ? userId : v);
  return filter.map((c) => {
    if (Array.isArray(c.value)) return { ...c, value: c.value.map(swap) as typeof c.value };
    return c.value === ME ? { ...c, value: userId } : c;
  });
}

/** Custom field types of the API → the filter builder's field kinds. */
export const CUSTOM_KIND: Record<string, FieldKind> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  datetime: 'instant',
  select: 'enum',
  multi_select: 'multi',
  user: 'user',
  boolean: 'boolean',
};

import type {
  ConditionLeaf,
  ConditionNode,
  FieldCatalog,
  FieldInfo,
  FilterOp,
  ValueType,
} from '@tideline/shared';

/**
 * The condition editor's model, free of React: which operators each value type offers (the same table
 * as the engine's CONDITION_OPS, which the web app cannot import, in the order people look for them),
 * what value editor each operator needs, and how a leaf changes when its field or operator does.
 */

const EQ = ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'] as const;
const RELATIVE = ['period', 'last_n_days', 'next_n_days', 'older_than_days'] as const;
const ORDER = ['gt', 'gte', 'lt', 'lte', 'between'] as const;

export const OPS_BY_TYPE: Readonly<Record<ValueType, readonly FilterOp[]>> = {
  text: ['contains', 'not_contains', 'eq', 'ne', 'starts_with', 'in', 'nin', 'empty', 'not_empty'],
  enum: EQ,
  id: EQ,
  user: EQ,
  number: ['eq', 'ne', ...ORDER, 'in', 'nin', 'empty', 'not_empty'],
  money: ['eq', 'ne', ...ORDER, 'in', 'nin', 'empty', 'not_empty'],
  instant: [...RELATIVE, ...ORDER, 'empty', 'not_empty'],
  date: [...RELATIVE, 'eq', 'ne', ...ORDER, 'empty', 'not_empty'],
  boolean: ['eq', 'ne', 'empty', 'not_empty'],
  multi: ['contains', 'not_contains', 'in', 'nin', 'empty', 'not_empty'],
};

/** What the value editor of a leaf looks like. */
export type ValueInputKind =
  | 'none'
  | 'text'
  | 'texts'
  | 'number'
  | 'numbers'
  | 'money'
  | 'number-range'
  | 'money-range'
  | 'date'
  | 'date-range'
  | 'instant'
  | 'instant-range'
  | 'days'
  | 'period'
  | 'boolean'
  | 'option'
  | 'options'
  | 'user'
  | 'users';

const RANGE: Partial<Record<ValueType, ValueInputKind>> = {
  number: 'number-range',
  money: 'money-range',
  date: 'date-range',
  instant: 'instant-range',
};

export function valueInputKind(info: FieldInfo, op: FilterOp): ValueInputKind {
  if (op === 'empty' || op === 'not_empty') return 'none';
  if (op === 'period') return 'period';
  if (op === 'last_n_days' || op === 'next_n_days' || op === 'older_than_days') return 'days';
  if (op === 'between') return RANGE[info.type] ?? 'texts';
  const hasValues = Boolean(info.values?.length);
  const list = op === 'in' || op === 'nin';
  switch (info.type) {
    case 'enum':
    case 'multi':
      if (hasValues) return list ? 'options' : 'option';
      return list ? 'texts' : 'text';
    case 'user':
      return list ? 'users' : 'user';
    case 'number':
    case 'money':
      if (list) return 'numbers';
      return info.type;
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'instant':
      return info.type;
    default:
      return list ? 'texts' : 'text';
  }
}

/** The value a fresh leaf starts with, so the editor has something sensible to show. */
export function initialValue(kind: ValueInputKind): ConditionLeaf['value'] {
  switch (kind) {
    case 'days':
      return 30;
    case 'period':
      return 'this_month';
    case 'boolean':
      return true;
    case 'texts':
    case 'numbers':
    case 'options':
    case 'users':
      return [];
    default:
      return undefined;
  }
}

/** A leaf without an undefined `value` key, so it serialises the way the server stores it. */
function leaf(field: string, op: FilterOp, value: ConditionLeaf['value']): ConditionLeaf {
  return value === undefined ? { field, op } : { field, op, value };
}

export function opsFor(info: FieldInfo | undefined): readonly FilterOp[] {
  return info ? OPS_BY_TYPE[info.type] : [];
}

/** A new leaf on the first field of the catalog (or the given one). */
export function newLeaf(catalog: FieldCatalog, field?: string): ConditionLeaf {
  const key = field ?? Object.keys(catalog)[0] ?? '';
  const info = catalog[key];
  const op = opsFor(info)[0] ?? 'eq';
  return leaf(key, op, info ? initialValue(valueInputKind(info, op)) : undefined);
}

/** The leaf on another field: its operator stays when the new field offers it, the value starts over. */
export function changeField(current: ConditionLeaf, field: string, catalog: FieldCatalog): ConditionLeaf {
  const info = catalog[field];
  if (!info) return leaf(field, current.op, undefined);
  const ops = opsFor(info);
  const op = ops.includes(current.op) ? current.op : (ops[0] ?? 'eq');
  return leaf(field, op, initialValue(valueInputKind(info, op)));
}

/** The leaf with another operator: the value stays when the editor looks the same, else starts over. */
export function changeOp(current: ConditionLeaf, op: FilterOp, info: FieldInfo | undefined): ConditionLeaf {
  if (!info) return leaf(current.field, op, current.value);
  const before = valueInputKind(info, current.op);
  const after = valueInputKind(info, op);
  return leaf(current.field, op, before === after ? current.value : initialValue(after));
}

export const isGroup = (node: ConditionNode): node is { all: ConditionNode[] } | { any: ConditionNode[] } =>
  'all' in node || 'any' in node;

export function groupKind(node: ConditionNode): 'all' | 'any' {
  return 'any' in node ? 'any' : 'all';
}

export function groupChildren(node: ConditionNode): ConditionNode[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  return [];
}

export function makeGroup(kind: 'all' | 'any', children: ConditionNode[]): ConditionNode {
  return kind === 'all' ? { all: children } : { any: children };
}

/** How many leaves a tree holds, for summaries. */
export function countLeaves(node: ConditionNode | undefined): number {
  if (!node) return 0;
  return isGroup(node) ? groupChildren(node).reduce((n, c) => n + countLeaves(c), 0) : 1;
}

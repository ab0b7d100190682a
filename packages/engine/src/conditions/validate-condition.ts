import { FILTER_OPS, RELATIVE_PERIODS } from '@tideline/shared';
import type { ConditionNode, FieldCatalog, FieldInfo, FilterOp, ValueType } from '@tideline/shared';
import { CONDITION_OPS } from './condition-ops';

/** One problem in a condition tree; `path` names the part, e.g. `conditions.all[1].value`. */
export interface ConditionIssue {
  path: string;
  message: string;
}

/** Groups nest at most this deep, so a stored tree can never exhaust the stack when compiled. */
export const MAX_CONDITION_DEPTH = 10;
/** The largest day count a relative operator accepts (100 years). */
export const MAX_RELATIVE_DAYS = 36_500;

const SCALAR_OPS: ReadonlySet<FilterOp> = new Set([
  'eq',
  'ne',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Check a condition tree against the workspace's fields; an empty list means it compiles. */
export function validateCondition(
  node: ConditionNode,
  catalog: FieldCatalog,
  path = 'conditions',
): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  visit(node, catalog, path, 0, issues);
  return issues;
}

/** The catalog entry for a field path, ignoring inherited object keys such as `constructor`. */
export function fieldInfo(catalog: FieldCatalog, field: string): FieldInfo | undefined {
  return Object.hasOwn(catalog, field) ? catalog[field] : undefined;
}

function visit(
  node: unknown,
  catalog: FieldCatalog,
  path: string,
  depth: number,
  out: ConditionIssue[],
): void {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    out.push({
      path,
      message: 'must be a condition {field, op, value} or a group {all: [...]} / {any: [...]}',
    });
    return;
  }
  const group = 'all' in node ? 'all' : 'any' in node ? 'any' : null;
  if (group) {
    const children: unknown = (node as Record<string, unknown>)[group];
    if (!Array.isArray(children)) {
      out.push({ path: `${path}.${group}`, message: 'must be a list of conditions' });
    } else if (depth >= MAX_CONDITION_DEPTH) {
      out.push({ path, message: `groups nest at most ${MAX_CONDITION_DEPTH} levels deep` });
    } else {
      children.forEach((child, i) => visit(child, catalog, `${path}.${group}[${i}]`, depth + 1, out));
    }
    return;
  }
  const leaf = node as { field?: unknown; op?: unknown; value?: unknown };
  if (typeof leaf.field !== 'string' || leaf.field === '') {
    out.push({ path: `${path}.field`, message: 'is required' });
    return;
  }
  if (typeof leaf.op !== 'string' || !(FILTER_OPS as readonly string[]).includes(leaf.op)) {
    out.push({ path: `${path}.op`, message: `unknown operator ${String(leaf.op)}` });
    return;
  }
  const info = fieldInfo(catalog, leaf.field);
  if (!info) {
    out.push({ path: `${path}.field`, message: `unknown field ${leaf.field}` });
    return;
  }
  const op = leaf.op as FilterOp;
  if (!CONDITION_OPS[info.type].includes(op)) {
    out.push({
      path: `${path}.op`,
      message: `operator ${op} does not apply to ${leaf.field} (${/^[aeiou]/.test(info.type) ? 'an' : 'a'} ${info.type} field)`,
    });
    return;
  }
  checkValue(op, info, leaf.value, `${path}.value`, out);
}

function checkValue(
  op: FilterOp,
  info: FieldInfo,
  value: unknown,
  path: string,
  out: ConditionIssue[],
): void {
  const fail = (message: string, at = path) => void out.push({ path: at, message });
  if (op === 'empty' || op === 'not_empty') {
    if (value !== undefined && value !== null) fail('takes no value');
    return;
  }
  if (op === 'period') {
    if (typeof value !== 'string' || !(RELATIVE_PERIODS as readonly string[]).includes(value))
      fail(`must be one of ${RELATIVE_PERIODS.join(', ')}`);
    return;
  }
  if (op === 'last_n_days' || op === 'next_n_days' || op === 'older_than_days') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_RELATIVE_DAYS)
      fail(`must be a whole number of days from 0 to ${MAX_RELATIVE_DAYS}`);
    return;
  }
  if (value === undefined || value === null) return fail('is required');
  if (SCALAR_OPS.has(op)) {
    if (Array.isArray(value)) return fail('must be a single value, not a list');
    const problem = scalarProblem(info, value);
    if (problem) fail(problem);
    return;
  }
  // in, nin and between take lists.
  if (!Array.isArray(value)) return fail(op === 'between' ? 'must be a list [from, to]' : 'must be a list');
  if (op === 'between' && value.length !== 2) return fail('must be a list of two values [from, to]');
  if (value.length === 0) return fail('must not be an empty list');
  let valid = true;
  value.forEach((item: unknown, i) => {
    const problem =
      item === null || Array.isArray(item) ? 'must be a single value' : scalarProblem(info, item);
    if (problem) {
      valid = false;
      fail(problem, `${path}[${i}]`);
    }
  });
  if (op === 'between' && valid && boundsReversed(info.type, value[0], value[1]))
    fail('the first bound must not be after the second');
}

/** Why a single value does not fit the field's type, or null when it does. */
function scalarProblem(info: FieldInfo, value: unknown): string | null {
  switch (info.type) {
    case 'text':
      if (typeof value === 'number' && Number.isFinite(value)) return null;
      if (typeof value !== 'string') return 'must be text';
      return value.trim() === '' ? 'must not be blank (use the empty operator)' : null;
    case 'enum':
    case 'multi':
      if (typeof value !== 'string' || value === '') return 'must be text';
      return info.values?.length && !info.values.includes(value)
        ? `must be one of ${info.values.join(', ')}`
        : null;
    case 'id':
    case 'user':
      return typeof value === 'string' && value !== '' ? null : 'must be an id';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? null
        : 'must be a whole number of minor units (fen)';
    case 'instant':
      return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value))
        ? null
        : 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-23T02:00:00Z';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date, YYYY-MM-DD';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
  }
}

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function boundsReversed(type: ValueType, lo: unknown, hi: unknown): boolean {
  if (type === 'instant') return Date.parse(lo as string) > Date.parse(hi as string);
  if (type === 'number' || type === 'money') return (lo as number) > (hi as number);
  return String(lo) > String(hi);
}

import type { CustomFieldType } from '@tideline/shared';
import type { FieldIssue } from '../../core/errors';

export interface CustomFieldDef {
  key: string;
  label: string;
  type: CustomFieldType;
  options: { value: string; label: string }[];
  required: boolean;
}

export interface CustomValuesResult {
  values: Record<string, unknown>;
  issues: FieldIssue[];
  /** User ids referenced by `user` fields; the caller checks they belong to the workspace. */
  userIds: { path: string; id: string }[];
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Check custom-field values against the workspace's definitions and normalise them (datetimes to UTC,
 * multi-selects de-duplicated). With `existing`, the result is the merged object to store; `null`
 * clears a value. Required fields must end up with a value.
 */
export function validateCustomValues(
  defs: readonly CustomFieldDef[],
  input: Record<string, unknown> | undefined,
  existing: Record<string, unknown> | null,
  pathPrefix = 'custom',
): CustomValuesResult {
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const values: Record<string, unknown> = { ...(existing ?? {}) };
  const issues: FieldIssue[] = [];
  const userIds: { path: string; id: string }[] = [];
  for (const [key, raw] of Object.entries(input ?? {})) {
    const path = `${pathPrefix}.${key}`;
    const def = byKey.get(key);
    if (!def) {
      issues.push({ path, message: 'unknown custom field', code: 'unknown_field' });
      continue;
    }
    if (raw === null || raw === undefined || raw === '') {
      delete values[key];
      continue;
    }
    const result = coerce(def, raw);
    if ('error' in result) {
      issues.push({ path, message: result.error, code: 'invalid_type' });
      continue;
    }
    if (def.type === 'user') userIds.push({ path, id: result.value as string });
    values[key] = result.value;
  }
  for (const def of defs) {
    const v = values[def.key];
    const empty = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    if (def.required && empty && !issues.some((i) => i.path === `${pathPrefix}.${def.key}`)) {
      issues.push({
        path: `${pathPrefix}.${def.key}`,
        message: `${def.label} is required`,
        code: 'required',
      });
    }
  }
  return { values, issues, userIds };
}

function coerce(def: CustomFieldDef, raw: unknown): { value: unknown } | { error: string } {
  const optionValues = () => new Set(def.options.map((o) => o.value));
  switch (def.type) {
    case 'text':
      return typeof raw === 'string' && raw.length <= 500
        ? { value: raw.trim() }
        : { error: 'must be text of at most 500 characters' };
    case 'long_text':
      return typeof raw === 'string' && raw.length <= 20_000
        ? { value: raw }
        : { error: 'must be text of at most 20000 characters' };
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : { error: 'must be a number' };
    case 'money':
      return typeof raw === 'number' && Number.isSafeInteger(raw)
        ? { value: raw }
        : { error: 'must be an integer amount in minor units (fen)' };
    case 'date':
      return typeof raw === 'string' && validDate(raw)
        ? { value: raw }
        : { error: 'must be a date, YYYY-MM-DD' };
    case 'datetime': {
      const d = typeof raw === 'string' && /\d{4}-\d{2}-\d{2}T/.test(raw) ? new Date(raw) : null;
      return d && !Number.isNaN(d.getTime())
        ? { value: d.toISOString() }
        : { error: 'must be an ISO 8601 date-time' };
    }
    case 'select':
      return typeof raw === 'string' && optionValues().has(raw)
        ? { value: raw }
        : { error: 'must be one of the field options' };
    case 'multi_select': {
      const allowed = optionValues();
      return Array.isArray(raw) && raw.every((v) => typeof v === 'string' && allowed.has(v))
        ? { value: [...new Set(raw as string[])] }
        : { error: 'must be a list of the field options' };
    }
    case 'user':
      return typeof raw === 'string' && UUID_RE.test(raw)
        ? { value: raw.toLowerCase() }
        : { error: 'must be a user id' };
    case 'boolean':
      return typeof raw === 'boolean' ? { value: raw } : { error: 'must be true or false' };
  }
}

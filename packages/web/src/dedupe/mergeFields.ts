import type { DedupeEntity } from '@tideline/shared';
import type { Messages } from '../i18n/zh-CN';

export { MERGE_FIELDS } from '@tideline/shared';

/** A built-in field's label in the list's own words (客户名称, 手机 …). */
export function mergeFieldLabel(entity: DedupeEntity, field: string, m: Messages): string {
  const own = (m.fields[entity] as Record<string, string>)[field];
  return own ?? (m.fields as unknown as Record<string, string>)[field] ?? field;
}

export const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/** The value as the merge screen compares and shows it. */
export function shown(v: unknown): string {
  if (isBlank(v)) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

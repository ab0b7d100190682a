import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { CustomFieldDef } from '../api/types';

const isDayjs = (v: unknown): v is Dayjs => dayjs.isDayjs(v);

/** Form values of custom fields → the API's `custom` object (dates as text, money in fen). */
export function customToApi(
  defs: CustomFieldDef[],
  values: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!values) return undefined;
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    const v = values[def.key];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    if (def.type === 'date' && isDayjs(v)) out[def.key] = v.format('YYYY-MM-DD');
    else if (def.type === 'datetime' && isDayjs(v)) out[def.key] = v.toISOString();
    else if (def.type === 'money' && typeof v === 'number') out[def.key] = Math.round(v * 100);
    else out[def.key] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Drop empty strings and undefined, so optional fields are simply left out of the body. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    out[k] = v;
  }
  return out;
}

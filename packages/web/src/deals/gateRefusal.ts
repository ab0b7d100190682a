import dayjs from 'dayjs';
import type { StageGateMissingField, StageGateRefusal } from '@tideline/shared';
import { isApiError } from '../api/client';
import type { CustomFieldDef } from '../api/types';
import { customToApi } from '../forms/customValues';
import type { Messages } from '../i18n/zh-CN';

/** A `stage_gate_failed` refusal's members (missing fields, condition), or null for any other error. */
export function gateRefusalOf(error: unknown): StageGateRefusal | null {
  if (!isApiError(error) || error.code !== 'stage_gate_failed') return null;
  const b = error.body;
  const missing = Array.isArray(b.missing_fields) ? (b.missing_fields as unknown[]) : [];
  return {
    stage_id: typeof b.stage_id === 'string' ? b.stage_id : '',
    stage_name: typeof b.stage_name === 'string' ? b.stage_name : '',
    missing_fields: missing.flatMap((f): StageGateMissingField[] => {
      if (!f || typeof f !== 'object') return [];
      const { path, label, type } = f as Record<string, unknown>;
      return typeof path === 'string'
        ? [{ path, label: typeof label === 'string' ? label : path, type: String(type ?? 'text') }]
        : [];
    }),
    condition_failed: b.condition_failed === true,
    ...(typeof b.condition_text === 'string' ? { condition_text: b.condition_text } : {}),
  };
}

/** A deal field's name in the UI: built-in fields in our words, custom fields by their label. */
export function dealFieldLabel(path: string, m: Messages, defs: readonly CustomFieldDef[] = []): string {
  if (path.startsWith('custom.')) {
    const key = path.slice('custom.'.length);
    return defs.find((d) => d.key === key)?.label ?? key;
  }
  const deal = m.fields.deal as Record<string, string>;
  const common = m.fields as unknown as Record<string, unknown>;
  const top = common[path];
  return deal[path] ?? (typeof top === 'string' ? top : path);
}

/**
 * The fill-in dialog's values as the deal fields to send with the retried move: money typed in yuan
 * goes in fen, dates as text, custom values as the custom field editor sends them.
 */
export function filledFields(
  values: Record<string, unknown>,
  missing: readonly StageGateMissingField[],
  defs: CustomFieldDef[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { path } of missing) {
    if (path.startsWith('custom.')) continue;
    const v = values[path];
    if (v === undefined || v === null || v === '') continue;
    if (path === 'amount' && typeof v === 'number') out.amount = Math.round(v * 100);
    else if (path === 'expected_close_date' && dayjs.isDayjs(v))
      out.expected_close_date = v.format('YYYY-MM-DD');
    else out[path] = v;
  }
  const keys = new Set(missing.filter((f) => f.path.startsWith('custom.')).map((f) => f.path.slice(7)));
  const custom = customToApi(
    defs.filter((d) => keys.has(d.key)),
    values.custom as Record<string, unknown> | undefined,
  );
  if (custom) out.custom = custom;
  return out;
}

/** Fields of an earlier attempt with the newly filled ones on top (custom values merged key by key). */
export function mergeFields(
  before: Record<string, unknown> | undefined,
  added: Record<string, unknown>,
): Record<string, unknown> {
  const custom = { ...(before?.custom as object | undefined), ...(added.custom as object | undefined) };
  return { ...before, ...added, ...(Object.keys(custom).length ? { custom } : {}) };
}

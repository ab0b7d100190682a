import { DateTime } from 'luxon';
import type { FieldCatalog, StageGate, StageGateMissingField, ValueExpr } from '@tideline/shared';
import { calendarDate } from '@tideline/engine';

/* The pure parts of a stage gate: which required fields a deal lacks, what on-entry edits write. */

export interface GateClock {
  now: Date;
  timezone: string;
}

/**
 * Whether a field holds a value: not null, not blank text, not an empty list. A deal's amount is
 * never null (it defaults to 0), so requiring it means more than 0.
 */
export function isFilled(path: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (path === 'amount') return typeof value === 'number' && value > 0;
  return true;
}

/**
 * The required fields a deal's values (path → value) lack, in the gate's order. A required custom
 * field that no longer exists is ignored: nobody could fill it in.
 */
export function missingFields(
  gate: StageGate,
  values: Record<string, unknown>,
  catalog: FieldCatalog,
): StageGateMissingField[] {
  const out: StageGateMissingField[] = [];
  for (const path of gate.required_fields) {
    const info = catalog[path];
    if (!info || isFilled(path, values[path])) continue;
    out.push({ path, label: info.label ?? path, type: info.type });
  }
  return out;
}

/** Units an on-entry edit may offset by; business days and hours wait for the business calendar. */
export const ON_ENTRY_UNITS = ['minutes', 'hours', 'days'] as const;

/** The value an on-entry expression gives a field of `type` at `clock`; undefined when it gives none. */
export function entryValue(expr: ValueExpr, type: string, clock: GateClock): unknown {
  switch (expr.type) {
    case 'const':
      return expr.value;
    case 'now':
      return type === 'date' ? calendarDate(clock.now, clock.timezone) : clock.now.toISOString();
    case 'relative': {
      if (!(ON_ENTRY_UNITS as readonly string[]).includes(expr.unit)) return undefined;
      const at = DateTime.fromJSDate(clock.now, { zone: clock.timezone }).plus({ [expr.unit]: expr.amount });
      return type === 'date' ? at.toISODate() : at.toUTC().toISO();
    }
    case 'template':
      return undefined;
  }
}

/**
 * The fields the gate sets as a deal enters (path → value), leaving out those the request sets
 * itself (`explicit`): what a person typed in the same move wins over the stage's default.
 */
export function onEntryEdits(
  gate: StageGate,
  catalog: FieldCatalog,
  clock: GateClock,
  explicit: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, expr] of Object.entries(gate.on_entry)) {
    const info = catalog[path];
    if (!info || explicit.has(path)) continue;
    const value = entryValue(expr, info.type, clock);
    if (value !== undefined) out[path] = value;
  }
  return out;
}

import type { ExportColumn, ExportLang } from './export.columns';
import { BOOL_LABELS } from './export.columns';

/** A cell as written: text, or a number a spreadsheet can sum. */
export type Cell = string | number | null;

/**
 * Text a spreadsheet would read as a formula (= + - @) or that hides one behind a tab or carriage
 * return gets a leading apostrophe, as OWASP's CSV-injection advice says. Numbers stay numbers.
 */
export function escapeCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Names the page's ids stand for: owners and creators, contacts' customers. */
export interface NameLookup {
  users: Map<string, string>;
  customers: Map<string, string>;
}

export interface CellContext {
  lang: ExportLang;
  names: NameLookup;
  /** Formats an instant in the actor's time zone as `YYYY-MM-DD HH:mm:ss`. */
  instant: (iso: string) => string;
}

/** `YYYY-MM-DD HH:mm:ss` in a time zone: what people type and spreadsheets parse. */
export function instantFormatter(timezone: string): (iso: string) => string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : f.format(d);
  };
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function customCell(col: ExportColumn, value: unknown, ctx: CellContext): Cell {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return BOOL_LABELS[ctx.lang][value ? 0 : 1];
  if (col.options && Array.isArray(value)) return value.map((v) => col.options?.[String(v)] ?? v).join(', ');
  if (col.options && typeof value === 'string') return col.options[value] ?? value;
  return text(value);
}

/** One item's value for one column, as a person reads it (names, labels, local times), escaped. */
export function cellOf(col: ExportColumn, item: Record<string, unknown>, ctx: CellContext): Cell {
  if (col.kind === 'custom') {
    const custom = (item.custom ?? {}) as Record<string, unknown>;
    return escapeCell(customCell(col, custom[col.key.slice('custom.'.length)], ctx));
  }
  const value = item[col.key];
  if (value === null || value === undefined)
    return col.kind === 'ref' ? escapeCell(text(item[col.from!])) : null;
  switch (col.kind) {
    case 'number':
      return typeof value === 'number' ? value : escapeCell(text(value));
    case 'money':
      return typeof value === 'number' ? value / 100 : escapeCell(text(value));
    case 'instant':
      return ctx.instant(String(value));
    case 'bool':
      return BOOL_LABELS[ctx.lang][value === true || value === 1 ? 0 : 1];
    case 'enum':
      return escapeCell(col.values?.[String(value)]?.[ctx.lang] ?? text(value));
    case 'user':
      return escapeCell(ctx.names.users.get(String(value)) ?? null);
    case 'customer':
      return escapeCell(ctx.names.customers.get(String(value)) ?? null);
    case 'ref':
      return escapeCell(text(item[col.from!]));
    case 'tags':
      return escapeCell(
        Array.isArray(value) ? value.map((t) => (t as { name: string }).name).join(', ') : null,
      );
    default:
      return escapeCell(text(value));
  }
}

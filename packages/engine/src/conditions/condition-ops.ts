import type { FilterOp, ValueType } from '@tideline/shared';

/** The relative date operators; they resolve against the evaluation's `now` in the workspace time zone. */
export const RELATIVE_OPS = ['last_n_days', 'next_n_days', 'older_than_days', 'period'] as const;
export type RelativeOp = (typeof RELATIVE_OPS)[number];

const EQUALITY = ['eq', 'ne', 'in', 'nin', 'empty', 'not_empty'] as const;
const ORDER = ['gt', 'gte', 'lt', 'lte', 'between'] as const;

/** Operators a condition may use on a field of each value type. */
export const CONDITION_OPS: Readonly<Record<ValueType, readonly FilterOp[]>> = {
  text: [...EQUALITY, 'contains', 'not_contains', 'starts_with'],
  enum: EQUALITY,
  id: EQUALITY,
  user: EQUALITY,
  number: [...EQUALITY, ...ORDER],
  money: [...EQUALITY, ...ORDER],
  // Exact equality on millisecond instants is never what a rule means; use between or a period.
  instant: [...ORDER, 'empty', 'not_empty', ...RELATIVE_OPS],
  date: ['eq', 'ne', ...ORDER, 'empty', 'not_empty', ...RELATIVE_OPS],
  boolean: ['eq', 'ne', 'empty', 'not_empty'],
  multi: ['contains', 'not_contains', 'in', 'nin', 'empty', 'not_empty'],
};

/** A record value brought to the form operators compare; null stands for missing or empty. */
export type Reader<T> = (raw: unknown) => T | null;

/** Text: trimmed; blank reads as empty. Numbers are read as their decimal text. */
export const readText: Reader<string> = (v) => {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? null : t;
  }
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
};

/** Enum codes, ids and user ids compare exactly; '' reads as empty. */
export const readKey: Reader<string> = (v) => {
  if (typeof v === 'string') return v === '' ? null : v;
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
};

/** Numbers; numeric text (PostgreSQL returns bigint and numeric as strings) is read as a number. */
export const readNumber: Reader<number> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof v === 'bigint') return Number(v);
  return null;
};

/** Instants as epoch milliseconds, from ISO strings, Date objects or epoch milliseconds. */
export const readInstant: Reader<number> = (v) => {
  let ms: number;
  if (typeof v === 'string') ms = parseInstant(v);
  else if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'number') ms = v;
  else return null;
  return Number.isFinite(ms) ? ms : null;
};

/**
 * Date.parse, with a fast path for the canonical form the app stores ('2026-11-23T02:00:00.000Z'):
 * Date.parse and Date.UTC would otherwise dominate the cost of instant conditions. Anything else
 * (offsets, days a month lacks, hour 24, years before 1000) takes Date.parse, so both paths agree.
 */
export function parseInstant(s: string): number {
  if (s.length !== 24 || s.charCodeAt(10) !== 84 || s.charCodeAt(23) !== 90) return Date.parse(s);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const milli = digits(s, 20, 3);
  if (
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 ||
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    (day > 28 && day > monthLength(year, month)) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    milli < 0
  )
    return Date.parse(s);
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
}

/** The decimal number in s[at, at + n), or -1 if any character is not a digit. */
function digits(s: string, at: number, n: number): number {
  let out = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    out = out * 10 + d;
  }
  return out;
}

function monthLength(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil), for year ≥ 1. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}(?:$|[T ])/;

/** Calendar dates as 'YYYY-MM-DD' text, which sorts like the dates themselves. */
export const readDate: Reader<string> = (v) => {
  if (typeof v !== 'string' || !DATE_PREFIX.test(v)) return null;
  return v.length === 10 ? v : v.slice(0, 10);
};

/** Booleans as stored on either database: true/false, 1/0 or their text. */
export const readBoolean: Reader<boolean> = (v) => {
  if (v === true || v === 1 || v === '1' || v === 'true') return true;
  if (v === false || v === 0 || v === '0' || v === 'false') return false;
  return null;
};

/** Multi-valued fields (tags, multi-selects) as arrays of text; an empty array reads as empty. */
export const readMulti: Reader<readonly string[]> = (v) => {
  if (!Array.isArray(v) || v.length === 0) return null;
  for (const item of v) if (typeof item !== 'string') return normaliseItems(v);
  return v as readonly string[];
};

function normaliseItems(items: readonly unknown[]): readonly string[] | null {
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' && Number.isFinite(item)) out.push(String(item));
  }
  return out.length ? out : null;
}

/** The scalar reader for each type (multi reads whole arrays with readMulti). */
export const SCALAR_READERS: Readonly<
  Record<Exclude<ValueType, 'multi'>, Reader<string | number | boolean>>
> = {
  text: readText,
  enum: readKey,
  id: readKey,
  user: readKey,
  number: readNumber,
  money: readNumber,
  instant: readInstant,
  date: readDate,
  boolean: readBoolean,
};

/** A validated condition constant in the form the type's reader produces. */
export function constantOf(type: ValueType, value: unknown): string | number | boolean {
  switch (type) {
    case 'text':
      return String(value).trim();
    case 'number':
    case 'money':
      return value as number;
    case 'instant':
      return Date.parse(value as string);
    case 'boolean':
      return value as boolean;
    default:
      return String(value);
  }
}

/** Characters whose lower case is themselves and which no other character lower-cases into. */
const CASELESS = /^[\x00-\x40\x5b-\x60\x7b-\x7f\u3000-\u303f\u4e00-\u9fff\uff00-\uff20]*$/;

/** Whether a needle can be matched without lower-casing the haystack (digits, CJK, punctuation). */
export function isCaseless(needle: string): boolean {
  return CASELESS.test(needle);
}

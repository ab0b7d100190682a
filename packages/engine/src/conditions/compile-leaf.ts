import { DateTime } from 'luxon';
import type { ConditionLeaf, FieldInfo, RelativePeriod, ValueType } from '@tideline/shared';
import { calendarDate, resolveRelativeRange } from '../relative-range';
import type { Reader, RelativeOp } from './condition-ops';
import { SCALAR_READERS, constantOf, isCaseless, readMulti, readText } from './condition-ops';

/** Field path → value; the server resolves related paths such as `customer.level` before evaluating. */
export type ConditionValues = Record<string, unknown>;

/** What an evaluation needs besides the values: the clock and the workspace's time zone. */
export interface ConditionEnv {
  now: Date;
  timezone: string;
}

/** A condition compiled once, evaluated many times. */
export type CompiledCondition = (values: ConditionValues, env: ConditionEnv) => boolean;

type Scalar = string | number | boolean;

/** Build the closure for one leaf that validateCondition accepted. */
export function compileLeaf(leaf: ConditionLeaf, info: FieldInfo): CompiledCondition {
  const { field: f, op } = leaf;
  const type = info.type;
  if (type === 'multi') return compileMulti(leaf);
  const read = SCALAR_READERS[type];
  const list = () => (leaf.value as Scalar[]).map((v) => constantOf(type, v));
  switch (op) {
    case 'empty':
      return (v) => read(v[f]) === null;
    case 'not_empty':
      return (v) => read(v[f]) !== null;
    case 'eq': {
      const c = constantOf(type, leaf.value);
      return (v) => read(v[f]) === c;
    }
    case 'ne': {
      const c = constantOf(type, leaf.value);
      return (v) => read(v[f]) !== c;
    }
    case 'in': {
      const set = new Set(list());
      return (v) => {
        const x = read(v[f]);
        return x !== null && set.has(x);
      };
    }
    case 'nin': {
      const set = new Set(list());
      return (v) => {
        const x = read(v[f]);
        return x === null || !set.has(x);
      };
    }
    case 'contains':
    case 'not_contains':
    case 'starts_with':
      return compileTextMatch(f, op, String(leaf.value));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between':
      return compileOrder(
        read as Reader<number | string>,
        f,
        op,
        list,
        constantOf(type, leaf.value) as number | string,
      );
    case 'last_n_days':
    case 'next_n_days':
    case 'older_than_days':
    case 'period':
      return compileRelative(type, f, op, leaf.value as number | RelativePeriod);
  }
}

/** Case-insensitive substring and prefix tests on trimmed text. */
function compileTextMatch(f: string, op: 'contains' | 'not_contains' | 'starts_with', raw: string) {
  const needle = raw.trim().toLowerCase();
  // Lower-casing every haystack is the cost of these operators; skip it when the needle has no case.
  const fold = isCaseless(needle) ? (s: string) => s : (s: string) => s.toLowerCase();
  if (op === 'starts_with')
    return (v: ConditionValues) => {
      const x = readText(v[f]);
      return x !== null && fold(x).startsWith(needle);
    };
  const has = (v: ConditionValues) => {
    const x = readText(v[f]);
    return x !== null && fold(x).includes(needle);
  };
  return op === 'contains' ? has : (v: ConditionValues) => !has(v);
}

function compileOrder<T extends number | string>(
  read: Reader<T>,
  f: string,
  op: 'gt' | 'gte' | 'lt' | 'lte' | 'between',
  list: () => Scalar[],
  c: T,
): CompiledCondition {
  switch (op) {
    case 'gt':
      return (v) => {
        const x = read(v[f]);
        return x !== null && x > c;
      };
    case 'gte':
      return (v) => {
        const x = read(v[f]);
        return x !== null && x >= c;
      };
    case 'lt':
      return (v) => {
        const x = read(v[f]);
        return x !== null && x < c;
      };
    case 'lte':
      return (v) => {
        const x = read(v[f]);
        return x !== null && x <= c;
      };
    case 'between': {
      const [lo, hi] = list() as T[] as [T, T];
      return (v) => {
        const x = read(v[f]);
        return x !== null && x >= lo && x <= hi;
      };
    }
  }
}

/** Multi-valued fields: contains = has the value; in = has any of; nin = has none of. */
function compileMulti(leaf: ConditionLeaf): CompiledCondition {
  const f = leaf.field;
  switch (leaf.op) {
    case 'empty':
      return (v) => readMulti(v[f]) === null;
    case 'not_empty':
      return (v) => readMulti(v[f]) !== null;
    case 'contains':
    case 'not_contains': {
      const c = String(leaf.value);
      const has = (v: ConditionValues) => readMulti(v[f])?.includes(c) === true;
      return leaf.op === 'contains' ? has : (v) => !has(v);
    }
    case 'in':
    case 'nin': {
      const set = new Set((leaf.value as Scalar[]).map(String));
      const any = (v: ConditionValues) => {
        const xs = readMulti(v[f]);
        if (xs === null) return false;
        for (const x of xs) if (set.has(x)) return true;
        return false;
      };
      return leaf.op === 'in' ? any : (v) => !any(v);
    }
    default:
      throw new Error(`operator ${leaf.op} does not apply to multi-valued ${f}`);
  }
}

/**
 * Relative date operators. The range depends only on the local day of `now`, so each leaf keeps the
 * range of the last day it saw and resolves it again only when the day or the time zone changes.
 */
function compileRelative(
  type: ValueType,
  f: string,
  op: RelativeOp,
  value: number | RelativePeriod,
): CompiledCondition {
  if (type !== 'instant' && type !== 'date') throw new Error(`operator ${op} does not apply to ${f}`);
  const read = SCALAR_READERS[type] as Reader<number | string>;
  let zone = '';
  let dayStart = 0;
  let dayEnd = -1;
  let lo: number | string | null = null;
  let hi: number | string | null = null;
  const refresh = (env: ConditionEnv, t: number) => {
    if (Number.isNaN(t)) throw new RangeError('env.now is not a valid date');
    const today = DateTime.fromMillis(t, { zone: env.timezone }).startOf('day');
    if (!today.isValid) throw new RangeError(`unknown time zone ${env.timezone}`);
    const range = resolveRelativeRange(op, value, env.now, env.timezone);
    const bound = (d: Date | undefined) =>
      d === undefined ? null : type === 'date' ? calendarDate(d, env.timezone) : d.getTime();
    lo = bound(range.from);
    hi = bound(range.to);
    zone = env.timezone;
    dayStart = today.toMillis();
    dayEnd = today.plus({ days: 1 }).toMillis();
  };
  return (v, env) => {
    const x = read(v[f]);
    if (x === null) return false;
    const t = env.now.getTime();
    // Written so that NaN also refreshes (and throws) rather than reusing a stale range.
    if (!(t >= dayStart && t < dayEnd) || env.timezone !== zone) refresh(env, t);
    return (lo === null || x >= lo) && (hi === null || x < hi);
  };
}

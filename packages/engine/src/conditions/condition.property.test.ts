import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { RELATIVE_PERIODS } from '@tideline/shared';
import type { ConditionLeaf, ConditionNode, FilterOp, ValueType } from '@tideline/shared';
import { calendarDate, resolveRelativeRange } from '../relative-range';
import { compileCondition } from './compile-condition';
import type { ConditionEnv, ConditionValues } from './compile-leaf';
import { CONDITION_OPS } from './condition-ops';
import { testCatalog as catalog, testEnv } from './condition.fixtures';
import { explainCondition } from './explain-condition';
import { validateCondition } from './validate-condition';

// ------------------------------------------------------------------ generators

const BASE = testEnv.now.getTime();
const DAY = 86_400_000;
const fields = Object.keys(catalog);
const typeOf = (field: string): ValueType => catalog[field]!.type;

const isoAround = fc
  .integer({ min: -45 * 24 * 60, max: 45 * 24 * 60 })
  .map((minutes) => new Date(BASE + minutes * 60_000).toISOString());
const dateAround = fc
  .integer({ min: -120, max: 120 })
  .map((d) => DateTime.fromMillis(BASE + d * DAY, { zone: 'UTC' }).toISODate()!);

/** Values a condition may compare with, per type (small domains so that matches happen). */
function constantArb(field: string): fc.Arbitrary<string | number | boolean> {
  const info = catalog[field]!;
  switch (info.type) {
    case 'text':
      return fc.constantFrom('acme', 'Acme', 'ACME Ltd', '科技', '42', 42, ' beta ');
    case 'enum':
    case 'multi':
      return fc.constantFrom(...(info.values ?? ['A', 'B', 'C', '高价值']));
    case 'id':
    case 'user':
      return fc.constantFrom('u-1', 'u-2', 'u-3');
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(2.5));
    case 'money':
      return fc.integer({ min: -3, max: 3 });
    case 'instant':
      return isoAround;
    case 'date':
      return dateAround;
    case 'boolean':
      return fc.boolean();
  }
}

function valueArb(field: string, op: FilterOp): fc.Arbitrary<ConditionLeaf['value']> {
  const one = constantArb(field);
  switch (op) {
    case 'empty':
    case 'not_empty':
      return fc.constant(undefined);
    case 'in':
    case 'nin':
      return fc.array(one, { minLength: 1, maxLength: 3 });
    case 'between':
      return fc.tuple(one, one).map(([a, b]) => (order(typeOf(field), a, b) ? [a, b] : [b, a]));
    case 'period':
      return fc.constantFrom(...RELATIVE_PERIODS);
    case 'last_n_days':
    case 'next_n_days':
    case 'older_than_days':
      return fc.integer({ min: 0, max: 40 });
    default:
      return one;
  }
}

function order(type: ValueType, a: unknown, b: unknown): boolean {
  return type === 'instant'
    ? Date.parse(a as string) <= Date.parse(b as string)
    : (a as number) <= (b as number);
}

const leafArb: fc.Arbitrary<ConditionLeaf> = fc
  .constantFrom(...fields)
  .chain((field) =>
    fc
      .constantFrom(...CONDITION_OPS[typeOf(field)])
      .chain((op) => valueArb(field, op).map((value) => ({ field, op, value }))),
  );

function treeArb(depth: number): fc.Arbitrary<ConditionNode> {
  if (depth === 0) return leafArb;
  const group = fc
    .tuple(fc.boolean(), fc.array(treeArb(depth - 1), { maxLength: 4 }))
    .map(([all, children]): ConditionNode => (all ? { all: children } : { any: children }));
  return fc.oneof({ weight: 2, arbitrary: leafArb }, { weight: 1, arbitrary: group });
}

/** Record values as the server might hand them over, including odd shapes. */
function rawArb(type: ValueType): fc.Arbitrary<unknown> {
  const odd = fc.constantFrom(null, undefined, '', { x: 1 });
  switch (type) {
    case 'text':
      return fc.oneof(
        fc.constantFrom('Acme', ' acme ', 'ACME Ltd', '上海科技', '科技', '  ', 42, '42', 'beta'),
        odd,
      );
    case 'enum':
    case 'id':
    case 'user':
      return fc.oneof(fc.constantFrom('web_form', 'referral', 'trade_show', 'u-1', 'u-2', 'U-1', 7), odd);
    case 'number':
    case 'money':
      return fc.oneof(
        fc.integer({ min: -5, max: 5 }),
        fc.constantFrom('3', ' 2 ', 'abc', Number.NaN, true, 2.5),
        odd,
      );
    case 'instant':
      return fc.oneof(
        isoAround,
        isoAround.map((s) => DateTime.fromISO(s).setZone('Asia/Shanghai').toISO()),
        isoAround.map((s) => new Date(s)),
        isoAround.map((s) => Date.parse(s)),
        fc.constantFrom(
          'garbage',
          '2026-02-30T00:00:00.000Z',
          '2026-11-23T24:00:00.000Z',
          '2026-11-23T23:60:00.000Z',
        ),
        odd,
      );
    case 'date':
      return fc.oneof(
        dateAround,
        dateAround.map((d) => `${d}T00:00:00`),
        fc.constantFrom('junk', '20261123'),
        odd,
      );
    case 'boolean':
      return fc.oneof(fc.constantFrom(true, false, 0, 1, '1', '0', 'true', 'false', 2, 'yes'), odd);
    case 'multi':
      return fc.oneof(
        fc.array(fc.constantFrom('A', 'B', 'C', '高价值', 'wechat', 'email', 'phone'), { maxLength: 3 }),
        fc.constantFrom('A', [5], [null, 'B']),
        odd,
      );
  }
}

const valuesArb: fc.Arbitrary<ConditionValues> = fc.record(
  Object.fromEntries(fields.map((f) => [f, rawArb(typeOf(f))])),
  { requiredKeys: [] },
);
const envArb: fc.Arbitrary<ConditionEnv> = fc.record({
  now: fc.integer({ min: -3 * DAY, max: 3 * DAY }).map((ms) => new Date(BASE + ms)),
  timezone: fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
});

// ------------------------------------------------------------------ the naive reference interpreter

type Norm = string | number | boolean | string[] | null;

function norm(type: ValueType, raw: unknown): Norm {
  const finite = (n: number) => (Number.isFinite(n) ? n : null);
  switch (type) {
    case 'text': {
      const s =
        typeof raw === 'string'
          ? raw.trim()
          : typeof raw === 'number' && Number.isFinite(raw)
            ? `${raw}`
            : '';
      return s === '' ? null : s;
    }
    case 'enum':
    case 'id':
    case 'user':
      if (typeof raw === 'number' && Number.isFinite(raw)) return `${raw}`;
      return typeof raw === 'string' && raw !== '' ? raw : null;
    case 'number':
    case 'money':
      if (typeof raw === 'number') return finite(raw);
      return typeof raw === 'string' && raw.trim() !== '' ? finite(Number(raw)) : null;
    case 'instant':
      if (typeof raw === 'string' || typeof raw === 'number' || raw instanceof Date)
        return finite(new Date(raw).getTime());
      return null;
    case 'date':
      return typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}($|T| )/.test(raw) ? raw.substring(0, 10) : null;
    case 'boolean':
      return ([true, 1, '1', 'true'] as unknown[]).includes(raw)
        ? true
        : ([false, 0, '0', 'false'] as unknown[]).includes(raw)
          ? false
          : null;
    case 'multi': {
      if (!Array.isArray(raw)) return null;
      const items = raw.filter((x) => typeof x === 'string' || typeof x === 'number').map(String);
      return items.length ? items : null;
    }
  }
}

function constant(type: ValueType, v: unknown): Norm {
  if (type === 'multi') return String(v);
  return norm(type, v);
}

function reference(node: ConditionNode, values: ConditionValues, env: ConditionEnv): boolean {
  if ('all' in node) return node.all.every((n) => reference(n, values, env));
  if ('any' in node) return node.any.some((n) => reference(n, values, env));
  const type = typeOf(node.field);
  const x = norm(type, values[node.field]);
  const list = () => (node.value as unknown[]).map((v) => constant(type, v));
  const c = () => constant(type, node.value);
  const lower = (s: Norm) => String(s).toLowerCase();
  switch (node.op) {
    case 'empty':
      return x === null;
    case 'not_empty':
      return x !== null;
    case 'eq':
      return x !== null && x === c();
    case 'ne':
      return !(x !== null && x === c());
    case 'in':
      if (Array.isArray(x)) return x.some((i) => list().includes(i));
      return x !== null && list().includes(x);
    case 'nin':
      return !reference({ ...node, op: 'in' }, values, env);
    case 'contains':
      if (Array.isArray(x)) return x.includes(String(node.value));
      return x !== null && lower(x).includes(lower(c()));
    case 'not_contains':
      return !reference({ ...node, op: 'contains' }, values, env);
    case 'starts_with':
      return x !== null && lower(x).startsWith(lower(c()));
    case 'gt':
      return x !== null && x > c()!;
    case 'gte':
      return x !== null && x >= c()!;
    case 'lt':
      return x !== null && x < c()!;
    case 'lte':
      return x !== null && x <= c()!;
    case 'between': {
      const [lo, hi] = list();
      return x !== null && x >= lo! && x <= hi!;
    }
    default: {
      if (x === null) return false;
      const range = resolveRelativeRange(node.op, node.value as number, env.now, env.timezone);
      const at = (d: Date) => (type === 'date' ? calendarDate(d, env.timezone) : d.getTime());
      return (!range.from || x >= at(range.from)) && (!range.to || x < at(range.to));
    }
  }
}

// ------------------------------------------------------------------ properties

const NEGATION: Partial<Record<FilterOp, FilterOp>> = {
  eq: 'ne',
  ne: 'eq',
  in: 'nin',
  nin: 'in',
  contains: 'not_contains',
  not_contains: 'contains',
  empty: 'not_empty',
  not_empty: 'empty',
};
const negatableLeaf = leafArb.filter((l) => l.op in NEGATION);
const negate = (l: ConditionLeaf): ConditionLeaf => ({ ...l, op: NEGATION[l.op]! });
const run = (node: ConditionNode, values: ConditionValues, env: ConditionEnv) =>
  compileCondition(node, catalog)(values, env);
const cases = fc.array(fc.tuple(valuesArb, envArb), { minLength: 1, maxLength: 5 });

describe('condition evaluator: properties', () => {
  it('agrees with a naive reference interpreter on random trees, values and clocks', () => {
    fc.assert(
      fc.property(treeArb(3), cases, (tree, samples) => {
        expect(validateCondition(tree, catalog)).toEqual([]);
        const compiled = compileCondition(tree, catalog);
        for (const [values, env] of samples) expect(compiled(values, env)).toBe(reference(tree, values, env));
      }),
      { numRuns: 1500 },
    );
  });

  it('explains with the same result as the compiled closure', () => {
    fc.assert(
      fc.property(treeArb(3), valuesArb, envArb, (tree, values, env) => {
        expect(explainCondition(tree, catalog, values, env).result).toBe(run(tree, values, env));
      }),
      { numRuns: 500 },
    );
  });

  it('De Morgan: any(leaves) = not all(negated leaves), all(leaves) = not any(negated leaves)', () => {
    fc.assert(
      fc.property(fc.array(negatableLeaf, { maxLength: 5 }), valuesArb, envArb, (leaves, values, env) => {
        const negated = leaves.map(negate);
        expect(run({ any: leaves }, values, env)).toBe(!run({ all: negated }, values, env));
        expect(run({ all: leaves }, values, env)).toBe(!run({ any: negated }, values, env));
        for (const l of leaves) expect(run(l, values, env)).toBe(!run(negate(l), values, env));
      }),
      { numRuns: 1000 },
    );
  });

  it('in is any of eq (contains for multi), nin is all of ne (not_contains for multi)', () => {
    const listLeaf = leafArb.filter((l) => l.op === 'in' || l.op === 'nin');
    fc.assert(
      fc.property(listLeaf, valuesArb, envArb, (leaf, values, env) => {
        const multi = typeOf(leaf.field) === 'multi';
        const items = leaf.value as (string | number)[];
        const expanded: ConditionNode =
          leaf.op === 'in'
            ? { any: items.map((value) => ({ field: leaf.field, op: multi ? 'contains' : 'eq', value })) }
            : {
                all: items.map((value) => ({ field: leaf.field, op: multi ? 'not_contains' : 'ne', value })),
              };
        expect(run(leaf, values, env)).toBe(run(expanded, values, env));
      }),
      { numRuns: 1000 },
    );
  });

  it('between [a, b] is gte a and lte b', () => {
    fc.assert(
      fc.property(
        leafArb.filter((l) => l.op === 'between'),
        valuesArb,
        (leaf, values) => {
          const [lo, hi] = leaf.value as (string | number)[];
          const both: ConditionNode = {
            all: [
              { field: leaf.field, op: 'gte', value: lo },
              { field: leaf.field, op: 'lte', value: hi },
            ],
          };
          expect(run(leaf, values, testEnv)).toBe(run(both, values, testEnv));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a compiled tree reused across clocks and zones matches one compiled afresh for each', () => {
    const relativeLeaf = leafArb.filter((l) =>
      ['last_n_days', 'next_n_days', 'older_than_days', 'period'].includes(l.op),
    );
    fc.assert(
      fc.property(
        relativeLeaf,
        fc.array(fc.tuple(valuesArb, envArb), { minLength: 2, maxLength: 12 }),
        (leaf, samples) => {
          const reused = compileCondition(leaf, catalog);
          for (const [values, env] of samples) expect(reused(values, env)).toBe(run(leaf, values, env));
        },
      ),
      { numRuns: 300 },
    );
  });
});

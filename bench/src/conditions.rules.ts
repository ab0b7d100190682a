import { DateTime } from 'luxon';
import type { NestedCondition, TopLevelCondition } from 'json-rules-engine';
import type { ConditionNode, FieldCatalog } from '../../packages/shared/src';
import { calendarDate, resolveRelativeRange } from '../../packages/engine/src';
import type { ConditionEnv } from '../../packages/engine/src';

/**
 * Ten realistic automation conditions over customer-like records, each written twice: as a Tideline
 * condition tree and as a json-rules-engine condition with the same meaning on this data. The
 * relative-date operators have no json-rules-engine counterpart, so those leaves become custom
 * operators over ranges resolved once for the run's clock (what our evaluator caches per day).
 */

export const benchCatalog: FieldCatalog = {
  name: { type: 'text' },
  source: {
    type: 'enum',
    values: ['web_form', 'referral', 'trade_show', 'cold_call', 'wechat', 'baidu_ads'],
  },
  size: { type: 'enum', values: ['1-19', '20-99', '100-499', '500-999', '1000+'] },
  industry: { type: 'enum', values: ['制造业', '零售', '互联网', '金融', '教育'] },
  region: { type: 'enum', values: ['华东', '华南', '华北', '西南', '东北'] },
  level: { type: 'enum', values: ['A', 'B', 'C', 'D'] },
  status: { type: 'enum', values: ['active', 'dormant', 'closed'] },
  owner_id: { type: 'user' },
  amount: { type: 'money' },
  annual_revenue: { type: 'money' },
  probability: { type: 'number' },
  won_deals_count: { type: 'number' },
  is_key_account: { type: 'boolean' },
  tags: { type: 'multi' },
  last_contact_at: { type: 'instant' },
  created_at: { type: 'instant' },
  expected_close_date: { type: 'date' },
};

export type BenchRecord = Record<string, unknown>;

/** A deterministic PRNG (mulberry32) so every run sees the same records. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['星河', '华腾', '远航', '金桥', '瑞丰', '海川', '东方', '博远', 'Acme', 'Sunrise'];
const SUFFIXES = ['科技有限公司', '贸易有限公司', '制造有限公司', '网络科技', ' Trading Ltd', '咨询服务'];
const TAGS = ['高价值', '续约', '潜力', '沉睡', 'VIP', '重点'];

/** Records as the server hands them to the evaluator: flat, nulls for empty, booleans as 0/1. */
export function generateRecords(count: number, now: Date, seed = 20261123): BenchRecord[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const sometimes = <T>(p: number, make: () => T): T | null => (rnd() < p ? make() : null);
  const t = now.getTime();
  const day = 86_400_000;
  const out: BenchRecord[] = [];
  for (let i = 0; i < count; i++) {
    const tags: string[] = [];
    for (let k = Math.floor(rnd() * 4); k > 0; k--) {
      const tag = pick(TAGS);
      if (!tags.includes(tag)) tags.push(tag);
    }
    out.push({
      name: pick(NAMES) + pick(SUFFIXES),
      source: rnd() < 0.3 ? 'web_form' : pick(benchCatalog.source!.values!),
      size: sometimes(0.9, () => pick(benchCatalog.size!.values!)),
      industry: pick(benchCatalog.industry!.values!),
      region: pick(benchCatalog.region!.values!),
      level: pick(benchCatalog.level!.values!),
      status: pick(['active', 'active', 'active', 'dormant', 'closed']),
      owner_id: sometimes(0.85, () => `u-${1 + Math.floor(rnd() * 200)}`),
      amount: sometimes(0.8, () => Math.floor(rnd() * 2_000_000) * 100),
      annual_revenue: Math.floor(rnd() * 500_000_000) * 100,
      probability: Math.floor(rnd() * 101),
      won_deals_count: Math.floor(rnd() * rnd() * 6),
      is_key_account: rnd() < 0.2 ? 1 : 0,
      tags,
      last_contact_at: sometimes(0.9, () => new Date(t - Math.floor(rnd() * 120 * day)).toISOString()),
      created_at: new Date(t - Math.floor(rnd() * 365 * day)).toISOString(),
      expected_close_date: sometimes(0.7, () => calendarDate(new Date(t + (rnd() * 120 - 30) * day), 'UTC')),
    });
  }
  return out;
}

export interface BenchRule {
  name: string;
  condition: ConditionNode;
  jre: TopLevelCondition;
}

type JreLeaf = NestedCondition;
const jre = (fact: string, operator: string, value: unknown): JreLeaf =>
  ({ fact, operator, value }) as JreLeaf;

/** The rules, with relative ranges for json-rules-engine resolved against the run's clock. */
export function benchRules(env: ConditionEnv): BenchRule[] {
  const range = (
    op: 'last_n_days' | 'next_n_days' | 'older_than_days' | 'period',
    v: number | 'this_quarter',
  ) => {
    const r = resolveRelativeRange(op, v, env.now, env.timezone);
    return { from: r.from?.getTime() ?? null, to: r.to?.getTime() ?? null };
  };
  const dates = (op: 'next_n_days', v: number) => {
    const r = resolveRelativeRange(op, v, env.now, env.timezone);
    return { from: calendarDate(r.from!, env.timezone), to: calendarDate(r.to!, env.timezone) };
  };
  return [
    {
      name: 'web form, mid-size and up',
      condition: {
        all: [
          { field: 'source', op: 'eq', value: 'web_form' },
          { field: 'size', op: 'in', value: ['100-499', '500-999', '1000+'] },
        ],
      },
      jre: {
        all: [jre('source', 'equal', 'web_form'), jre('size', 'in', ['100-499', '500-999', '1000+'])],
      },
    },
    {
      name: 'big deal, likely',
      condition: {
        all: [
          { field: 'amount', op: 'between', value: [5_000_000, 50_000_000] },
          { field: 'probability', op: 'gte', value: 50 },
        ],
      },
      jre: {
        all: [
          jre('amount', 'greaterThanInclusive', 5_000_000),
          jre('amount', 'lessThanInclusive', 50_000_000),
          jre('probability', 'greaterThanInclusive', 50),
        ],
      },
    },
    {
      name: 'high value, level A/B',
      condition: {
        all: [
          { field: 'tags', op: 'contains', value: '高价值' },
          { field: 'level', op: 'in', value: ['A', 'B'] },
        ],
      },
      jre: { all: [jre('tags', 'contains', '高价值'), jre('level', 'in', ['A', 'B'])] },
    },
    {
      name: 'no contact for 30 days, not closed',
      condition: {
        all: [
          { field: 'last_contact_at', op: 'older_than_days', value: 30 },
          { field: 'status', op: 'ne', value: 'closed' },
        ],
      },
      jre: {
        all: [
          jre('last_contact_at', 'instantIn', range('older_than_days', 30)),
          jre('status', 'notEqual', 'closed'),
        ],
      },
    },
    {
      name: 'target industries or big revenue',
      condition: {
        any: [
          { field: 'industry', op: 'eq', value: '制造业' },
          { field: 'industry', op: 'eq', value: '零售' },
          { field: 'annual_revenue', op: 'gte', value: 45_000_000_000 },
        ],
      },
      jre: {
        any: [
          jre('industry', 'equal', '制造业'),
          jre('industry', 'equal', '零售'),
          jre('annual_revenue', 'greaterThanInclusive', 45_000_000_000),
        ],
      },
    },
    {
      name: 'no owner or idle 60 days',
      condition: {
        any: [
          { field: 'owner_id', op: 'empty' },
          { field: 'last_contact_at', op: 'older_than_days', value: 60 },
        ],
      },
      jre: {
        any: [
          jre('owner_id', 'equal', null),
          jre('last_contact_at', 'instantIn', range('older_than_days', 60)),
        ],
      },
    },
    {
      name: 'tech companies in the east and south',
      condition: {
        all: [
          { field: 'name', op: 'contains', value: '科技' },
          { field: 'region', op: 'in', value: ['华东', '华南'] },
        ],
      },
      jre: { all: [jre('name', 'textContains', '科技'), jre('region', 'in', ['华东', '华南'])] },
    },
    {
      name: 'closing in 30 days, active, ≥ 60 %',
      condition: {
        all: [
          { field: 'expected_close_date', op: 'next_n_days', value: 30 },
          { field: 'probability', op: 'gte', value: 60 },
          { field: 'status', op: 'eq', value: 'active' },
        ],
      },
      jre: {
        all: [
          jre('expected_close_date', 'dateIn', dates('next_n_days', 30)),
          jre('probability', 'greaterThanInclusive', 60),
          jre('status', 'equal', 'active'),
        ],
      },
    },
    {
      name: 'key account with wins, contacted in 14 days',
      condition: {
        all: [
          { field: 'is_key_account', op: 'eq', value: true },
          { field: 'won_deals_count', op: 'gt', value: 0 },
          { field: 'last_contact_at', op: 'last_n_days', value: 14 },
        ],
      },
      jre: {
        all: [
          jre('is_key_account', 'equal', 1),
          jre('won_deals_count', 'greaterThan', 0),
          jre('last_contact_at', 'instantIn', range('last_n_days', 14)),
        ],
      },
    },
    {
      name: 'renewal candidates (nested)',
      condition: {
        all: [
          { field: 'source', op: 'in', value: ['referral', 'trade_show', 'wechat'] },
          {
            any: [
              { field: 'tags', op: 'contains', value: '续约' },
              {
                all: [
                  { field: 'amount', op: 'gt', value: 100_000_000 },
                  { field: 'created_at', op: 'period', value: 'this_quarter' },
                ],
              },
            ],
          },
          { field: 'tags', op: 'not_contains', value: '沉睡' },
        ],
      },
      jre: {
        all: [
          jre('source', 'in', ['referral', 'trade_show', 'wechat']),
          {
            any: [
              jre('tags', 'contains', '续约'),
              {
                all: [
                  jre('amount', 'greaterThan', 100_000_000),
                  jre('created_at', 'instantIn', range('period', 'this_quarter')),
                ],
              },
            ],
          },
          jre('tags', 'doesNotContain', '沉睡'),
        ],
      },
    },
  ];
}

/** The custom json-rules-engine operators the rules above use (fact must be present). */
export const jreOperators: Record<string, (fact: unknown, value: never) => boolean> = {
  textContains: (fact: unknown, needle: string) =>
    typeof fact === 'string' && fact.trim().toLowerCase().includes(needle.toLowerCase()),
  instantIn: (fact: unknown, r: { from: number | null; to: number | null }) => {
    if (typeof fact !== 'string') return false;
    const ms = Date.parse(fact);
    return !Number.isNaN(ms) && (r.from === null || ms >= r.from) && (r.to === null || ms < r.to);
  },
  dateIn: (fact: unknown, r: { from: string; to: string }) =>
    typeof fact === 'string' && fact >= r.from && fact < r.to,
};

/** The local day the bench runs on, for the report. */
export function benchDay(env: ConditionEnv): string {
  return DateTime.fromJSDate(env.now, { zone: env.timezone }).toISODate() ?? '';
}

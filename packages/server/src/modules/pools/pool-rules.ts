import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { PoolRuleKind } from '@tideline/shared';
import { DAY_MS } from '../../core/clock';
import type { Dialect } from '../../db/dialect/dialect';
import type { RuleRow } from './pool.repository';

/** A recycling rule as the sweep and the countdown use it. */
export interface Rule {
  id: string;
  workspace_id: string;
  pool_id: string;
  position: number;
  kind: PoolRuleKind;
  days: number;
  days_by_level: Record<string, number>;
  warn_days: number;
  warn_email: boolean;
  warn_robot: { platform: 'wecom' | 'dingtalk' | 'feishu'; url: string; secret?: string } | null;
  exempt_locked: boolean;
  exempt_won: boolean;
  exempt_open_deals: boolean;
  enabled: boolean;
  effective_from: string;
  swept_at: string | null;
}

export function toRule(dialect: Dialect, row: RuleRow): Rule {
  return {
    id: row.id,
    workspace_id: row.workspace_id,
    pool_id: row.pool_id,
    position: row.position,
    kind: row.kind as PoolRuleKind,
    days: row.days,
    days_by_level: dialect.readJson<Record<string, number>>(row.days_by_level) ?? {},
    warn_days: row.warn_days,
    warn_email: row.warn_email === 1,
    warn_robot: (dialect.readJson<Rule['warn_robot']>(row.warn_robot) ?? null) as Rule['warn_robot'],
    exempt_locked: row.exempt_locked === 1,
    exempt_won: row.exempt_won === 1,
    exempt_open_deals: row.exempt_open_deals === 1,
    enabled: row.enabled === 1,
    effective_from: row.effective_from,
    swept_at: row.swept_at,
  };
}

type ClockColumn = 'last_contact_at' | 'claimed_at' | 'created_at' | 'last_purchase_at';

/**
 * What starts each rule's clock: the latest of these instants (and of the rule's effective_from). The
 * first column of no_repurchase is required: a customer who never bought is not covered by it.
 * `claimed_at` is in every list so that a new owner always gets the full period.
 */
const CLOCK: Record<PoolRuleKind, { columns: ClockColumn[]; required?: ClockColumn }> = {
  no_follow_up: { columns: ['last_contact_at', 'claimed_at', 'created_at'] },
  no_open_deal: { columns: ['claimed_at', 'created_at'] },
  not_won: { columns: ['claimed_at', 'created_at'] },
  no_repurchase: { columns: ['last_purchase_at', 'claimed_at'], required: 'last_purchase_at' },
};

/** The customer fields a rule reads. */
export interface RuleSubject {
  level: string | null;
  last_contact_at: string | null;
  claimed_at: string | null;
  created_at: string;
  last_purchase_at: string | null;
  last_won_at: string | null;
  is_locked: number;
}

export function daysFor(rule: Pick<Rule, 'days' | 'days_by_level'>, level: string | null): number {
  return (level !== null ? rule.days_by_level[level] : undefined) ?? rule.days;
}

/** When the rule's period started for this customer; null when the rule does not cover it. */
export function clockStart(rule: Rule, c: RuleSubject): string | null {
  const { columns, required } = CLOCK[rule.kind];
  if (required && !c[required]) return null;
  let start = rule.effective_from;
  for (const col of columns) {
    const v = c[col];
    if (v && v > start) start = v;
  }
  return start;
}

export function dueAt(rule: Rule, c: RuleSubject): Date | null {
  const start = clockStart(rule, c);
  return start ? new Date(Date.parse(start) + daysFor(rule, c.level) * DAY_MS) : null;
}

export type Exemption = 'locked' | 'won' | 'open_deals';

/** Why the rule leaves this customer alone (exemptions, or the rule's own condition not met); empty when it applies. */
export function exemptionsOf(
  rule: Rule,
  c: RuleSubject,
  hasOpenDeal: boolean,
): (Exemption | 'not_covered')[] {
  const out: (Exemption | 'not_covered')[] = [];
  if (rule.exempt_locked && c.is_locked === 1) out.push('locked');
  if (rule.exempt_won && c.last_won_at) out.push('won');
  if (rule.exempt_open_deals && hasOpenDeal) out.push('open_deals');
  if (rule.kind === 'no_open_deal' && hasOpenDeal) out.push('not_covered');
  if (rule.kind === 'not_won' && c.last_won_at && (!c.claimed_at || c.last_won_at >= c.claimed_at))
    out.push('not_covered');
  if (rule.kind === 'no_repurchase' && !c.last_purchase_at) out.push('not_covered');
  return out;
}

type Col = (name: string) => RawBuilder<unknown>;
const plain: Col = (name) => sql`${sql.ref(`customers.${name}`)}`;
/**
 * A column no index can serve, for the re-check inside a recycle's UPDATE: there the rows are named by
 * primary key, and a date range left indexable made SQLite walk a date index instead (a 100× slower
 * batch). `coalesce(x, null)` is x on both databases.
 */
export const opaque: Col = (name) => sql`coalesce(${sql.ref(`customers.${name}`)}, null)`;

/** "Has an open deal", asked per customer; a whole-table find joins the set once instead (`OPEN_DEAL_JOINED`). */
export const OPEN_DEAL_EXISTS = sql<boolean>`exists (select 1 from deals d where d.workspace_id = customers.workspace_id
  and d.customer_id = customers.id and d.status = 'open' and d.deleted_at is null)`;
export const OPEN_DEAL_JOINED = sql<boolean>`od.id is not null`;

/** Whether the rule looks at open deals (its exemption, or its own condition). */
export const asksOpenDeal = (rule: Rule) => rule.exempt_open_deals || rule.kind === 'no_open_deal';

/** The exemptions and the rule's own condition, as SQL over `customers`. */
export function ruleConditionSql(
  rule: Rule,
  openDeal = OPEN_DEAL_EXISTS,
  col = plain,
): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (rule.exempt_locked) out.push(sql<boolean>`${col('is_locked')} = 0`);
  if (rule.exempt_won) out.push(sql<boolean>`${col('last_won_at')} is null`);
  if (asksOpenDeal(rule)) out.push(sql<boolean>`not ${openDeal}`);
  if (rule.kind === 'not_won')
    out.push(
      sql<boolean>`(${col('last_won_at')} is null or (${col('claimed_at')} is not null and ${col('last_won_at')} < ${col('claimed_at')}))`,
    );
  return out;
}

/**
 * Customers whose clock started in (lo, hi]: every clock column at most `hi` and, when `lo` is given,
 * one of them (or the rule's start) after it. Null when no customer can match.
 */
export function clockWindowSql(
  rule: Rule,
  lo: string | null,
  hi: string,
  col = plain,
): RawBuilder<boolean> | null {
  if (rule.effective_from > hi) return null;
  const { columns, required } = CLOCK[rule.kind];
  const parts = columns.map((c) =>
    c === required || c === 'created_at'
      ? sql<boolean>`${col(c)} <= ${hi}`
      : sql<boolean>`(${col(c)} is null or ${col(c)} <= ${hi})`,
  );
  if (lo !== null && rule.effective_from <= lo) {
    parts.push(
      sql<boolean>`(${sql.join(
        columns.map((c) => sql`${col(c)} > ${lo}`),
        sql` or `,
      )})`,
    );
  }
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/** The level groups of a rule: each distinct period with the levels that have it (null = every other level). */
export function levelBuckets(rule: Rule): { days: number; levels: string[] | null }[] {
  const byDays = new Map<number, string[]>();
  for (const [level, d] of Object.entries(rule.days_by_level))
    byDays.set(d, [...(byDays.get(d) ?? []), level]);
  return [...[...byDays].map(([days, levels]) => ({ days, levels })), { days: rule.days, levels: null }];
}

/** Customers of one bucket: its levels, or every level the rule does not name. */
export function levelSql(rule: Rule, levels: string[] | null, col = plain): RawBuilder<boolean> {
  if (levels) return sql<boolean>`${col('level')} in (${sql.join(levels)})`;
  const named = Object.keys(rule.days_by_level);
  if (named.length === 0) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${col('level')} is null or ${col('level')} not in (${sql.join(named)}))`;
}

/**
 * The customers the rule recycles at `now` (due), or, with `warnDays`, those due in (now, now + warnDays]:
 * per level bucket, the clock window, OR-ed; the exemptions and the rule's condition AND-ed.
 */
export function ruleWindowSql(
  rule: Rule,
  now: Date,
  warnDays = 0,
  openDeal = OPEN_DEAL_EXISTS,
): RawBuilder<boolean> | null {
  const buckets: RawBuilder<boolean>[] = [];
  for (const b of levelBuckets(rule)) {
    const cutoff = new Date(now.getTime() - b.days * DAY_MS).toISOString();
    const window = warnDays
      ? clockWindowSql(rule, cutoff, new Date(now.getTime() + (warnDays - b.days) * DAY_MS).toISOString())
      : clockWindowSql(rule, null, cutoff);
    if (window) buckets.push(sql<boolean>`(${levelSql(rule, b.levels)} and ${window})`);
  }
  if (buckets.length === 0) return null;
  const where = [sql<boolean>`(${sql.join(buckets, sql` or `)})`, ...ruleConditionSql(rule, openDeal)];
  return sql<boolean>`${sql.join(where, sql` and `)}`;
}

/** The level group a customer falls in: its level when the rule names it, else every other level. */
export function bucketOf(rule: Pick<Rule, 'days_by_level'>, level: string | null): string[] | null {
  return level !== null && rule.days_by_level[level] !== undefined ? [level] : null;
}

/** Customers of one level group that are due at `now`: the re-check a recycle makes as it moves them. */
export function dueInBucketSql(rule: Rule, levels: string[] | null, now: Date): RawBuilder<boolean> | null {
  const days = levels ? daysFor(rule, levels[0]!) : rule.days;
  const window = clockWindowSql(rule, null, new Date(now.getTime() - days * DAY_MS).toISOString(), opaque);
  if (!window) return null;
  const parts = [levelSql(rule, levels, opaque), window, ...ruleConditionSql(rule, OPEN_DEAL_EXISTS, opaque)];
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
}

const REASON: Record<PoolRuleKind, { zh: (d: number) => string; en: (d: number) => string }> = {
  no_follow_up: { zh: (d) => `${d} 天未跟进`, en: (d) => `no follow-up for ${d} days` },
  no_open_deal: { zh: (d) => `领取 ${d} 天无进行中的商机`, en: (d) => `no open deal ${d} days after claim` },
  not_won: { zh: (d) => `领取 ${d} 天未成交`, en: (d) => `not won ${d} days after claim` },
  no_repurchase: {
    zh: (d) => `${d} 天未复购`,
    en: (d) => `no repurchase ${d} days after the last purchase`,
  },
};

/** The reason a rule gives, e.g. "30 天未跟进". */
export function reasonText(kind: PoolRuleKind, days: number): { zh: string; en: string } {
  return { zh: REASON[kind].zh(days), en: REASON[kind].en(days) };
}

/** The customer page's line, e.g. "3 天后因 30 天未跟进回收到公海". */
export function countdownText(
  kind: PoolRuleKind,
  days: number,
  daysLeft: number,
): { zh: string; en: string } {
  const r = reasonText(kind, days);
  return daysLeft <= 0
    ? { zh: `今天因 ${r.zh}回收到公海`, en: `Goes back to the pool today: ${r.en}` }
    : {
        zh: `${daysLeft} 天后因 ${r.zh}回收到公海`,
        en: `Goes back to the pool in ${daysLeft} day${daysLeft === 1 ? '' : 's'}: ${r.en}`,
      };
}

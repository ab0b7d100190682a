import type { RawBuilder } from 'kysely';
import { systemActor } from '../../core/actor';
import type { Actor } from '../../core/actor';
import { DAY_MS } from '../../core/clock';
import { inTransaction } from '../../core/transaction';
import { notifyUsers } from '../notifications/notification.service';
import type { NotifyInput } from '../notifications/notification.service';
import type { AutomationDeps } from '../automations/run-context';
import type { AppDeps } from '../../core/deps';
import { putIntoPool } from './pool-customer.repository';
import { recordMoves } from './pool-moves';
import type { Move } from './pool-moves';
import {
  asksOpenDeal,
  bucketOf,
  countdownText,
  daysFor,
  dueAt,
  dueInBucketSql,
  OPEN_DEAL_JOINED,
  reasonText,
  ruleWindowSql,
  toRule,
} from './pool-rules';
import type { Rule } from './pool-rules';
import { homeScopeSql, loadScopeMap } from './pool-scope';
import type { ScopeMap, ScopePool } from './pool-scope';
import {
  forgetWarnings,
  insertWarnings,
  markSwept,
  namesById,
  rulesToSweep,
  selectDue,
  selectWarn,
  usersWithEmail,
} from './pool-sweep.repository';
import type { DueRow, WarnRow } from './pool-sweep.repository';

export interface SweepOptions {
  /** A rule is swept at most this often (its periods are days; default 5 minutes). */
  minIntervalMs?: number;
  /** Customers one pool takes per sweep; the rest follow on the next pass (default 20,000). */
  maxMovesPerPool?: number;
  /** Customers per transaction (default 1000): short transactions keep SQLite's single writer free. */
  batchSize?: number;
}

const sweepActor = (workspaceId: string): Actor => systemActor(workspaceId, [], { source: 'system' });

/**
 * Recycling (自动回收): for every enabled rule of every enabled pool, warn the owners of customers that
 * become due within the rule's warning days, then move the customers that are due into the pool, in
 * batches of one transaction each. Safe to run from several workers at once: warnings are keyed and a
 * move re-checks the rule in its UPDATE. Returns warnings sent + customers moved.
 */
export async function sweepPools(deps: AutomationDeps, opts: SweepOptions = {}): Promise<number> {
  const { db } = deps.database;
  const now = deps.clock.now();
  const rows = await rulesToSweep(
    db,
    new Date(now.getTime() - (opts.minIntervalMs ?? 5 * 60_000)).toISOString(),
  );
  const byWorkspace = new Map<string, Rule[]>();
  for (const r of rows) {
    const rule = toRule(deps.database.dialect, r);
    byWorkspace.set(rule.workspace_id, [...(byWorkspace.get(rule.workspace_id) ?? []), rule]);
  }
  let worked = 0;
  for (const [ws, rules] of byWorkspace) {
    const map = await loadScopeMap(db, ws);
    const byPool = new Map<string, Rule[]>();
    for (const r of rules) byPool.set(r.pool_id, [...(byPool.get(r.pool_id) ?? []), r]);
    for (const [poolId, poolRules] of byPool) {
      const pool = map.pools.find((p) => p.id === poolId);
      const scope = pool ? homeScopeSql(map, pool) : null;
      let finished = true;
      if (pool && scope) {
        for (const rule of poolRules) worked += await warnDue(deps, ws, pool, rule, scope, now);
        const limit = opts.maxMovesPerPool ?? 20_000;
        const due = await findDue(deps, ws, map, pool, poolRules, now, limit);
        for (const [no, rule] of poolRules.entries())
          worked += await moveDue(
            deps,
            ws,
            pool,
            rule,
            due.filter((d) => d.rule_no === no),
            now,
            opts.batchSize ?? 1000,
          );
        finished = due.length < limit;
      }
      // A pool that hit its limit is picked up again on the next pass.
      if (finished) for (const rule of poolRules) await markSwept(db, ws, rule.id, now.toISOString());
    }
    await forgetWarnings(db, ws, new Date(now.getTime() - 30 * DAY_MS).toISOString());
  }
  return worked;
}

/**
 * The sweep's "find" step: the owned customers whose home pool is `pool` and that are due now under
 * one of `rules` (the pool's enabled rules in order), each with the first rule it is due under.
 */
export async function findDue(
  deps: AppDeps,
  workspaceId: string,
  map: ScopeMap,
  pool: ScopePool,
  rules: Rule[],
  now: Date,
  limit?: number,
): Promise<DueRow[]> {
  const scope = homeScopeSql(map, pool);
  if (!scope) return [];
  const openDeals = rules.some(asksOpenDeal);
  const windows = rules
    .map((rule, no) => ({ no, sql: ruleWindowSql(rule, now, 0, openDeals ? OPEN_DEAL_JOINED : undefined) }))
    .filter((w): w is { no: number; sql: RawBuilder<boolean> } => w.sql !== null);
  return selectDue(deps.database.db, deps.database.dialect, workspaceId, scope, windows, openDeals, limit);
}

/**
 * Move due customers into the pool in batches of one transaction each: the rows (re-checked), the
 * audit entries and owner_changed events, the pool_moves rows. Batches follow the customer id, so that
 * each one writes into few pages of the customer table and of the record indexes of audit and events
 * (owner order scattered them: a commit then wrote several pages per customer). Each previous owner
 * gets one notice for the whole move, written with the last batch.
 */
export async function moveDue(
  deps: AppDeps,
  workspaceId: string,
  pool: Pick<ScopePool, 'id' | 'name'>,
  rule: Rule,
  due: DueRow[],
  now: Date,
  batchSize: number,
): Promise<number> {
  const { dialect } = deps.database;
  const actor = sweepActor(workspaceId);
  const at = now.toISOString();
  const sorted = [...due].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const byOwner = new Map<string, Move[]>();
  let moved = 0;
  for (let i = 0; i < sorted.length; i += batchSize) {
    const batch = sorted.slice(i, i + batchSize);
    const last = i + batchSize >= sorted.length;
    const groups = new Map<string, { levels: string[] | null; ids: string[] }>();
    for (const r of batch) {
      const levels = bucketOf(rule, r.level);
      const key = levels?.[0] ?? '*';
      const g = groups.get(key) ?? { levels, ids: [] };
      g.ids.push(r.id);
      groups.set(key, g);
    }
    let publish: () => void = () => undefined;
    moved += await inTransaction(deps, async (trx) => {
      const moves: Move[] = [];
      for (const g of groups.values()) {
        const stillDue = dueInBucketSql(rule, g.levels, now);
        if (!stillDue) continue;
        const reason = reasonText(rule.kind, g.levels ? daysFor(rule, g.levels[0]!) : rule.days).zh;
        const rows = await putIntoPool(trx, dialect, {
          workspaceId,
          ids: g.ids,
          poolId: pool.id,
          reason,
          at,
          stillDue,
        });
        for (const r of rows)
          moves.push({
            customerId: r.id,
            kind: 'recycle',
            poolId: pool.id,
            fromOwner: r.previous_owner_id,
            toOwner: null,
            reason,
            ruleId: rule.id,
          });
      }
      await recordMoves(trx, deps, actor, moves);
      for (const m of moves) {
        const list = byOwner.get(m.fromOwner!);
        if (list) list.push(m);
        else byOwner.set(m.fromOwner!, [m]);
      }
      if (last)
        publish = await notifyUsers(trx, deps, actor, await recycleNotices(trx, workspaceId, pool, byOwner));
      return moves.length;
    });
    publish();
  }
  return moved;
}

async function recycleNotices(
  trx: Parameters<typeof namesById>[0],
  workspaceId: string,
  pool: Pick<ScopePool, 'name'>,
  byOwner: Map<string, Move[]>,
): Promise<NotifyInput[]> {
  const single = [...byOwner.values()].filter((l) => l.length === 1).map((l) => l[0]!.customerId);
  const names = await namesById(trx, workspaceId, single);
  return [...byOwner].map(([owner, list]) => {
    const reasons = [...new Set(list.map((m) => m.reason))];
    return {
      userId: owner,
      kind: 'pool_recycled',
      title:
        list.length === 1
          ? `客户「${names.get(list[0]!.customerId) ?? ''}」因 ${list[0]!.reason}已回收到公海「${pool.name}」`
          : `${list.length} 个客户因 ${reasons.join('、')}已回收到公海「${pool.name}」`,
      entity: list.length === 1 ? 'customer' : null,
      recordId: list.length === 1 ? list[0]!.customerId : null,
    };
  });
}

/**
 * Warn owners of customers that become due within the rule's warning days: once per customer and due
 * instant (a follow-up makes a new due instant, and a new warning when that one nears). In-app always;
 * e-mail and the group robot as the rule asks, best effort after the commit.
 */
async function warnDue(
  deps: AutomationDeps,
  workspaceId: string,
  pool: ScopePool,
  rule: Rule,
  scope: RawBuilder<boolean>,
  now: Date,
): Promise<number> {
  if (rule.warn_days === 0) return 0;
  const window = ruleWindowSql(rule, now, rule.warn_days);
  if (!window) return 0;
  const { db, dialect } = deps.database;
  const rows = await selectWarn(db, workspaceId, scope, window);
  if (rows.length === 0) return 0;
  const at = now.toISOString();
  const dueOf = new Map(rows.map((r) => [r.id, dueAt(rule, r)!]));
  const actor = sweepActor(workspaceId);
  let publish: () => void = () => undefined;
  const warned = await inTransaction(deps, async (trx) => {
    const fresh = await insertWarnings(
      trx,
      dialect,
      rows.map((r) => ({
        workspace_id: workspaceId,
        rule_id: rule.id,
        customer_id: r.id,
        due_at: dueOf.get(r.id)!.toISOString(),
        owner_id: r.owner_id,
        warned_at: at,
      })),
    );
    const list = rows.filter((r) => fresh.has(r.id));
    publish = await notifyUsers(trx, deps, actor, warnNotices(pool, rule, list, dueOf, now));
    return list;
  });
  publish();
  if (warned.length) await warnOutside(deps, workspaceId, pool, rule, warned, dueOf, now);
  return warned.length;
}

const daysLeft = (due: Date, now: Date) => Math.max(0, Math.ceil((due.getTime() - now.getTime()) / DAY_MS));

function groupByOwner(rows: WarnRow[]): Map<string, WarnRow[]> {
  const out = new Map<string, WarnRow[]>();
  for (const r of rows) {
    const list = out.get(r.owner_id);
    if (list) list.push(r);
    else out.set(r.owner_id, [r]);
  }
  return out;
}

function warnLine(rule: Rule, r: WarnRow, dueOf: Map<string, Date>, now: Date) {
  return `「${r.name}」${countdownText(rule.kind, daysFor(rule, r.level), daysLeft(dueOf.get(r.id)!, now)).zh}`;
}

function warnNotices(
  pool: ScopePool,
  rule: Rule,
  rows: WarnRow[],
  dueOf: Map<string, Date>,
  now: Date,
): NotifyInput[] {
  return [...groupByOwner(rows)].map(([owner, list]) => {
    const soonest = Math.min(...list.map((r) => daysLeft(dueOf.get(r.id)!, now)));
    return {
      userId: owner,
      kind: 'pool_recycle_warning',
      title:
        list.length === 1
          ? `客户${warnLine(rule, list[0]!, dueOf, now)}`
          : `${list.length} 个客户最快 ${soonest} 天后因 ${reasonText(rule.kind, rule.days).zh}回收到公海「${pool.name}」`,
      body:
        list.length === 1
          ? '跟进后重新计算。'
          : list
              .slice(0, 20)
              .map((r) => warnLine(rule, r, dueOf, now))
              .join('\n'),
      entity: list.length === 1 ? 'customer' : null,
      recordId: list.length === 1 ? list[0]!.id : null,
    };
  });
}

/** E-mail each owner and post one message to the group robot. A failure here never undoes the warning. */
async function warnOutside(
  deps: AutomationDeps,
  workspaceId: string,
  pool: ScopePool,
  rule: Rule,
  rows: WarnRow[],
  dueOf: Map<string, Date>,
  now: Date,
) {
  const byOwner = groupByOwner(rows);
  const users = await usersWithEmail(deps.database.db, workspaceId, [...byOwner.keys()]);
  const key = `pool-warn:${rule.id}:${now.toISOString()}`;
  if (rule.warn_email && deps.channels.mailConfigured) {
    for (const u of users) {
      const list = byOwner.get(u.id)!;
      await deps.channels
        .sendMail({
          to: u.email,
          subject: `${list.length} 个客户即将回收到公海「${pool.name}」`,
          text: list.map((r) => warnLine(rule, r, dueOf, now)).join('\n'),
          idempotencyKey: `${key}:${u.id}`,
        })
        .catch(() => undefined);
    }
  }
  if (rule.warn_robot) {
    const lines = users.map((u) => `- ${u.name}：${byOwner.get(u.id)!.length} 个客户`);
    await deps.channels
      .sendRobot(
        rule.warn_robot.platform,
        rule.warn_robot.url,
        rule.warn_robot.secret,
        {
          title: `公海回收预警：${rows.length} 个客户将因 ${reasonText(rule.kind, rule.days).zh}回收到「${pool.name}」`,
          markdown: lines.join('\n'),
        },
        key,
      )
      .catch(() => undefined);
  }
}

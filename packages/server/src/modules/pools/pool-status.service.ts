import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { DAY_MS } from '../../core/clock';
import type { AppDeps } from '../../core/deps';
import { NotFoundError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { loadVisibleCustomer } from '../customers/customer.service';
import { poolsOfActor } from './pool-access';
import { findPool, loadRules } from './pool.repository';
import { findPoolCustomers, hasOpenDeal, userNames } from './pool-customer.repository';
import type { PoolCustomerRow } from './pool-customer.repository';
import { countdownText, daysFor, dueAt, exemptionsOf, reasonText, toRule } from './pool-rules';
import type { Exemption, Rule } from './pool-rules';
import { homePoolOf, loadScopeMap } from './pool-scope';

export type PoolStatus =
  | {
      in_pool: false;
      /** The pool whose rules govern this customer; null when no enabled pool covers it. */
      pool: { id: string; name: string } | null;
      rule: { id: string; kind: Rule['kind']; days: number } | null;
      due_at: string | null;
      warn_at: string | null;
      days_left: number | null;
      reason: { zh: string; en: string } | null;
      countdown: { zh: string; en: string } | null;
      /** Why the pool's rules leave the customer alone, when they all do. */
      exemptions: Exemption[];
      locked: boolean;
    }
  | {
      in_pool: true;
      pool: { id: string; name: string };
      pool_entered_at: string | null;
      days_in_pool: number;
      times_dropped: number;
      /** Pool admins only. */
      recycle_reason?: string | null;
      previous_owner?: { id: string; name: string | null } | null;
      released_at?: string | null;
    };

/**
 * The customer page's recycle countdown: of the home pool's enabled rules that apply, the one due
 * first ("3 天后因 30 天未跟进回收到公海"), or why none applies.
 */
export async function recycleCountdown(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  customer: PoolCustomerRow,
): Promise<PoolStatus & { in_pool: false }> {
  const map = await loadScopeMap(trx, workspaceId);
  const home = homePoolOf(map, customer);
  const base = {
    in_pool: false as const,
    pool: home ? { id: home.id, name: home.name } : null,
    rule: null,
    due_at: null,
    warn_at: null,
    days_left: null,
    reason: null,
    countdown: null,
    exemptions: [] as Exemption[],
    locked: customer.is_locked === 1,
  };
  if (!home || !customer.owner_id) return base;
  const rules = (await loadRules(trx, workspaceId, [home.id]))
    .map((r) => toRule(deps.database.dialect, r))
    .filter((r) => r.enabled);
  const openDeal = await hasOpenDeal(trx, workspaceId, customer.id);
  const now = deps.clock.now().getTime();
  let best: { rule: Rule; due: Date } | null = null;
  const exemptions = new Set<Exemption>();
  for (const rule of rules) {
    const why = exemptionsOf(rule, customer, openDeal);
    if (why.length) {
      for (const w of why) if (w !== 'not_covered') exemptions.add(w);
      continue;
    }
    const due = dueAt(rule, customer);
    if (due && (!best || due < best.due)) best = { rule, due };
  }
  if (!best) return { ...base, exemptions: [...exemptions] };
  const days = daysFor(best.rule, customer.level);
  const daysLeft = Math.max(0, Math.ceil((best.due.getTime() - now) / DAY_MS));
  return {
    ...base,
    rule: { id: best.rule.id, kind: best.rule.kind, days },
    due_at: best.due.toISOString(),
    warn_at: best.rule.warn_days
      ? new Date(best.due.getTime() - best.rule.warn_days * DAY_MS).toISOString()
      : null,
    days_left: daysLeft,
    reason: reasonText(best.rule.kind, days),
    countdown: countdownText(best.rule.kind, days, daysLeft),
  };
}

/**
 * GET /customers/:id/pool-status. Owners (and whoever sees the customer) get the countdown; members of
 * the pool a customer waits in get its pool facts, admins with the reason and the previous owner.
 */
export async function poolStatus(deps: AppDeps, actor: Actor, id: string): Promise<PoolStatus> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const ws = actor.workspaceId;
  const [row] = await findPoolCustomers(db, ws, [id]);
  if (!row || row.deleted_at) throw new NotFoundError('customer', id);
  if (!row.pool_id || row.owner_id) {
    await loadVisibleCustomer(db, deps, actor, id);
    return recycleCountdown(db, deps, ws, row);
  }
  const mine = await poolsOfActor(db, actor);
  const admin = actor.permissions.has('pools:manage') || mine.admin.has(row.pool_id);
  if (!admin && !mine.member.has(row.pool_id)) throw new NotFoundError('customer', id);
  const pool = (await findPool(db, ws, row.pool_id))!;
  const entered = row.pool_entered_at ? Date.parse(row.pool_entered_at) : null;
  const status: PoolStatus = {
    in_pool: true,
    pool: { id: pool.id, name: pool.name },
    pool_entered_at: row.pool_entered_at,
    days_in_pool: entered ? Math.floor((deps.clock.now().getTime() - entered) / DAY_MS) : 0,
    times_dropped: row.times_dropped,
  };
  if (admin) {
    const names = await userNames(db, ws, [row.previous_owner_id]);
    status.recycle_reason = row.recycle_reason;
    status.released_at = row.released_at;
    status.previous_owner = row.previous_owner_id
      ? { id: row.previous_owner_id, name: names.get(row.previous_owner_id) ?? null }
      : null;
  }
  return status;
}

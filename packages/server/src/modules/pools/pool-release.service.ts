import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ForbiddenError, ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import { logChanges } from '../audit/change-log';
import { notifyUsers } from '../notifications/notification.service';
import type { NotifyInput } from '../notifications/notification.service';
import { findPool } from './pool.repository';
import { findPoolCustomers, putIntoPool, setLocked, userNames } from './pool-customer.repository';
import type { PoolCustomerRow } from './pool-customer.repository';
import { recordMoves } from './pool-moves';
import type { Move } from './pool-moves';
import { homePoolOf, loadScopeMap } from './pool-scope';

export interface ReleaseInput {
  ids: string[];
  pool_id?: string | undefined;
  reason: string;
}

/** Load every id the actor may act on, or fail naming the first that is not; nothing is written then. */
async function loadOwned(
  trx: Parameters<typeof findPoolCustomers>[0],
  deps: AppDeps,
  actor: Actor,
  ids: string[],
): Promise<PoolCustomerRow[]> {
  const rows = await findPoolCustomers(trx, actor.workspaceId, [...new Set(ids)], deps.database.dialect);
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || r.deleted_at || !canSeeOwner(actor, r.owner_id))
      throw ValidationError.field(`ids[${i}]`, `no customer with id ${id}`, 'not_found');
    if (!r.owner_id)
      throw ValidationError.field(
        `ids[${i}]`,
        r.pool_id ? 'this customer is already in a pool' : 'this customer has no owner to release it',
        'not_owned',
      );
  });
  return [...byId.values()];
}

/**
 * An owner (or their manager) gives customers back to a pool (退回公海) with a reason: into the pool
 * named, or each into its home pool. All or nothing; recorded on the timeline, the previous owner told
 * when someone else did it.
 */
export async function releaseCustomers(
  deps: AppDeps,
  actor: Actor,
  input: ReleaseInput,
): Promise<{ released: number; pools: { id: string; name: string; count: number }[] }> {
  requirePermission(actor, 'customers:write');
  let publish: () => void = () => undefined;
  const result = await inTransaction(deps, async (trx) => {
    const { dialect } = deps.database;
    const ws = actor.workspaceId;
    const rows = await loadOwned(trx, deps, actor, input.ids);
    const target = new Map<string, { id: string; name: string }>();
    if (input.pool_id) {
      const pool = await findPool(trx, ws, input.pool_id);
      if (!pool) throw ValidationError.field('pool_id', 'no pool with this id', 'not_found');
      if (pool.enabled !== 1)
        throw ValidationError.field('pool_id', 'this pool is switched off', 'pool_disabled');
      for (const r of rows) target.set(r.id, pool);
    } else {
      const map = await loadScopeMap(trx, ws);
      for (const r of rows) {
        const home = homePoolOf(map, r);
        if (!home)
          throw ValidationError.field(
            'pool_id',
            'no enabled pool covers these customers; choose one',
            'required',
          );
        target.set(r.id, home);
      }
    }
    const at = deps.clock.now().toISOString();
    const groups = new Map<string, PoolCustomerRow[]>();
    for (const r of rows) {
      const key = `${target.get(r.id)!.id}|${r.owner_id}`;
      const group = groups.get(key);
      if (group) group.push(r);
      else groups.set(key, [r]);
    }
    const moves: Move[] = [];
    const counts = new Map<string, { id: string; name: string; count: number }>();
    for (const group of groups.values()) {
      const pool = target.get(group[0]!.id)!;
      const owner = group[0]!.owner_id!;
      const moved = await putIntoPool(trx, dialect, {
        workspaceId: ws,
        ids: group.map((r) => r.id),
        ownerId: owner,
        poolId: pool.id,
        reason: input.reason,
        at,
      });
      for (const { id } of moved)
        moves.push({
          customerId: id,
          kind: 'release',
          poolId: pool.id,
          fromOwner: owner,
          toOwner: null,
          reason: input.reason,
        });
      const c = counts.get(pool.id) ?? { id: pool.id, name: pool.name, count: 0 };
      c.count += moved.length;
      counts.set(pool.id, c);
    }
    await recordMoves(trx, deps, actor, moves);
    publish = await notifyUsers(trx, deps, actor, await releaseNotices(trx, actor, rows, moves, target));
    return { released: moves.length, pools: [...counts.values()] };
  });
  publish();
  return result;
}

/** Tell each previous owner (when someone else released their customers) what went where and why. */
async function releaseNotices(
  trx: Parameters<typeof findPoolCustomers>[0],
  actor: Actor,
  rows: PoolCustomerRow[],
  moves: Move[],
  target: Map<string, { id: string; name: string }>,
): Promise<NotifyInput[]> {
  const names = await userNames(trx, actor.workspaceId, [actor.userId]);
  const who = (actor.userId && names.get(actor.userId)) || '系统';
  const byOwner = new Map<string, Move[]>();
  for (const m of moves) {
    if (!m.fromOwner) continue;
    const list = byOwner.get(m.fromOwner);
    if (list) list.push(m);
    else byOwner.set(m.fromOwner, [m]);
  }
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  return [...byOwner].map(([owner, list]) => {
    const first = list[0]!;
    const pool = target.get(first.customerId)!.name;
    return {
      userId: owner,
      kind: 'pool_released',
      title:
        list.length === 1
          ? `${who} 把客户「${rowOf.get(first.customerId)?.name ?? ''}」退回了公海「${pool}」`
          : `${who} 把你的 ${list.length} 个客户退回了公海`,
      body: `原因：${first.reason ?? ''}`,
      entity: list.length === 1 ? 'customer' : null,
      recordId: list.length === 1 ? first.customerId : null,
    };
  });
}

/** Mark key accounts (锁定客户), which rules with the lock exemption never recycle. Managers only. */
export async function lockCustomers(
  deps: AppDeps,
  actor: Actor,
  input: { ids: string[]; locked: boolean },
): Promise<{ updated: number }> {
  requirePermission(actor, 'customers:write');
  if (!actor.permissions.has('records:transfer') && !actor.permissions.has('pools:manage'))
    throw new ForbiddenError('Only managers lock key accounts', 'lock_not_allowed');
  return inTransaction(deps, async (trx) => {
    const rows = await findPoolCustomers(
      trx,
      actor.workspaceId,
      [...new Set(input.ids)],
      deps.database.dialect,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    input.ids.forEach((id, i) => {
      const r = byId.get(id);
      if (!r || r.deleted_at || !canSeeOwner(actor, r.owner_id))
        throw ValidationError.field(`ids[${i}]`, `no customer with id ${id}`, 'not_found');
    });
    const value = input.locked ? 1 : 0;
    const changing = rows.filter((r) => r.is_locked !== value);
    if (changing.length === 0) return { updated: 0 };
    await setLocked(
      trx,
      actor.workspaceId,
      changing.map((r) => r.id),
      input.locked,
      deps.clock.now().toISOString(),
    );
    await logChanges(
      trx,
      deps,
      actor,
      changing.map((r) => ({
        entity: 'customer',
        recordId: r.id,
        customerId: r.id,
        before: { is_locked: r.is_locked === 1 },
        after: { is_locked: input.locked },
        fields: ['is_locked'],
      })),
    );
    return { updated: changing.length };
  });
}

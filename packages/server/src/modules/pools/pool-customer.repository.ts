import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable } from 'kysely';
import { chunkRows } from '../../core/chunk';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { CustomerTable } from '../../db/schema';
import type { CustomerPoolColumns, PoolMoveTable } from '../../db/schema-pools';
import { poolDb } from './pool.repository';
import { insertRows } from '../../db/insert-rows';

export type PoolCustomerRow = Selectable<CustomerTable & CustomerPoolColumns>;
export type PoolMoveInsert = Insertable<PoolMoveTable>;

/** The customers by id with their pool columns (locked on PostgreSQL when asked). */
export async function findPoolCustomers(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  lock?: Dialect,
): Promise<PoolCustomerRow[]> {
  if (ids.length === 0) return [];
  let q = poolDb(trx)
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids);
  if (lock) q = lock.forUpdate(q);
  return q.execute();
}

/** Hold the user's row for the rest of the transaction: one rep's own concurrent claims queue up (caps). */
export async function lockUser(trx: Executor, dialect: Dialect, workspaceId: string, userId: string) {
  await dialect
    .forUpdate(
      trx.selectFrom('users').select('id').where('workspace_id', '=', workspaceId).where('id', '=', userId),
    )
    .execute();
}

/**
 * Take one customer out of a pool for `ownerId`: succeeds (true) only when it is still in that pool
 * without an owner. This single conditional UPDATE is what makes claims atomic: of any number of
 * concurrent claimers exactly one matches the row.
 */
export async function takeFromPool(
  trx: Executor,
  workspaceId: string,
  customerId: string,
  poolId: string,
  ownerId: string,
  at: string,
): Promise<boolean> {
  const res = await poolDb(trx)
    .updateTable('customers')
    .set({ owner_id: ownerId, pool_id: null, claimed_at: at, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .where('owner_id', 'is', null)
    // `is not distinct from`, not `=`: a predicate the pool index cannot serve, so the plan is always
    // the primary key. Right after a sweep moves many customers in, PostgreSQL's statistics still call
    // the pool small and scanned its 100,000 entries for the one id: 33 ms a claim instead of 0.06.
    .where('pool_id', 'is not distinct from', poolId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Put owned customers into a pool: those of `ownerId` when given (a release of locked rows), and for
 * recycling only those that still meet the rule (`stillDue`, re-checked in the UPDATE itself).
 * Returns each moved customer with the owner it had.
 */
export async function putIntoPool(
  trx: Executor,
  dialect: Dialect,
  q: {
    workspaceId: string;
    ids: string[];
    ownerId?: string;
    poolId: string;
    reason: string;
    at: string;
    stillDue?: RawBuilder<boolean> | null;
  },
): Promise<{ id: string; previous_owner_id: string | null }[]> {
  const moved: { id: string; previous_owner_id: string | null }[] = [];
  for (const part of chunkRows(q.ids, 1, dialect.maxParameters - 50)) {
    let u = poolDb(trx)
      .updateTable('customers')
      .set((eb) => ({
        owner_id: null,
        pool_id: q.poolId,
        pool_entered_at: q.at,
        previous_owner_id: eb.ref('owner_id'),
        recycle_reason: q.reason,
        released_at: q.at,
        times_dropped: eb('times_dropped', '+', 1),
        claimed_at: null,
        updated_at: q.at,
      }))
      .where('workspace_id', '=', q.workspaceId)
      .where('id', 'in', part)
      .where('deleted_at', 'is', null)
      // Opaque to the planner (see pool-rules `opaque`): the rows are named by primary key.
      .where(sql<boolean>`coalesce(owner_id, null) is not null`);
    if (q.ownerId) u = u.where(sql<boolean>`coalesce(owner_id, null) = ${q.ownerId}`);
    if (q.stillDue) u = u.where(q.stillDue);
    moved.push(...(await u.returning(['id', 'previous_owner_id']).execute()));
  }
  return moved;
}

/** Owned since now: the recycle clock of these customers restarts (a transfer). */
export async function restartClocks(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  ids: string[],
  at: string,
) {
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10))
    await poolDb(trx)
      .updateTable('customers')
      .set({ claimed_at: at })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', part)
      .execute();
}

export async function setLocked(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  locked: boolean,
  at: string,
) {
  await poolDb(trx)
    .updateTable('customers')
    .set({ is_locked: locked ? 1 : 0, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertMoves(trx: Executor, dialect: Dialect, rows: PoolMoveInsert[]) {
  await insertRows(trx, dialect, 'pool_moves', rows);
}

/** Claims the user made from the pool since `since` (the daily limit). */
export async function countClaimsSince(
  trx: Executor,
  workspaceId: string,
  poolId: string,
  userId: string,
  since: string,
) {
  const row = await trx
    .selectFrom('pool_moves')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('actor_id', '=', userId)
    .where('pool_id', '=', poolId)
    .where('at', '>=', since)
    .where('kind', '=', 'claim')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * What a claim needs from the history in one round trip: the user's claims from the pool since
 * `claimsSince` (daily limit) and when they last lost each of `customerIds` after `lostAfter`
 * (cooldown). Either part is skipped when its bound is null.
 */
export async function claimHistory(
  trx: Executor,
  q: {
    workspaceId: string;
    poolId: string;
    userId: string;
    claimsSince: string | null;
    customerIds: string[];
    lostAfter: string | null;
  },
): Promise<{ claims: number; lost: Map<string, string> }> {
  const parts = [];
  if (q.claimsSince !== null)
    parts.push(sql`select 'claims' as k, null as customer_id, count(*) as n, null as at from pool_moves
      where workspace_id = ${q.workspaceId} and actor_id = ${q.userId} and pool_id = ${q.poolId}
        and at >= ${q.claimsSince} and kind = 'claim'`);
  if (q.lostAfter !== null && q.customerIds.length)
    parts.push(sql`select 'lost' as k, customer_id, 0 as n, max(at) as at from pool_moves
      where workspace_id = ${q.workspaceId} and customer_id in (${sql.join(q.customerIds)})
        and from_owner_id = ${q.userId} and kind in ('release', 'recycle') and at > ${q.lostAfter}
      group by customer_id`);
  const out = { claims: 0, lost: new Map<string, string>() };
  if (parts.length === 0) return out;
  const { rows } = await sql<{
    k: string;
    customer_id: string | null;
    n: number | string;
    at: string | null;
  }>`${sql.join(parts, sql` union all `)}`.execute(trx);
  for (const r of rows) {
    if (r.k === 'claims') out.claims = Number(r.n);
    else if (r.customer_id && r.at) out.lost.set(r.customer_id, String(r.at));
  }
  return out;
}

export function listMoves(
  trx: Executor,
  workspaceId: string,
  poolId: string,
  f: {
    customer_id?: string | undefined;
    kind?: string | undefined;
    before?: string | undefined;
    limit: number;
  },
) {
  let q = trx
    .selectFrom('pool_moves')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', '=', poolId);
  if (f.customer_id) q = q.where('customer_id', '=', f.customer_id);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.before) q = q.where('id', '<', f.before);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** The latest move of each customer into this pool (how it got there, for the admins' list). */
export async function latestMoves(trx: Executor, workspaceId: string, poolId: string, customerIds: string[]) {
  if (customerIds.length === 0) return new Map<string, Selectable<PoolMoveTable>>();
  const rows = await trx
    .selectFrom('pool_moves')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', 'in', customerIds)
    .where('pool_id', '=', poolId)
    .where('kind', 'in', ['release', 'recycle'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, Selectable<PoolMoveTable>>();
  for (const r of rows) if (!out.has(r.customer_id)) out.set(r.customer_id, r);
  return out;
}

export async function userNames(trx: Executor, workspaceId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function customerNames(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether the customer has an open deal (the countdown's exemptions). */
export async function hasOpenDeal(trx: Executor, workspaceId: string, customerId: string) {
  const row = await trx
    .selectFrom('deals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export const inPool = (poolId: string) => sql<boolean>`pool_id = ${poolId}`;

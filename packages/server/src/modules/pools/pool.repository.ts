import { sql } from 'kysely';
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { DB, CustomerTable } from '../../db/schema';
import type { CustomerPoolColumns, PoolRecycleRuleTable, PoolTable } from '../../db/schema-pools';

/** The database as the pools module sees it: customers carry their pool columns. */
export type PoolDB = Omit<DB, 'customers'> & { customers: CustomerTable & CustomerPoolColumns };
export const poolDb = (trx: Executor): Kysely<PoolDB> => trx as unknown as Kysely<PoolDB>;

export type PoolRow = Selectable<PoolTable>;
export type RuleRow = Selectable<PoolRecycleRuleTable>;
export type RuleInsert = Insertable<PoolRecycleRuleTable>;

export interface PoolRecord {
  id: string;
  name: string;
  description: string | null;
  scope: 'company' | 'department' | 'source';
  department_id: string | null;
  source: string | null;
  hidden_fields: string[];
  daily_claim_limit: number | null;
  cooldown_days: number;
  enabled: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export function toPool(dialect: Dialect, row: PoolRow): PoolRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    scope: row.scope as PoolRecord['scope'],
    department_id: row.department_id,
    source: row.source,
    hidden_fields: dialect.readJson<string[]>(row.hidden_fields) ?? [],
    daily_claim_limit: row.daily_claim_limit,
    cooldown_days: row.cooldown_days,
    enabled: row.enabled === 1,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function findPool(trx: Executor, workspaceId: string, id: string, lock?: Dialect) {
  let q = trx.selectFrom('pools').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = lock.forUpdate(q);
  return q.executeTakeFirst();
}

export function listPoolRows(trx: Executor, workspaceId: string, ids?: string[]) {
  let q = trx.selectFrom('pools').selectAll().where('workspace_id', '=', workspaceId);
  if (ids) q = q.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function insertPool(trx: Executor, row: Insertable<PoolTable>) {
  await trx.insertInto('pools').values(row).execute();
}

export async function updatePoolRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Partial<Insertable<PoolTable>>,
) {
  await trx
    .updateTable('pools')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deletePoolRows(trx: Executor, workspaceId: string, id: string) {
  for (const table of ['pool_members', 'pool_admins', 'pool_recycle_rules'] as const)
    await trx.deleteFrom(table).where('workspace_id', '=', workspaceId).where('pool_id', '=', id).execute();
  await trx.deleteFrom('pools').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function replaceMembers(
  trx: Executor,
  workspaceId: string,
  poolId: string,
  members: { type: string; id: string }[],
) {
  await trx
    .deleteFrom('pool_members')
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', '=', poolId)
    .execute();
  const unique = new Map(members.map((m) => [`${m.type}:${m.id}`, m]));
  if (unique.size === 0) return;
  await trx
    .insertInto('pool_members')
    .values(
      [...unique.values()].map((m) => ({
        workspace_id: workspaceId,
        pool_id: poolId,
        member_type: m.type,
        member_id: m.id,
      })),
    )
    .execute();
}

export async function replaceAdmins(trx: Executor, workspaceId: string, poolId: string, userIds: string[]) {
  await trx
    .deleteFrom('pool_admins')
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', '=', poolId)
    .execute();
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await trx
    .insertInto('pool_admins')
    .values(unique.map((user_id) => ({ workspace_id: workspaceId, pool_id: poolId, user_id })))
    .execute();
}

export function loadMembers(trx: Executor, workspaceId: string, poolIds: string[]) {
  if (poolIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('pool_members')
    .select(['pool_id', 'member_type', 'member_id'])
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', 'in', poolIds)
    .execute();
}

export function loadAdmins(trx: Executor, workspaceId: string, poolIds: string[]) {
  if (poolIds.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('pool_admins')
    .select(['pool_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', 'in', poolIds)
    .execute();
}

export function loadRules(trx: Executor, workspaceId: string, poolIds: string[]) {
  if (poolIds.length === 0) return Promise.resolve([] as RuleRow[]);
  return trx
    .selectFrom('pool_recycle_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', 'in', poolIds)
    .orderBy('position')
    .execute();
}

export async function deleteRules(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('pool_recycle_rules')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export async function upsertRule(trx: Executor, row: RuleInsert, exists: boolean) {
  if (!exists) {
    await trx.insertInto('pool_recycle_rules').values(row).execute();
    return;
  }
  const { workspace_id, id, created_at: _created, ...patch } = row;
  await trx
    .updateTable('pool_recycle_rules')
    .set(patch)
    .where('workspace_id', '=', workspace_id)
    .where('id', '=', id)
    .execute();
}

/** Every rule of the pool looks forward from `at` (the pool was switched back on). */
export async function restartRules(trx: Executor, workspaceId: string, poolId: string, at: string) {
  await trx
    .updateTable('pool_recycle_rules')
    .set({ effective_from: at, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', '=', poolId)
    .execute();
}

/** Ids of the pools whose members include the user, directly or through a department above theirs. */
export async function poolIdsForMember(
  trx: Executor,
  workspaceId: string,
  userId: string,
  departmentIds: string[],
): Promise<string[]> {
  const rows = await trx
    .selectFrom('pool_members')
    .select('pool_id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('member_type', '=', 'user'), eb('member_id', '=', userId)]),
        ...(departmentIds.length
          ? [eb.and([eb('member_type', '=', 'department'), eb('member_id', 'in', departmentIds)])]
          : []),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.pool_id))];
}

export async function poolIdsForAdmin(trx: Executor, workspaceId: string, userId: string) {
  const rows = await trx
    .selectFrom('pool_admins')
    .select('pool_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.pool_id);
}

/**
 * One pool with what the user is to it, in one round trip (claims are hot): the pool row, the user's
 * role and department path, and whether they are a member (directly or through a department above
 * theirs) and an admin. Null when there is no such pool.
 */
export async function poolWithAccess(
  trx: Executor,
  workspaceId: string,
  poolId: string,
  userId: string | null,
) {
  const { rows } = await sql<
    PoolRow & { u_role_id: string | null; u_path: string | null; is_member: unknown; is_admin: unknown }
  >`select p.*, u.role_id as u_role_id, d.path as u_path,
      exists (select 1 from pool_members pm where pm.workspace_id = p.workspace_id and pm.pool_id = p.id
        and ((pm.member_type = 'user' and pm.member_id = u.id)
          or (pm.member_type = 'department' and d.path like ('%/' || pm.member_id || '/%')))) as is_member,
      exists (select 1 from pool_admins pa where pa.workspace_id = p.workspace_id and pa.pool_id = p.id
        and pa.user_id = u.id) as is_admin
    from pools p
    left join users u on u.workspace_id = p.workspace_id and u.id = ${userId}
    left join departments d on d.workspace_id = u.workspace_id and d.id = u.department_id
    where p.workspace_id = ${workspaceId} and p.id = ${poolId}`.execute(trx);
  const row = rows[0];
  if (!row) return null;
  const { u_role_id, u_path, is_member, is_admin, ...pool } = row;
  const truthy = (v: unknown) => v === true || Number(v) === 1;
  return {
    pool: pool as PoolRow,
    placement: u_role_id
      ? {
          roleId: u_role_id,
          departmentIds: (u_path ?? '').split('/').filter(Boolean).reverse(),
          status: 'active',
        }
      : null,
    member: truthy(is_member),
    admin: truthy(is_admin),
  };
}

export interface Placement {
  roleId: string;
  departmentIds: string[];
  status: string;
}

export async function userPlacement(
  trx: Executor,
  workspaceId: string,
  userId: string,
): Promise<Placement | null> {
  const row = await trx
    .selectFrom('users as u')
    .leftJoin('departments as d', (j) =>
      j.onRef('d.workspace_id', '=', 'u.workspace_id').onRef('d.id', '=', 'u.department_id'),
    )
    .select(['u.id', 'u.role_id', 'u.department_id', 'u.status', 'd.path'])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  // "/root/child/leaf/" → [leaf, child, root]: nearest first.
  const departmentIds = (row.path ?? '').split('/').filter(Boolean).reverse();
  return { roleId: row.role_id, departmentIds, status: row.status };
}

/** How many customers sit in each pool. */
export async function countPoolCustomers(trx: Executor, workspaceId: string, poolIds: string[]) {
  if (poolIds.length === 0) return new Map<string, number>();
  const rows = await poolDb(trx)
    .selectFrom('customers')
    .select(['pool_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('pool_id', 'in', poolIds)
    .where('deleted_at', 'is', null)
    .groupBy('pool_id')
    .execute();
  return new Map(rows.map((r) => [r.pool_id!, Number(r.n)]));
}

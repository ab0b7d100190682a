import type { Insertable, Selectable, Updateable } from 'kysely';
import { PERMISSIONS } from '@tideline/shared';
import type { DataScope, Permission } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { RoleTable } from '../../db/schema';

export type RoleRow = Selectable<RoleTable>;
export type RoleInsert = Insertable<RoleTable>;
export type RolePatch = Updateable<RoleTable>;

export type Role = {
  id: string;
  key: string;
  name: string;
  permissions: Permission[];
  data_scope: DataScope;
  is_system: boolean;
  created_at: string;
  updated_at: string;
};

/** The admin role holds every permission there is, including ones added after it was stored. */
export function toRole(dialect: Dialect, row: RoleRow): Role {
  const stored = dialect.readJson<Permission[]>(row.permissions) ?? [];
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    permissions: row.key === 'admin' ? [...PERMISSIONS] : stored,
    data_scope: row.data_scope as DataScope,
    is_system: row.is_system === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function findRole(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx.selectFrom('roles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function listRoleRows(trx: Executor, workspaceId: string) {
  return trx.selectFrom('roles').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
}

/** Users (active or not) holding each role. */
export async function countUsersByRole(trx: Executor, workspaceId: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('users')
    .select(['role_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('role_id')
    .execute();
  return new Map(rows.map((r) => [r.role_id, toCount(r.n)]));
}

export async function countRoleHolders(trx: Executor, workspaceId: string, roleId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role_id', '=', roleId)
    .executeTakeFirst();
  return toCount(row?.n);
}

export async function insertRole(trx: Executor, row: RoleInsert) {
  await trx.insertInto('roles').values(row).execute();
}

export async function updateRoleRow(trx: Executor, workspaceId: string, id: string, patch: RolePatch) {
  await trx
    .updateTable('roles')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRoleRow(trx: Executor, workspaceId: string, id: string) {
  await trx.deleteFrom('roles').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

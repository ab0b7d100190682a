import { sql } from 'kysely';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { DepartmentTable } from '../../db/schema';

export type DepartmentRow = Selectable<DepartmentTable>;
export type DepartmentInsert = Insertable<DepartmentTable>;
export type DepartmentPatch = Updateable<DepartmentTable>;

export async function findDepartment(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function listDepartmentRows(trx: Executor, workspaceId: string) {
  return trx
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('path')
    .execute();
}

/** The root of the tree: the department created with the workspace. */
export async function findRootDepartment(trx: Executor, workspaceId: string) {
  return trx
    .selectFrom('departments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', 'is', null)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Active members per department (direct members only). */
export async function countActiveMembers(
  trx: Executor,
  workspaceId: string,
  departmentIds?: string[],
): Promise<Map<string, number>> {
  let q = trx
    .selectFrom('users')
    .select(['department_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('department_id', 'is not', null);
  if (departmentIds) {
    if (departmentIds.length === 0) return new Map();
    q = q.where('department_id', 'in', departmentIds);
  }
  const rows = await q.groupBy('department_id').execute();
  return new Map(rows.map((r) => [r.department_id!, toCount(r.n)]));
}

/** Departments under `path` (the department itself excluded). */
export async function listSubtreeIds(trx: Executor, workspaceId: string, path: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('path', 'like', `${path}%`)
    .where('path', '<>', path)
    .execute();
  return rows.map((r) => r.id);
}

export async function countChildren(trx: Executor, workspaceId: string, id: string): Promise<number> {
  const row = await trx
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', id)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Members of any status: a disabled user still belongs somewhere. */
export async function countMembers(trx: Executor, workspaceId: string, id: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('department_id', '=', id)
    .executeTakeFirst();
  return toCount(row?.n);
}

export async function findSiblingByName(
  trx: Executor,
  workspaceId: string,
  parentId: string,
  name: string,
  exceptId?: string,
) {
  let q = trx
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('parent_id', '=', parentId)
    .where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export async function insertDepartment(trx: Executor, row: DepartmentInsert) {
  await trx.insertInto('departments').values(row).execute();
}

export async function updateDepartmentRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: DepartmentPatch,
) {
  await trx
    .updateTable('departments')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Re-root a whole subtree in one statement: every path starting with `from` now starts with `to`. */
export async function rewriteSubtreePaths(
  trx: Executor,
  workspaceId: string,
  from: string,
  to: string,
  now: string,
) {
  await sql`update departments
    set path = ${to} || substr(path, ${from.length + 1}), updated_at = ${now}
    where workspace_id = ${workspaceId} and path like ${from + '%'}`.execute(trx);
}

export async function deleteDepartmentRow(trx: Executor, workspaceId: string, id: string) {
  await trx.deleteFrom('departments').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

import type { Insertable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { OwnerCapTable } from '../../db/schema-pools';
import { poolDb } from './pool.repository';

export function loadCaps(trx: Executor, workspaceId: string, id?: string) {
  let q = trx.selectFrom('owner_caps').selectAll().where('workspace_id', '=', workspaceId);
  if (id) q = q.where('id', '=', id);
  return q.orderBy('subject_type').orderBy('created_at').execute();
}
export type CapRow = Awaited<ReturnType<typeof loadCaps>>[number];

export function capsForSubjects(trx: Executor, workspaceId: string, subjectIds: string[]) {
  return trx
    .selectFrom('owner_caps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_id', 'in', subjectIds)
    .execute();
}

export function findCapBySubject(trx: Executor, workspaceId: string, type: string, subjectId: string) {
  return trx
    .selectFrom('owner_caps')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', type)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
}

export async function insertCap(trx: Executor, row: Insertable<OwnerCapTable>) {
  await trx.insertInto('owner_caps').values(row).execute();
}

export async function updateCapRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Partial<Insertable<OwnerCapTable>>,
) {
  await trx
    .updateTable('owner_caps')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCapRow(trx: Executor, workspaceId: string, id: string): Promise<number> {
  const res = await trx
    .deleteFrom('owner_caps')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The name of a user, role or department of the workspace; null when there is none with this id. */
export async function subjectName(trx: Executor, workspaceId: string, type: string, id: string) {
  const table = type === 'user' ? 'users' : type === 'role' ? 'roles' : 'departments';
  const row = await trx
    .selectFrom(table)
    .select('name')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** Customers the user owns as a cap counts them (won customers left out unless the cap counts them). */
export async function countOwned(trx: Executor, workspaceId: string, userId: string, countWon: boolean) {
  let q = poolDb(trx)
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', userId)
    .where('deleted_at', 'is', null);
  if (!countWon) q = q.where('last_won_at', 'is', null);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

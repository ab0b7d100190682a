import { sql } from 'kysely';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { SavedViewTable } from '../../db/schema';
import type { FilterCondition } from '@tideline/shared';

export type ViewRow = Selectable<SavedViewTable>;
export type ViewInsert = Insertable<SavedViewTable>;
export type ViewPatch = Updateable<SavedViewTable>;

/** A saved view as the API shows it. */
export interface SavedView {
  id: string;
  owner_id: string;
  entity: string;
  name: string;
  filter: FilterCondition[];
  sort: string | null;
  columns: string[];
  shared: boolean;
  created_at: string;
  updated_at: string;
}

export function toView(dialect: Dialect, row: ViewRow): SavedView {
  return {
    id: row.id,
    owner_id: row.owner_id,
    entity: row.entity,
    name: row.name,
    filter: dialect.readJson<FilterCondition[]>(row.filter) ?? [],
    sort: row.sort,
    columns: dialect.readJson<string[]>(row.columns) ?? [],
    shared: row.shared === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The user's own views of an entity and the workspace's shared ones: shared first, then by name. */
export async function listViewRows(trx: Executor, workspaceId: string, entity: string, userId: string) {
  return trx
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('shared', '=', 1)]))
    .orderBy('shared', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findView(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('saved_views')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

/**
 * A view with this name (ignoring case) in the same list the new one would join: the owner's
 * personal views, or the shared views of the workspace.
 */
export async function findViewByName(
  trx: Executor,
  q: {
    workspaceId: string;
    entity: string;
    name: string;
    shared: boolean;
    ownerId: string;
    exceptId?: string;
  },
) {
  let query = trx
    .selectFrom('saved_views')
    .select(['id', 'name'])
    .where('workspace_id', '=', q.workspaceId)
    .where('entity', '=', q.entity)
    .where(sql<boolean>`lower(name) = ${q.name.toLowerCase()}`)
    .where('shared', '=', q.shared ? 1 : 0);
  if (!q.shared) query = query.where('owner_id', '=', q.ownerId);
  if (q.exceptId) query = query.where('id', '<>', q.exceptId);
  return query.executeTakeFirst();
}

export async function insertView(trx: Executor, row: ViewInsert) {
  await trx.insertInto('saved_views').values(row).execute();
}

export async function updateViewRow(trx: Executor, workspaceId: string, id: string, patch: ViewPatch) {
  await trx
    .updateTable('saved_views')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteViewRow(trx: Executor, workspaceId: string, id: string) {
  await trx.deleteFrom('saved_views').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

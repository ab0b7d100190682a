import { sql } from 'kysely';
import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { TagTable } from '../../db/schema';

export type TagRow = Selectable<TagTable>;

export async function listTagRows(
  trx: Executor,
  workspaceId: string,
): Promise<(TagRow & { records: number })[]> {
  const { rows } = await sql<TagRow & { records: number | string }>`select t.*,
      (select count(*) from record_tags rt where rt.workspace_id = t.workspace_id and rt.tag_id = t.id) as records
    from tags t where t.workspace_id = ${workspaceId} order by t.name, t.id`.execute(trx);
  return rows.map((r) => ({ ...r, records: Number(r.records) }));
}

export async function findTag(trx: Executor, workspaceId: string, id: string) {
  return trx
    .selectFrom('tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findTags(trx: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('tags')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

/** A tag with this name ignoring case, other than `exceptId`: names must read as distinct. */
export async function findTagByName(trx: Executor, workspaceId: string, name: string, exceptId?: string) {
  let q = trx
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(name) = ${name.toLowerCase()}`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

/** Insert the tag unless one with its exact name exists (or is being committed); true when inserted. */
export async function insertTagUnlessNamed(trx: Executor, row: TagRow): Promise<boolean> {
  const inserted = await trx
    .insertInto('tags')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'name']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function updateTagRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<TagTable>,
) {
  await trx
    .updateTable('tags')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTagRow(trx: Executor, workspaceId: string, id: string) {
  await trx.deleteFrom('tags').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { chunkRows } from '../../core/chunk';

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

/** Tags of many records at once, for list pages and record views. */
export async function loadTagsFor(
  trx: Executor,
  workspaceId: string,
  recordType: string,
  ids: readonly string[],
) {
  const out = new Map<string, TagRef[]>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom('record_tags as rt')
    .innerJoin('tags as t', (j) =>
      j.onRef('t.workspace_id', '=', 'rt.workspace_id').onRef('t.id', '=', 'rt.tag_id'),
    )
    .select(['rt.record_id', 't.id', 't.name', 't.color'])
    .where('rt.workspace_id', '=', workspaceId)
    .where('rt.record_type', '=', recordType)
    .where('rt.record_id', 'in', ids as string[])
    .execute();
  // Sorted here, not in SQL: ORDER BY t.name leads SQLite to walk the tags by name and probe every
  // record id for each tag (0.24 ms for a page of 50), where starting from the ids takes 0.05 ms.
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.record_id, list);
  }
  return out;
}

/**
 * Rows of `idColumn` that carry tags: any of `tagIds` (or any tag at all when null), or every one of
 * them with `all`. Used by list filters on customers, leads, contacts and deals.
 */
export function tagFilterPredicate(
  workspaceId: string,
  recordType: string,
  tagIds: readonly string[] | null,
  opts: { all?: boolean; idColumn?: string } = {},
): RawBuilder<boolean> {
  const byTag = tagIds ? sql`and rt.tag_id in (${sql.join([...tagIds])})` : sql``;
  const every =
    opts.all && tagIds
      ? sql`group by rt.record_id having count(distinct rt.tag_id) = ${tagIds.length}`
      : sql``;
  return sql<boolean>`${sql.ref(opts.idColumn ?? 'id')} in (select rt.record_id from record_tags rt
    where rt.workspace_id = ${workspaceId} and rt.record_type = ${recordType} ${byTag} ${every})`;
}

/** Add assignments; pairs already present are skipped, so concurrent assigns never fail. */
export async function insertRecordTags(
  trx: Executor,
  dialect: Dialect,
  rows: {
    workspace_id: string;
    tag_id: string;
    record_type: string;
    record_id: string;
    created_at: string;
  }[],
) {
  for (const part of chunkRows(rows, 5, dialect.maxParameters)) {
    await trx
      .insertInto('record_tags')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function deleteRecordTags(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  recordType: string,
  recordIds: readonly string[],
  tagIds: readonly string[],
) {
  for (const part of chunkRows(recordIds, 1, dialect.maxParameters - 100)) {
    await trx
      .deleteFrom('record_tags')
      .where('workspace_id', '=', workspaceId)
      .where('record_type', '=', recordType)
      .where('record_id', 'in', part)
      .where('tag_id', 'in', [...tagIds])
      .execute();
  }
}

/** Remove every assignment of one tag; returns how many records lost it. */
export async function deleteAssignmentsOfTag(
  trx: Executor,
  workspaceId: string,
  tagId: string,
): Promise<number> {
  const res = await trx
    .deleteFrom('record_tags')
    .where('workspace_id', '=', workspaceId)
    .where('tag_id', '=', tagId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { ListQuery, Page } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { parseFilterParam } from '../../core/list-request';
import { buildFilterPredicate, decodeCursor, encodeCursor, parseSort } from '../../db/list-query';
import type { Cursor, ListContext, SortSpec } from '../../db/list-query';
import { notDeleted } from '../../db/scope';
import { searchIds } from '../search/search.service';
import type { SearchTarget } from '../search/search.service';
import { buildFilterWithTags } from '../tags/tag.filter';

/** The page query a repository runs: the same shape for every record list. */
export interface RowsQuery {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export interface RecordListSpec<Row, Item extends { id: string; custom: Record<string, unknown> }> {
  /** The record type tags are stored under; omit for records that carry no tags. */
  tagType?: string;
  ctx: ListContext;
  /** Rows inside the actor's data scope. */
  scope: RawBuilder<boolean>;
  search: SearchTarget;
  rows(q: RowsQuery): Promise<Row[]>;
  /** Turn a page of rows into what the API returns (JSON parsed, tags and names attached). */
  present(rows: Row[]): Promise<Item[]>;
}

/**
 * One list pipeline for every record type: data scope, the recycle bin switch, filters (tags
 * included), search narrowing to the best 2,000 matches, sort with NULLs last and a keyset cursor.
 */
export async function listRecords<Row, Item extends { id: string; custom: Record<string, unknown> }>(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
  spec: RecordListSpec<Row, Item>,
): Promise<Page<Item> & { partial?: boolean }> {
  const where = [spec.scope];
  if (query.include_deleted === 'only') where.push(sql<boolean>`deleted_at is not null`);
  else if (query.include_deleted !== 'true') where.push(notDeleted());
  const conditions = parseFilterParam(query.filter);
  const ctx = { ...spec.ctx, sortField: (query.sort ?? '-id').replace(/^-/, '') };
  const filter = spec.tagType
    ? buildFilterWithTags(ctx, actor.workspaceId, spec.tagType, conditions)
    : buildFilterPredicate(ctx, conditions);
  if (filter) where.push(filter);
  const sort = parseSort(spec.ctx, query.sort, '-id');
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
  let partial = false;
  if (query.q) {
    const hits = await searchIds(
      deps.database.db,
      deps.database.dialect.containsText,
      actor,
      spec.search,
      query.q,
      {
        limit: 2000,
      },
    );
    partial = hits.partial;
    if (hits.ids.length === 0) return { items: [], next_cursor: null };
    where.push(sql<boolean>`id in (${sql.join(hits.ids)})`);
  }
  const rows = await spec.rows({
    workspaceId: actor.workspaceId,
    where,
    sort,
    cursor,
    limit: query.limit + 1,
  });
  const items = await spec.present(rows.slice(0, query.limit));
  const last = items[items.length - 1];
  const next_cursor =
    rows.length > query.limit && last
      ? encodeCursor({ field: sort.field, value: sortValue(last, sort.field), id: last.id })
      : null;
  return { items, next_cursor, ...(partial ? { partial } : {}) };
}

/** The value an item holds for the sort field, as the cursor must carry it. */
function sortValue(item: { custom: Record<string, unknown> }, field: string): unknown {
  if (field.startsWith('custom.')) return item.custom[field.slice('custom.'.length)] ?? null;
  return (item as unknown as Record<string, unknown>)[field] ?? null;
}

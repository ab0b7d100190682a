import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { ActivityTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type ActivityRow = Selectable<ActivityTable>;
export type ActivityInsert = Insertable<ActivityTable>;
export type ActivityPatch = Updateable<ActivityTable>;

/** One activity, only when `visible` (columns unqualified) holds for it. */
export async function findVisibleActivity(
  trx: Executor,
  workspaceId: string,
  id: string,
  visible: RawBuilder<boolean>,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('activities')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where(visible);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export interface ListActivitiesSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listActivityRows(trx: Executor, q: ListActivitiesSql): Promise<ActivityRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<ActivityRow>`select * from activities
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertActivity(trx: Executor, row: ActivityInsert) {
  await trx.insertInto('activities').values(row).execute();
}

export async function updateActivityRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: ActivityPatch,
) {
  await trx
    .updateTable('activities')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

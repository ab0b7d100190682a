import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { TaskTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type TaskRow = Selectable<TaskTable>;
export type TaskInsert = Insertable<TaskTable>;
export type TaskPatch = Updateable<TaskTable>;

/** One task, only when `visible` (columns unqualified) holds for it. */
export async function findVisibleTask(
  trx: Executor,
  workspaceId: string,
  id: string,
  visible: RawBuilder<boolean>,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where(visible);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export interface ListTasksSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listTaskRows(trx: Executor, q: ListTasksSql): Promise<TaskRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<TaskRow>`select * from tasks
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertTask(trx: Executor, row: TaskInsert) {
  await trx.insertInto('tasks').values(row).execute();
}

export async function updateTaskRow(trx: Executor, workspaceId: string, id: string, patch: TaskPatch) {
  await trx
    .updateTable('tasks')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** A user who may be given a task: of the workspace, with status and name. */
export function findAssignee(trx: Executor, workspaceId: string, id: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { HandoverTable } from '../../db/schema-handovers';

export type HandoverRow = Selectable<HandoverTable>;

export async function insertHandover(trx: Executor, row: Insertable<HandoverTable>): Promise<void> {
  await trx.insertInto('handovers').values(row).execute();
}

/** The hand-over by id; locked for the batch that advances it (two workers never run one batch twice). */
export async function findHandover(
  trx: Executor,
  workspaceId: string,
  id: string,
  lock?: Dialect,
): Promise<HandoverRow | undefined> {
  let q = trx
    .selectFrom('handovers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (lock) q = lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function updateHandover(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<HandoverTable>,
): Promise<void> {
  await trx
    .updateTable('handovers')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Newest first (ids are time-ordered); `actorId` narrows to the hand-overs one person started. */
export async function listHandovers(
  trx: Executor,
  workspaceId: string,
  opts: { actorId?: string; before?: string; limit: number },
): Promise<HandoverRow[]> {
  let q = trx.selectFrom('handovers').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.actorId) q = q.where('actor_id', '=', opts.actorId);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

/** A hand-over of this user that has not finished yet (a second one would race it). */
export async function findUnfinished(
  trx: Executor,
  workspaceId: string,
  fromUserId: string,
): Promise<HandoverRow | undefined> {
  return trx
    .selectFrom('handovers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('from_user_id', '=', fromUserId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
}

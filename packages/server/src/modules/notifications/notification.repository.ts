import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { insertRows } from '../../db/insert-rows';

export interface NewNotification {
  id: string;
  workspace_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  created_at: string;
}

export async function insertNotifications(trx: Executor, dialect: Dialect, rows: NewNotification[]) {
  await insertRows(trx, dialect, 'notifications', rows);
}

export function listNotifications(
  trx: Executor,
  workspaceId: string,
  userId: string,
  opts: { unreadOnly: boolean; before?: string; limit: number },
) {
  let q = trx
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.before) q = q.where('id', '<', opts.before);
  return q.orderBy('id', 'desc').limit(opts.limit).execute();
}

export async function countUnread(trx: Executor, workspaceId: string, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function markRead(
  trx: Executor,
  workspaceId: string,
  userId: string,
  ids: string[] | 'all',
  at: string,
) {
  let q = trx
    .updateTable('notifications')
    .set({ read_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

import type { Insertable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { SessionTable } from '../../db/schema';

export type SessionInsert = Insertable<SessionTable>;

export async function insertSession(trx: Executor, row: SessionInsert) {
  await trx.insertInto('sessions').values(row).execute();
}

/** The session of a cookie, by the hash of its secret. */
export async function findSession(trx: Executor, id: string) {
  return trx.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSession(trx: Executor, id: string) {
  await trx.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Sign a user out everywhere, or everywhere but the session making the change. */
export async function deleteUserSessions(
  trx: Executor,
  workspaceId: string,
  userId: string,
  exceptId?: string,
) {
  let q = trx.deleteFrom('sessions').where('workspace_id', '=', workspaceId).where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(trx: Executor, workspaceId: string, userId: string, now: string) {
  await trx
    .deleteFrom('sessions')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('expires_at', '<=', now)
    .execute();
}

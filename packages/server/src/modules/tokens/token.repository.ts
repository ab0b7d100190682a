import type { Insertable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { ApiTokenTable } from '../../db/schema';

export async function insertToken(trx: Executor, row: Insertable<ApiTokenTable>) {
  await trx.insertInto('api_tokens').values(row).execute();
}

export function findTokenByHash(trx: Executor, hash: string) {
  return trx.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

export function findToken(trx: Executor, workspaceId: string, id: string) {
  return trx
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listTokenRows(trx: Executor, workspaceId: string, userId: string | null) {
  let q = trx.selectFrom('api_tokens').selectAll().where('workspace_id', '=', workspaceId);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('id', 'desc').execute();
}

export async function setTokenRevoked(trx: Executor, workspaceId: string, id: string, at: string) {
  await trx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function setTokenLastUsed(trx: Executor, id: string, at: string) {
  await trx.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

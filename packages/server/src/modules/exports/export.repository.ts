import type { Executor } from '../../core/transaction';

/** Names of users by id, for owner and creator columns. */
export async function userNames(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of customers by id, for the contacts' customer column (deleted ones too: history stays readable). */
export async function customerNames(
  db: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The language a user reads the app in; null for actors without a user. */
export async function userLocale(db: Executor, workspaceId: string, userId: string | null) {
  if (!userId) return null;
  const row = await db
    .selectFrom('users')
    .select('locale')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.locale ?? null;
}

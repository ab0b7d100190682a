import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { UserTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type UserRow = Selectable<UserTable>;
export type UserInsert = Insertable<UserTable>;
export type UserPatch = Updateable<UserTable>;

/** What anyone signed in may know of a colleague. */
export type PublicUser = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  department_id: string | null;
  role_id: string;
  status: string;
  manager_id: string | null;
};

/** What those who manage users see; the password hash never leaves the repository's callers. */
export type UserView = PublicUser & {
  locale: string;
  last_login_at: string | null;
  locked_until: string | null;
  /** On leave until this instant (lead distribution skips the user); null when at work. */
  away_until: string | null;
  created_at: string;
  updated_at: string;
};

export const toPublicUser = (r: PublicUser): PublicUser => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  department_id: r.department_id,
  role_id: r.role_id,
  status: r.status,
  manager_id: r.manager_id,
});

export const toUserView = (r: UserView): UserView => ({
  ...toPublicUser(r),
  locale: r.locale,
  last_login_at: r.last_login_at,
  locked_until: r.locked_until,
  away_until: r.away_until ?? null,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

/**
 * Serialise changes to the organisation of one workspace (users, roles, departments): checks such as
 * "the last active admin" or "not under its own descendant" then hold under concurrent requests.
 */
export async function lockOrganisation(trx: Executor, dialect: Dialect, workspaceId: string) {
  await dialect.forUpdate(trx.selectFrom('workspaces').select('id').where('id', '=', workspaceId)).execute();
}

export async function findUser(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx.selectFrom('users').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findUserIdByEmail(
  trx: Executor,
  workspaceId: string,
  email: string,
): Promise<string | null> {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findManagerIds(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('users')
    .select(['id', 'manager_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

export interface ListUsersSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listUserRows(trx: Executor, q: ListUsersSql): Promise<UserRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const cond = where.length ? sql`and ${sql.join(where, sql` and `)}` : sql``;
  const { rows } = await sql<UserRow>`select * from users where workspace_id = ${q.workspaceId} ${cond}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertUser(trx: Executor, row: UserInsert) {
  await trx.insertInto('users').values(row).execute();
}

export async function updateUserRow(trx: Executor, workspaceId: string, id: string, patch: UserPatch) {
  await trx
    .updateTable('users')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Active holders of the admin role other than `exceptUserId`. */
export async function countOtherActiveAdmins(
  trx: Executor,
  workspaceId: string,
  exceptUserId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .select((eb) => eb.fn.countAll().as('n'))
    .where('u.workspace_id', '=', workspaceId)
    .where('u.status', '=', 'active')
    .where('r.key', '=', 'admin')
    .where('u.id', '<>', exceptUserId)
    .executeTakeFirst();
  return toCount(row?.n);
}

import { sql } from 'kysely';
import type { z } from 'zod';
import type { Page, userCreateSchema, userUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { parseFilterParam } from '../../core/list-request';
import { buildFilterPredicate, decodeCursor, encodeCursor, parseSort } from '../../db/list-query';
import type { ListContext } from '../../db/list-query';
import { logChange } from '../audit/change-log';
import { hashPassword } from '../auth/password';
import { deleteUserSessions } from '../auth/session.repository';
import { findDepartment, findRootDepartment } from '../departments/department.repository';
import { findRole, toRole } from '../roles/role.repository';
import { canGrant } from '../roles/role.service';
import { USER_ADMIN_FIELDS, USER_AUDITED, USER_PUBLIC_FIELDS } from './user.fields';
import type { UserListQuery } from './user.fields';
import {
  countOtherActiveAdmins,
  findManagerIds,
  findUser,
  findUserIdByEmail,
  insertUser,
  listUserRows,
  lockOrganisation,
  toPublicUser,
  toUserView,
  updateUserRow,
} from './user.repository';
import type { PublicUser, UserPatch, UserRow, UserView } from './user.repository';

export type UserCreate = z.infer<typeof userCreateSchema>;
export type UserUpdate = z.infer<typeof userUpdateSchema>;

const managesUsers = (actor: Actor) => actor.permissions.has('users:manage');
const present = (actor: Actor, row: UserRow): PublicUser | UserView =>
  managesUsers(actor) ? toUserView(row) : toPublicUser(row);

/** Everyone signed in may list colleagues (owner pickers), but only managers of users see more than the public fields. */
export async function listUsers(
  deps: AppDeps,
  actor: Actor,
  query: UserListQuery,
): Promise<Page<PublicUser | UserView>> {
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: managesUsers(actor) ? USER_ADMIN_FIELDS : USER_PUBLIC_FIELDS,
    customDefs: [],
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  const where = [];
  const filter = buildFilterPredicate(ctx, parseFilterParam(query.filter));
  if (filter) where.push(filter);
  for (const key of ['status', 'department_id', 'role_id', 'manager_id'] as const) {
    const value = query[key];
    if (value !== undefined) where.push(sql<boolean>`${sql.ref(key)} = ${value}`);
  }
  if (query.q) {
    const { containsText } = deps.database.dialect;
    where.push(sql<boolean>`(${containsText(sql.ref('name'), query.q)} or ${containsText(sql.ref('email'), query.q)}
      or ${containsText(sql.ref('phone'), query.q)})`);
  }
  const sort = parseSort(ctx, query.sort, 'name');
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
  const rows = await listUserRows(db, {
    workspaceId: actor.workspaceId,
    where,
    sort,
    cursor,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next_cursor =
    rows.length > query.limit && last
      ? encodeCursor({
          field: sort.field,
          value: (last as unknown as Record<string, unknown>)[sort.field] ?? null,
          id: last.id,
        })
      : null;
  return { items: page.map((r) => present(actor, r)), next_cursor };
}

export async function getUser(deps: AppDeps, actor: Actor, id: string): Promise<PublicUser | UserView> {
  const row = await findUser(deps.database.db, actor.workspaceId, id);
  if (!row) throw new NotFoundError('user', id);
  return present(actor, row);
}

/** A role may be given only by someone who holds at least its permissions and data scope. */
async function checkRole(trx: Executor, deps: AppDeps, actor: Actor, roleId: string) {
  const row = await findRole(trx, actor.workspaceId, roleId);
  if (!row) throw ValidationError.field('role_id', 'no such role in this workspace', 'not_found');
  const role = toRole(deps.database.dialect, row);
  if (!canGrant(actor, role.permissions, role.data_scope)) {
    throw ValidationError.field('role_id', 'this role has rights you do not hold', 'role_not_grantable');
  }
  return role;
}

async function checkDepartment(trx: Executor, actor: Actor, departmentId: string) {
  if (!(await findDepartment(trx, actor.workspaceId, departmentId))) {
    throw ValidationError.field('department_id', 'no such department in this workspace', 'not_found');
  }
}

/** A manager is an active colleague, and the reporting line must not loop back to the user. */
async function checkManager(trx: Executor, actor: Actor, managerId: string, userId: string) {
  if (managerId === userId)
    throw ValidationError.field('manager_id', 'a user cannot be their own manager', 'cycle');
  const manager = await findUser(trx, actor.workspaceId, managerId);
  if (!manager) throw ValidationError.field('manager_id', 'no such user in this workspace', 'not_found');
  if (manager.status !== 'active')
    throw ValidationError.field('manager_id', 'this user is disabled', 'user_disabled');
  const seen = new Set([managerId]);
  let next = manager.manager_id;
  while (next && !seen.has(next)) {
    if (next === userId)
      throw ValidationError.field('manager_id', 'this user already reports to the user', 'cycle');
    seen.add(next);
    const [row] = await findManagerIds(trx, actor.workspaceId, [next]);
    next = row?.manager_id ?? null;
  }
}

async function checkEmailFree(trx: Executor, actor: Actor, email: string, exceptId?: string) {
  const holder = await findUserIdByEmail(trx, actor.workspaceId, email);
  if (holder && holder !== exceptId) {
    throw new ConflictError('email_taken', 'Another user of this workspace has this email', [
      { path: 'email', message: 'already used by another user', code: 'email_taken' },
    ]);
  }
}

export async function createUser(
  deps: AppDeps,
  actor: Actor,
  input: UserCreate,
  outer?: Executor,
): Promise<UserView> {
  requirePermission(actor, 'users:manage');
  // scrypt is slow on purpose; hash before taking any lock.
  const passwordHash = await hashPassword(input.password);
  return inTransaction(
    deps,
    async (trx) => {
      await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
      const id = newId();
      await checkEmailFree(trx, actor, input.email);
      await checkRole(trx, deps, actor, input.role_id);
      let departmentId = input.department_id;
      if (departmentId) await checkDepartment(trx, actor, departmentId);
      else if (departmentId === undefined)
        departmentId = (await findRootDepartment(trx, actor.workspaceId))?.id ?? null;
      if (input.manager_id) await checkManager(trx, actor, input.manager_id, id);
      const now = deps.clock.now().toISOString();
      const row: UserRow = {
        id,
        workspace_id: actor.workspaceId,
        email: input.email,
        name: input.name,
        phone: input.phone ?? null,
        password_hash: passwordHash,
        status: input.status,
        role_id: input.role_id,
        department_id: departmentId ?? null,
        manager_id: input.manager_id ?? null,
        locale: input.locale,
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        away_until: null,
        created_at: now,
        updated_at: now,
      };
      await insertUser(trx, row);
      const view = toUserView(row);
      await logChange(trx, deps, actor, {
        entity: 'user',
        recordId: id,
        before: null,
        after: view,
        fields: USER_AUDITED,
      });
      return view;
    },
    outer,
  );
}

/** The workspace must keep one active admin, or nobody could manage it any more. */
async function checkAdminKept(trx: Executor, deps: AppDeps, actor: Actor, row: UserRow, patch: UserUpdate) {
  const disabling = patch.status === 'disabled' && row.status === 'active';
  const changingRole = patch.role_id !== undefined && patch.role_id !== row.role_id;
  if (!disabling && !changingRole) return;
  const current = await findRole(trx, actor.workspaceId, row.role_id);
  if (current?.key !== 'admin' || row.status !== 'active') return;
  const next = changingRole ? await findRole(trx, actor.workspaceId, patch.role_id!) : current;
  if (!disabling && next?.key === 'admin') return;
  if ((await countOtherActiveAdmins(trx, actor.workspaceId, row.id)) === 0) {
    throw new ConflictError(
      'last_admin',
      'This is the last active admin of the workspace; make someone else admin first',
      [
        {
          path: disabling ? 'status' : 'role_id',
          message: 'the workspace needs an active admin',
          code: 'last_admin',
        },
      ],
    );
  }
}

export async function updateUser(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: UserUpdate,
): Promise<UserView> {
  requirePermission(actor, 'users:manage');
  const passwordHash = patch.password ? await hashPassword(patch.password) : null;
  return inTransaction(deps, async (trx) => {
    await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
    const row = await findUser(trx, actor.workspaceId, id, { lock: deps.database.dialect });
    if (!row) throw new NotFoundError('user', id);
    // Whoever cannot grant a user's role cannot take over that account either (e.g. reset an admin's password).
    const currentRole = await findRole(trx, actor.workspaceId, row.role_id);
    if (currentRole && row.id !== actor.userId) {
      const role = toRole(deps.database.dialect, currentRole);
      if (!canGrant(actor, role.permissions, role.data_scope)) {
        throw new ForbiddenError('This user has rights you do not hold', 'user_not_manageable');
      }
    }
    if (patch.status === 'disabled' && id === actor.userId) {
      throw ValidationError.field('status', 'you cannot disable yourself', 'cannot_disable_self');
    }
    if (patch.email !== undefined && patch.email !== row.email)
      await checkEmailFree(trx, actor, patch.email, id);
    if (patch.role_id !== undefined && patch.role_id !== row.role_id)
      await checkRole(trx, deps, actor, patch.role_id);
    if (patch.department_id && patch.department_id !== row.department_id)
      await checkDepartment(trx, actor, patch.department_id);
    if (patch.manager_id && patch.manager_id !== row.manager_id)
      await checkManager(trx, actor, patch.manager_id, id);
    await checkAdminKept(trx, deps, actor, row, patch);

    const now = deps.clock.now().toISOString();
    const { password: _password, ...fields } = patch;
    const set: UserPatch = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
    const before = toUserView(row);
    const after: UserView = { ...before, ...(set as Partial<UserView>) };
    const changes = await logChange(trx, deps, actor, {
      entity: 'user',
      recordId: id,
      before,
      after,
      fields: USER_AUDITED,
    });
    if (passwordHash) {
      // A reset also lifts a lockout, and signs the user out everywhere.
      Object.assign(set, { password_hash: passwordHash, failed_logins: 0, locked_until: null });
      after.locked_until = null;
      await logChange(trx, deps, actor, {
        entity: 'user',
        recordId: id,
        action: 'password_reset',
        before: null,
        after,
        fields: [],
      });
    }
    if (Object.keys(changes).length === 0 && !passwordHash) return before;
    set.updated_at = now;
    after.updated_at = now;
    await updateUserRow(trx, actor.workspaceId, id, set);
    if (passwordHash || (changes.status && after.status === 'disabled'))
      await deleteUserSessions(trx, actor.workspaceId, id);
    return after;
  });
}

/** Lift a lockout before it runs out, e.g. after the user called the help desk. */
export async function unlockUser(deps: AppDeps, actor: Actor, id: string): Promise<UserView> {
  requirePermission(actor, 'users:manage');
  return inTransaction(deps, async (trx) => {
    const row = await findUser(trx, actor.workspaceId, id, { lock: deps.database.dialect });
    if (!row) throw new NotFoundError('user', id);
    const after: UserView = {
      ...toUserView(row),
      locked_until: null,
      updated_at: deps.clock.now().toISOString(),
    };
    if (row.failed_logins === 0 && row.locked_until === null) return toUserView(row);
    await updateUserRow(trx, actor.workspaceId, id, {
      failed_logins: 0,
      locked_until: null,
      updated_at: after.updated_at,
    });
    await logChange(trx, deps, actor, {
      entity: 'user',
      recordId: id,
      action: 'unlocked',
      before: toUserView(row),
      after,
      fields: ['locked_until'],
    });
    return after;
  });
}

/**
 * Mark a user on leave until an instant, or back at work (null). Users set their own; those who
 * manage users set anyone's. Lead distribution skips users on leave (docs/pool.md).
 */
export async function setUserAway(
  deps: AppDeps,
  actor: Actor,
  id: string,
  awayUntil: string | null,
): Promise<{ id: string; away_until: string | null }> {
  if (id !== actor.userId) requirePermission(actor, 'users:manage');
  return inTransaction(deps, async (trx) => {
    const row = await findUser(trx, actor.workspaceId, id, { lock: deps.database.dialect });
    if (!row) throw new NotFoundError('user', id);
    const value = awayUntil === null ? null : new Date(awayUntil).toISOString();
    const before = { away_until: row.away_until };
    const after = { away_until: value };
    const changes = await logChange(trx, deps, actor, {
      entity: 'user',
      recordId: id,
      before,
      after,
      fields: ['away_until'],
    });
    if (Object.keys(changes).length > 0)
      await updateUserRow(trx, actor.workspaceId, id, {
        away_until: value,
        updated_at: deps.clock.now().toISOString(),
      });
    return { id, ...after };
  });
}

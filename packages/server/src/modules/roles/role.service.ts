import type { z } from 'zod';
import { PERMISSIONS } from '@tideline/shared';
import type { DataScope, Permission, roleCreateSchema, roleUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { lockOrganisation } from '../users/user.repository';
import {
  countRoleHolders,
  countUsersByRole,
  deleteRoleRow,
  findRole,
  insertRole,
  listRoleRows,
  toRole,
  updateRoleRow,
} from './role.repository';
import type { Role, RolePatch } from './role.repository';

export type RoleCreate = z.infer<typeof roleCreateSchema>;
export type RoleUpdate = z.infer<typeof roleUpdateSchema>;
export type RoleView = Role & { user_count: number };

const ROLE_AUDITED = ['name', 'permissions', 'data_scope'] as const;
const SCOPE_RANK: Record<DataScope, number> = { own: 0, department: 1, all: 2 };
const SYSTEM_ORDER = ['admin', 'manager', 'rep', 'marketing', 'service'];

/** Whether `actor` may hand out this much power: no permission it lacks, no wider data scope. */
export function canGrant(actor: Actor, permissions: readonly Permission[], dataScope: DataScope): boolean {
  return (
    permissions.every((p) => actor.permissions.has(p)) && SCOPE_RANK[dataScope] <= SCOPE_RANK[actor.dataScope]
  );
}

/** Nobody grants more than they hold, so a custom role with users:manage cannot mint admins. */
function checkGrantable(
  actor: Actor,
  permissions: readonly Permission[],
  dataScope: DataScope,
  before: Role | null,
) {
  const issues: FieldIssue[] = [];
  const had = new Set(before?.permissions ?? []);
  permissions.forEach((p, i) => {
    if (!had.has(p) && !actor.permissions.has(p)) {
      issues.push({
        path: `permissions[${i}]`,
        message: `you do not hold ${p}`,
        code: 'permission_not_held',
      });
    }
  });
  if (dataScope !== before?.data_scope && SCOPE_RANK[dataScope] > SCOPE_RANK[actor.dataScope]) {
    issues.push({
      path: 'data_scope',
      message: `your own data scope is ${actor.dataScope}`,
      code: 'scope_not_held',
    });
  }
  if (issues.length) throw new ValidationError(issues);
}

async function loadRole(trx: Executor, deps: AppDeps, actor: Actor, id: string, lock = false): Promise<Role> {
  const row = await findRole(trx, actor.workspaceId, id, lock ? { lock: deps.database.dialect } : {});
  if (!row) throw new NotFoundError('role', id);
  return toRole(deps.database.dialect, row);
}

/** Every signed-in user may read roles: the user admin screens and pickers need their names. */
export async function listRoles(deps: AppDeps, actor: Actor): Promise<{ items: RoleView[] }> {
  const db = deps.database.db;
  const [rows, counts] = await Promise.all([
    listRoleRows(db, actor.workspaceId),
    countUsersByRole(db, actor.workspaceId),
  ]);
  const rank = (r: Role) => (r.is_system ? SYSTEM_ORDER.indexOf(r.key) : SYSTEM_ORDER.length);
  const items = rows
    .map((r) => ({ ...toRole(deps.database.dialect, r), user_count: counts.get(r.id) ?? 0 }))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));
  return { items };
}

export async function getRole(deps: AppDeps, actor: Actor, id: string): Promise<RoleView> {
  const db = deps.database.db;
  const role = await loadRole(db, deps, actor, id);
  return { ...role, user_count: await countRoleHolders(db, actor.workspaceId, id) };
}

export async function createRole(
  deps: AppDeps,
  actor: Actor,
  input: RoleCreate,
  outer?: Executor,
): Promise<RoleView> {
  requirePermission(actor, 'roles:manage');
  const permissions = [...new Set(input.permissions)];
  checkGrantable(actor, input.permissions, input.data_scope, null);
  return inTransaction(
    deps,
    async (trx) => {
      const now = deps.clock.now().toISOString();
      const row = {
        id: newId(),
        workspace_id: actor.workspaceId,
        key: 'custom',
        name: input.name,
        permissions: deps.database.dialect.writeJson(permissions),
        data_scope: input.data_scope,
        is_system: 0,
        created_at: now,
        updated_at: now,
      };
      await insertRole(trx, row);
      const role = toRole(deps.database.dialect, row);
      await logChange(trx, deps, actor, {
        entity: 'role',
        recordId: row.id,
        before: null,
        after: role,
        fields: ROLE_AUDITED,
      });
      return { ...role, user_count: 0 };
    },
    outer,
  );
}

/**
 * Any role may be renamed and have its rights changed, except that the admin role always keeps every
 * permission and sees everything — there must be a way back in for someone.
 */
export async function updateRole(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: RoleUpdate,
): Promise<RoleView> {
  requirePermission(actor, 'roles:manage');
  return inTransaction(deps, async (trx) => {
    await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
    const before = await loadRole(trx, deps, actor, id, true);
    const permissions = patch.permissions ? [...new Set(patch.permissions)] : before.permissions;
    const dataScope = patch.data_scope ?? before.data_scope;
    if (before.key === 'admin') {
      if (patch.permissions && PERMISSIONS.some((p) => !permissions.includes(p))) {
        throw ValidationError.field(
          'permissions',
          'the admin role keeps every permission',
          'admin_role_fixed',
        );
      }
      if (dataScope !== 'all')
        throw ValidationError.field('data_scope', 'the admin role always sees all data', 'admin_role_fixed');
    }
    checkGrantable(actor, patch.permissions ?? [], dataScope, before);
    const after: Role = { ...before, name: patch.name ?? before.name, permissions, data_scope: dataScope };
    const changes = await logChange(trx, deps, actor, {
      entity: 'role',
      recordId: id,
      before,
      after,
      fields: ROLE_AUDITED,
    });
    if (Object.keys(changes).length) {
      const set: RolePatch = { updated_at: deps.clock.now().toISOString() };
      if ('name' in changes) set.name = after.name;
      if ('permissions' in changes) set.permissions = deps.database.dialect.writeJson(after.permissions);
      if ('data_scope' in changes) set.data_scope = after.data_scope;
      await updateRoleRow(trx, actor.workspaceId, id, set);
      after.updated_at = set.updated_at!;
    }
    return { ...after, user_count: await countRoleHolders(trx, actor.workspaceId, id) };
  });
}

/** Only custom roles can go, and only once nobody (active or disabled) holds them. */
export async function deleteRole(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'roles:manage');
  await inTransaction(deps, async (trx) => {
    await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
    const role = await loadRole(trx, deps, actor, id, true);
    if (role.is_system)
      throw new ConflictError(
        'system_role',
        'Built-in roles cannot be deleted; change their permissions instead',
      );
    const holders = await countRoleHolders(trx, actor.workspaceId, id);
    if (holders > 0) {
      throw new ConflictError(
        'role_in_use',
        `${holders} user(s) still hold this role; give them another role first`,
        [],
        {
          user_count: holders,
        },
      );
    }
    await deleteRoleRow(trx, actor.workspaceId, id);
    await logChange(trx, deps, actor, {
      entity: 'role',
      recordId: id,
      before: role,
      after: null,
      fields: ROLE_AUDITED,
    });
  });
}

import type { z } from 'zod';
import type { departmentCreateSchema, departmentUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { findUser, lockOrganisation } from '../users/user.repository';
import {
  countActiveMembers,
  countChildren,
  countMembers,
  deleteDepartmentRow,
  findDepartment,
  findRootDepartment,
  findSiblingByName,
  insertDepartment,
  listDepartmentRows,
  listSubtreeIds,
  rewriteSubtreePaths,
  updateDepartmentRow,
} from './department.repository';
import type { DepartmentPatch, DepartmentRow } from './department.repository';

export type DepartmentCreate = z.infer<typeof departmentCreateSchema>;
export type DepartmentUpdate = z.infer<typeof departmentUpdateSchema>;

export type DepartmentView = {
  id: string;
  name: string;
  parent_id: string | null;
  /** Materialised path of ids from the root, "/root/…/id/". */
  path: string;
  manager_id: string | null;
  created_at: string;
  updated_at: string;
  /** Active users directly in this department. */
  member_count: number;
  /** Active users in this department and every department below it. */
  total_member_count: number;
};

const DEPARTMENT_AUDITED = ['name', 'parent_id', 'path', 'manager_id'] as const;

const toView = (r: DepartmentRow, direct: number, total: number): DepartmentView => ({
  id: r.id,
  name: r.name,
  parent_id: r.parent_id,
  path: r.path,
  manager_id: r.manager_id,
  created_at: r.created_at,
  updated_at: r.updated_at,
  member_count: direct,
  total_member_count: total,
});

/** Direct and subtree member counts for the given rows; every ancestor on a path gets a member's count. */
function withCounts(rows: DepartmentRow[], direct: Map<string, number>): DepartmentView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const totals = new Map<string, number>();
  for (const [deptId, n] of direct) {
    const dept = byId.get(deptId);
    for (const ancestor of dept ? dept.path.split('/').filter(Boolean) : [])
      totals.set(ancestor, (totals.get(ancestor) ?? 0) + n);
  }
  return rows.map((r) => toView(r, direct.get(r.id) ?? 0, totals.get(r.id) ?? 0));
}

/** The whole tree as a flat list in path order; every signed-in user may read it (pickers, scopes). */
export async function listDepartments(deps: AppDeps, actor: Actor): Promise<{ items: DepartmentView[] }> {
  const db = deps.database.db;
  const [rows, direct] = await Promise.all([
    listDepartmentRows(db, actor.workspaceId),
    countActiveMembers(db, actor.workspaceId),
  ]);
  return { items: withCounts(rows, direct) };
}

async function viewOf(trx: Executor, actor: Actor, row: DepartmentRow): Promise<DepartmentView> {
  const subtree = await listSubtreeIds(trx, actor.workspaceId, row.path);
  const direct = await countActiveMembers(trx, actor.workspaceId, [row.id, ...subtree]);
  const total = [...direct.values()].reduce((a, b) => a + b, 0);
  return toView(row, direct.get(row.id) ?? 0, total);
}

export async function getDepartment(deps: AppDeps, actor: Actor, id: string): Promise<DepartmentView> {
  const db = deps.database.db;
  const row = await findDepartment(db, actor.workspaceId, id);
  if (!row) throw new NotFoundError('department', id);
  return viewOf(db, actor, row);
}

async function checkManager(trx: Executor, actor: Actor, managerId: string) {
  const user = await findUser(trx, actor.workspaceId, managerId);
  if (!user) throw ValidationError.field('manager_id', 'no such user in this workspace', 'not_found');
  if (user.status !== 'active')
    throw ValidationError.field('manager_id', 'this user is disabled', 'user_disabled');
}

async function checkNameFree(trx: Executor, actor: Actor, parentId: string, name: string, exceptId?: string) {
  if (await findSiblingByName(trx, actor.workspaceId, parentId, name, exceptId)) {
    throw new ConflictError(
      'department_name_taken',
      'A department with this name exists under the same parent',
      [{ path: 'name', message: 'already used under this parent', code: 'department_name_taken' }],
    );
  }
}

/** A new department goes under the given parent, or under the root when none is named. */
export async function createDepartment(
  deps: AppDeps,
  actor: Actor,
  input: DepartmentCreate,
  outer?: Executor,
): Promise<DepartmentView> {
  requirePermission(actor, 'departments:manage');
  return inTransaction(
    deps,
    async (trx) => {
      await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
      const parent = input.parent_id
        ? await findDepartment(trx, actor.workspaceId, input.parent_id)
        : await findRootDepartment(trx, actor.workspaceId);
      if (!parent)
        throw ValidationError.field('parent_id', 'no such department in this workspace', 'not_found');
      await checkNameFree(trx, actor, parent.id, input.name);
      if (input.manager_id) await checkManager(trx, actor, input.manager_id);
      const now = deps.clock.now().toISOString();
      const id = newId();
      const row: DepartmentRow = {
        id,
        workspace_id: actor.workspaceId,
        name: input.name,
        parent_id: parent.id,
        path: `${parent.path}${id}/`,
        manager_id: input.manager_id ?? null,
        created_at: now,
        updated_at: now,
      };
      await insertDepartment(trx, row);
      const view = toView(row, 0, 0);
      await logChange(trx, deps, actor, {
        entity: 'department',
        recordId: id,
        before: null,
        after: view,
        fields: DEPARTMENT_AUDITED,
      });
      return view;
    },
    outer,
  );
}

/**
 * Rename, change the manager or move a department. A move rewrites the path of the whole subtree in
 * the same transaction, so "department and below" data scopes follow the new tree at once.
 */
export async function updateDepartment(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: DepartmentUpdate,
): Promise<DepartmentView> {
  requirePermission(actor, 'departments:manage');
  return inTransaction(deps, async (trx) => {
    await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
    const row = await findDepartment(trx, actor.workspaceId, id, { lock: deps.database.dialect });
    if (!row) throw new NotFoundError('department', id);
    const set: DepartmentPatch = {};
    let parentId = row.parent_id;
    let path = row.path;
    if (patch.parent_id !== undefined && patch.parent_id !== row.parent_id) {
      if (row.parent_id === null)
        throw ValidationError.field('parent_id', 'the root department cannot move', 'root_department');
      if (patch.parent_id === null)
        throw ValidationError.field('parent_id', 'a department needs a parent', 'required');
      const parent = await findDepartment(trx, actor.workspaceId, patch.parent_id);
      if (!parent)
        throw ValidationError.field('parent_id', 'no such department in this workspace', 'not_found');
      if (parent.path.startsWith(row.path)) {
        throw ValidationError.field(
          'parent_id',
          'a department cannot move under itself or its own sub-department',
          'cycle',
        );
      }
      parentId = parent.id;
      path = `${parent.path}${id}/`;
      set.parent_id = parentId;
    }
    const name = patch.name ?? row.name;
    if (parentId && (name !== row.name || parentId !== row.parent_id))
      await checkNameFree(trx, actor, parentId, name, id);
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.manager_id !== undefined && patch.manager_id !== row.manager_id) {
      if (patch.manager_id) await checkManager(trx, actor, patch.manager_id);
      set.manager_id = patch.manager_id;
    }
    const before = toView(row, 0, 0);
    const after = { ...before, ...(set as Partial<DepartmentView>), path };
    const changes = await logChange(trx, deps, actor, {
      entity: 'department',
      recordId: id,
      before,
      after,
      fields: DEPARTMENT_AUDITED,
    });
    if (Object.keys(changes).length === 0) return viewOf(trx, actor, row);
    const now = deps.clock.now().toISOString();
    await updateDepartmentRow(trx, actor.workspaceId, id, { ...set, updated_at: now });
    if (path !== row.path) await rewriteSubtreePaths(trx, actor.workspaceId, row.path, path, now);
    return viewOf(trx, actor, { ...row, ...set, path, updated_at: now } as DepartmentRow);
  });
}

/** Only an empty leaf can go: no sub-departments, no users (disabled ones included); never the root. */
export async function deleteDepartment(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'departments:manage');
  await inTransaction(deps, async (trx) => {
    await lockOrganisation(trx, deps.database.dialect, actor.workspaceId);
    const row = await findDepartment(trx, actor.workspaceId, id, { lock: deps.database.dialect });
    if (!row) throw new NotFoundError('department', id);
    if (row.parent_id === null)
      throw new ConflictError('root_department', 'The root department cannot be deleted');
    const children = await countChildren(trx, actor.workspaceId, id);
    if (children > 0) {
      throw new ConflictError(
        'department_has_children',
        `This department has ${children} sub-department(s); move or delete them first`,
        [],
        {
          child_count: children,
        },
      );
    }
    const members = await countMembers(trx, actor.workspaceId, id);
    if (members > 0) {
      throw new ConflictError(
        'department_has_users',
        `${members} user(s) belong to this department; move them first`,
        [],
        {
          user_count: members,
        },
      );
    }
    await deleteDepartmentRow(trx, actor.workspaceId, id);
    await logChange(trx, deps, actor, {
      entity: 'department',
      recordId: id,
      before: toView(row, 0, 0),
      after: null,
      fields: DEPARTMENT_AUDITED,
    });
  });
}

import type { FilterCondition } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { parseSort } from '../../db/list-query';
import type { ListContext } from '../../db/list-query';
import { logChange } from '../audit/change-log';
import { loadCustomFieldDefs } from '../custom-fields/custom-field.repository';
import { buildFilterWithTags } from '../tags/tag.filter';
import { VIEW_AUDITED, VIEW_TARGETS } from './view.fields';
import { ME_TOKEN } from './view.schemas';
import type { ViewCreate, ViewEntity, ViewUpdate } from './view.schemas';
import {
  deleteViewRow,
  findView,
  findViewByName,
  insertView,
  listViewRows,
  toView,
  updateViewRow,
} from './view.repository';
import type { SavedView, ViewRow } from './view.repository';

export type SavedViewOut = SavedView & { can_edit: boolean };

/**
 * Shared views change what everyone's list offers, so sharing is for people who shape the
 * workspace for others: anyone holding a `*:manage` permission (admins hold them all).
 */
export function canShareViews(actor: Actor): boolean {
  for (const p of actor.permissions) if (p.endsWith(':manage')) return true;
  return false;
}

function userOf(actor: Actor): string {
  if (!actor.userId) throw new UnauthorizedError('Saved views belong to a user', 'user_required');
  return actor.userId;
}

const visibleTo = (actor: Actor, row: ViewRow) => row.shared === 1 || row.owner_id === actor.userId;
const editableBy = (actor: Actor, row: Pick<ViewRow, 'shared' | 'owner_id'>) =>
  row.shared === 1 ? canShareViews(actor) : row.owner_id === actor.userId;

const out = (deps: AppDeps, actor: Actor, row: ViewRow): SavedViewOut => ({
  ...toView(deps.database.dialect, row),
  can_edit: editableBy(actor, row),
});

/**
 * Check the filter and sort the way the entity's list will run them, so a view that saves also
 * opens. `$me` is checked as the saving user's id; it is stored as `$me`.
 */
async function checkQuery(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: ViewEntity,
  filter?: FilterCondition[],
  sort?: string | null,
) {
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: VIEW_TARGETS[entity].fields,
    customDefs: await loadCustomFieldDefs(trx, deps.database.dialect, actor.workspaceId, entity),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  if (filter) {
    const me = userOf(actor);
    const resolve = (v: unknown) => (v === ME_TOKEN ? me : v);
    const conditions = filter.map((c) => ({
      ...c,
      value: Array.isArray(c.value) ? c.value.map(resolve) : resolve(c.value),
    })) as FilterCondition[];
    buildFilterWithTags(ctx, actor.workspaceId, entity, conditions);
  }
  if (sort) parseSort(ctx, sort, '-id');
}

async function assertNameFree(
  trx: Executor,
  actor: Actor,
  q: { entity: string; name: string; shared: boolean; ownerId: string; exceptId?: string },
) {
  const clash = await findViewByName(trx, { workspaceId: actor.workspaceId, ...q });
  if (clash) {
    throw new ConflictError('view_name_taken', `A view named ${clash.name} already exists`, [
      { path: 'name', message: 'a view with this name already exists', code: 'taken' },
    ]);
  }
}

export async function listViews(
  deps: AppDeps,
  actor: Actor,
  entity: ViewEntity,
): Promise<{ items: SavedViewOut[] }> {
  requirePermission(actor, VIEW_TARGETS[entity].read);
  const rows = await listViewRows(deps.database.db, actor.workspaceId, entity, userOf(actor));
  return { items: rows.map((r) => out(deps, actor, r)) };
}

async function loadVisibleView(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ViewRow> {
  const row = await findView(trx, actor.workspaceId, id, lock ? { lock: deps.database.dialect } : {});
  if (!row || !visibleTo(actor, row)) throw new NotFoundError('view', id);
  requirePermission(actor, VIEW_TARGETS[row.entity as ViewEntity].read);
  return row;
}

export async function getView(deps: AppDeps, actor: Actor, id: string): Promise<SavedViewOut> {
  return out(deps, actor, await loadVisibleView(deps.database.db, deps, actor, id));
}

export async function createView(deps: AppDeps, actor: Actor, input: ViewCreate): Promise<SavedViewOut> {
  requirePermission(actor, VIEW_TARGETS[input.entity].read);
  const ownerId = userOf(actor);
  if (input.shared && !canShareViews(actor))
    throw new ForbiddenError('Only people who manage the workspace can share views', 'cannot_share');
  return inTransaction(deps, async (trx) => {
    await checkQuery(trx, deps, actor, input.entity, input.filter, input.sort);
    await assertNameFree(trx, actor, {
      entity: input.entity,
      name: input.name,
      shared: input.shared,
      ownerId,
    });
    const now = deps.clock.now().toISOString();
    const dialect = deps.database.dialect;
    const view: SavedView = {
      id: newId(),
      owner_id: ownerId,
      entity: input.entity,
      name: input.name,
      filter: input.filter,
      sort: input.sort ?? null,
      columns: input.columns,
      shared: input.shared,
      created_at: now,
      updated_at: now,
    };
    await insertView(trx, {
      ...view,
      workspace_id: actor.workspaceId,
      filter: dialect.writeJson(view.filter),
      columns: dialect.writeJson(view.columns),
      shared: view.shared ? 1 : 0,
    });
    await logChange(trx, deps, actor, {
      entity: 'saved_view',
      recordId: view.id,
      before: null,
      after: { ...view },
      fields: VIEW_AUDITED,
    });
    return { ...view, can_edit: true };
  });
}

function assertEditable(actor: Actor, row: ViewRow) {
  if (!editableBy(actor, row)) {
    throw new ForbiddenError(
      row.shared === 1
        ? 'Only people who manage the workspace can change shared views'
        : 'Only the owner can change a personal view',
      'view_not_editable',
    );
  }
}

export async function updateView(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: ViewUpdate,
): Promise<SavedViewOut> {
  return inTransaction(deps, async (trx) => {
    const row = await loadVisibleView(trx, deps, actor, id, true);
    assertEditable(actor, row);
    const shared = patch.shared ?? row.shared === 1;
    if (shared !== (row.shared === 1) && !canShareViews(actor)) {
      throw new ForbiddenError('Only people who manage the workspace can share views', 'cannot_share');
    }
    const entity = row.entity as ViewEntity;
    await checkQuery(trx, deps, actor, entity, patch.filter, patch.sort);
    const name = patch.name ?? row.name;
    if (patch.name !== undefined || patch.shared !== undefined) {
      await assertNameFree(trx, actor, { entity, name, shared, ownerId: row.owner_id, exceptId: row.id });
    }
    const dialect = deps.database.dialect;
    const before = toView(dialect, row);
    const after: SavedView = {
      ...before,
      name,
      shared,
      filter: patch.filter ?? before.filter,
      columns: patch.columns ?? before.columns,
      sort: patch.sort === undefined ? before.sort : patch.sort,
      updated_at: deps.clock.now().toISOString(),
    };
    const changes = await logChange(trx, deps, actor, {
      entity: 'saved_view',
      recordId: row.id,
      before: { ...before },
      after: { ...after },
      fields: VIEW_AUDITED,
    });
    if (Object.keys(changes).length === 0) return out(deps, actor, row);
    await updateViewRow(trx, actor.workspaceId, row.id, {
      name: after.name,
      shared: after.shared ? 1 : 0,
      filter: dialect.writeJson(after.filter),
      columns: dialect.writeJson(after.columns),
      sort: after.sort,
      updated_at: after.updated_at,
    });
    return {
      ...after,
      can_edit: editableBy(actor, { owner_id: row.owner_id, shared: after.shared ? 1 : 0 }),
    };
  });
}

export async function deleteView(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (trx) => {
    const row = await loadVisibleView(trx, deps, actor, id, true);
    assertEditable(actor, row);
    await deleteViewRow(trx, actor.workspaceId, row.id);
    await logChange(trx, deps, actor, {
      entity: 'saved_view',
      recordId: row.id,
      before: { ...toView(deps.database.dialect, row) },
      after: null,
      fields: VIEW_AUDITED,
    });
  });
}

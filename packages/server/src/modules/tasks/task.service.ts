import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { ListQuery, Page, TaskRelatedType, taskCreateSchema, taskUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { parseFilterParam } from '../../core/list-request';
import { buildFilterPredicate, decodeCursor, encodeCursor, parseSort } from '../../db/list-query';
import type { ListContext } from '../../db/list-query';
import { notDeleted, ownerScope } from '../../db/scope';
import { logChange } from '../audit/change-log';
import { notifyUsers } from '../notifications/notification.service';
import { loadUserNames } from '../activities/linked-record.repository';
import { relatedCustomerId } from '../activities/linked-record.service';
import { TASK_AUDITED, TASK_FIELDS } from './task.fields';
import { findAssignee, findVisibleTask, insertTask, listTaskRows, updateTaskRow } from './task.repository';
import type { TaskRow } from './task.repository';

export type TaskCreateInput = z.input<typeof taskCreateSchema>;
export type TaskUpdate = z.infer<typeof taskUpdateSchema>;
export type TaskView = TaskRow & { assignee_name: string | null; creator_name: string | null };
export type TaskListQuery = ListQuery & { overdue?: 'true' | 'false' | undefined };

const noop = () => undefined;

/** Tasks the actor may see: assigned to someone inside the actor's scope, or created by the actor. */
export function taskScope(actor: Actor): RawBuilder<boolean> {
  if (actor.visibleOwnerIds === null) return sql<boolean>`1 = 1`;
  const parts = [ownerScope(actor, 'assignee_id')];
  if (actor.userId) parts.push(sql<boolean>`created_by = ${actor.userId}`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

async function loadVisibleTask(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  lock = false,
): Promise<TaskRow> {
  const row = await findVisibleTask(
    trx,
    actor.workspaceId,
    id,
    taskScope(actor),
    lock ? { lock: deps.database.dialect } : {},
  );
  if (!row || row.deleted_at) throw new NotFoundError('task', id);
  return row;
}

async function withNames(trx: Executor, actor: Actor, rows: TaskRow[]): Promise<TaskView[]> {
  const names = await loadUserNames(
    trx,
    actor.workspaceId,
    rows.flatMap((r) => [r.assignee_id, r.created_by]),
  );
  return rows.map((r) => ({
    ...r,
    assignee_name: names.get(r.assignee_id) ?? null,
    creator_name: r.created_by ? (names.get(r.created_by) ?? null) : null,
  }));
}

/** An assignee is an active user of the workspace inside the actor's data scope (unless the actor sees all). */
async function checkAssignee(trx: Executor, actor: Actor, id: string) {
  const user = await findAssignee(trx, actor.workspaceId, id);
  if (!user) throw ValidationError.field('assignee_id', 'no such user in this workspace', 'not_found');
  if (user.status !== 'active')
    throw ValidationError.field('assignee_id', 'this user is disabled', 'user_disabled');
  if (actor.visibleOwnerIds !== null && !actor.visibleOwnerIds.has(id)) {
    throw ValidationError.field(
      'assignee_id',
      'this user is outside your department',
      'assignee_out_of_scope',
    );
  }
}

const instant = (v: string | null | undefined) => (v ? new Date(v).toISOString() : null);

function checkWindow(startAt: string | null, dueAt: string | null) {
  if (startAt && dueAt && startAt > dueAt)
    throw ValidationError.field('due_at', 'the due time is before the start time', 'before_start');
}

/** Both halves of a related record or neither; the record must exist and be visible. */
async function checkRelated(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  type: TaskRelatedType | null,
  id: string | null,
) {
  if (!type && !id) return { related_type: null, related_id: null, customer_id: null };
  if (!type) throw ValidationError.field('related_type', 'say what kind of record related_id is', 'required');
  if (!id) throw ValidationError.field('related_id', 'name the related record', 'required');
  return {
    related_type: type,
    related_id: id,
    customer_id: await relatedCustomerId(trx, deps, actor, type, id, 'related_id'),
  };
}

function assignedNotice(task: TaskRow) {
  return {
    userId: task.assignee_id,
    kind: 'task_assigned',
    title: `新任务：${task.title}`.slice(0, 300),
    body: task.description,
    entity: 'task',
    recordId: task.id,
  };
}

export async function listTasks(deps: AppDeps, actor: Actor, query: TaskListQuery): Promise<Page<TaskView>> {
  requirePermission(actor, 'tasks:read');
  const db = deps.database.db;
  const now = deps.clock.now();
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: TASK_FIELDS,
    customDefs: [],
    now,
    timezone: actor.timezone,
  };
  const where = [taskScope(actor)];
  if (query.include_deleted === 'only') where.push(sql<boolean>`deleted_at is not null`);
  else if (query.include_deleted !== 'true') where.push(notDeleted());
  const filter = buildFilterPredicate(ctx, parseFilterParam(query.filter));
  if (filter) where.push(filter);
  if (query.overdue === 'true') where.push(sql<boolean>`status = 'open' and due_at < ${now.toISOString()}`);
  if (query.q) where.push(deps.database.dialect.containsText(sql.ref('title'), query.q));
  const sort = parseSort(ctx, query.sort, 'due_at');
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
  const rows = await listTaskRows(db, {
    workspaceId: actor.workspaceId,
    where,
    sort,
    cursor,
    limit: query.limit + 1,
  });
  const items = await withNames(db, actor, rows.slice(0, query.limit));
  const last = items[items.length - 1];
  const next_cursor =
    rows.length > query.limit && last
      ? encodeCursor({
          field: sort.field,
          value: (last as unknown as Record<string, unknown>)[sort.field] ?? null,
          id: last.id,
        })
      : null;
  return { items, next_cursor };
}

export async function getTask(deps: AppDeps, actor: Actor, id: string): Promise<TaskView> {
  requirePermission(actor, 'tasks:read');
  const db = deps.database.db;
  return (await withNames(db, actor, [await loadVisibleTask(db, deps, actor, id)]))[0]!;
}

/**
 * Create a task inside the caller's transaction (or a new one). The assignee's notification is
 * written with it; `publish` pushes it live and must run after the commit.
 */
export async function createTaskDeferred(
  deps: AppDeps,
  actor: Actor,
  input: TaskCreateInput,
  outer?: Executor,
): Promise<{ task: TaskView; publish: () => void }> {
  requirePermission(actor, 'tasks:write');
  return inTransaction(
    deps,
    async (trx) => {
      const assigneeId = input.assignee_id ?? actor.userId;
      if (!assigneeId) throw ValidationError.field('assignee_id', 'say who should do this task', 'required');
      await checkAssignee(trx, actor, assigneeId);
      const [startAt, dueAt] = [instant(input.start_at), instant(input.due_at)];
      checkWindow(startAt, dueAt);
      const related = await checkRelated(
        trx,
        deps,
        actor,
        input.related_type ?? null,
        input.related_id ?? null,
      );
      const now = deps.clock.now().toISOString();
      const status = input.status ?? 'open';
      const row: TaskRow = {
        id: newId(),
        workspace_id: actor.workspaceId,
        title: input.title,
        description: input.description ?? null,
        assignee_id: assigneeId,
        due_at: dueAt,
        start_at: startAt,
        status,
        completed_at: status === 'done' ? now : null,
        ...related,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      await insertTask(trx, row);
      await logChange(trx, deps, actor, {
        entity: 'task',
        recordId: row.id,
        customerId: row.customer_id,
        before: null,
        after: row,
        fields: TASK_AUDITED,
      });
      const publish = await notifyUsers(trx, deps, actor, [assignedNotice(row)]);
      return { task: (await withNames(trx, actor, [row]))[0]!, publish };
    },
    outer,
  );
}

export async function createTask(
  deps: AppDeps,
  actor: Actor,
  input: TaskCreateInput,
  outer?: Executor,
): Promise<TaskView> {
  const { task, publish } = await createTaskDeferred(deps, actor, input, outer);
  // Inside someone else's transaction the commit is theirs; the notification row still lands with it.
  if (!outer?.isTransaction) publish();
  return task;
}

export async function updateTask(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: TaskUpdate,
  outer?: Executor,
): Promise<TaskView> {
  requirePermission(actor, 'tasks:write');
  let publish: () => void = noop;
  const view = await inTransaction(
    deps,
    async (trx) => {
      const row = await loadVisibleTask(trx, deps, actor, id, true);
      const now = deps.clock.now().toISOString();
      const after: TaskRow = { ...row };
      if (patch.title !== undefined) after.title = patch.title;
      if (patch.description !== undefined) after.description = patch.description;
      if (patch.assignee_id !== undefined && patch.assignee_id !== row.assignee_id) {
        await checkAssignee(trx, actor, patch.assignee_id);
        after.assignee_id = patch.assignee_id;
      }
      if (patch.start_at !== undefined) after.start_at = instant(patch.start_at);
      if (patch.due_at !== undefined) after.due_at = instant(patch.due_at);
      checkWindow(after.start_at, after.due_at);
      if (patch.related_type !== undefined || patch.related_id !== undefined) {
        const type =
          patch.related_type !== undefined
            ? patch.related_type
            : (row.related_type as TaskRelatedType | null);
        const relatedId = patch.related_id !== undefined ? patch.related_id : row.related_id;
        Object.assign(after, await checkRelated(trx, deps, actor, type, relatedId));
      }
      if (patch.status !== undefined && patch.status !== row.status) {
        after.status = patch.status;
        // Done stamps the completion; reopening or cancelling clears it.
        after.completed_at = patch.status === 'done' ? now : null;
      }
      const changes = await logChange(trx, deps, actor, {
        entity: 'task',
        recordId: id,
        customerId: after.customer_id,
        before: row,
        after,
        fields: TASK_AUDITED,
      });
      if (Object.keys(changes).length === 0) return row;
      after.updated_at = now;
      const { id: _id, workspace_id: _ws, ...set } = after;
      await updateTaskRow(trx, actor.workspaceId, id, set);
      if ('assignee_id' in changes) publish = await notifyUsers(trx, deps, actor, [assignedNotice(after)]);
      return after;
    },
    outer,
  );
  // Inside someone else's transaction the commit is theirs; the notification row still lands with it.
  if (!outer?.isTransaction) publish();
  return (await withNames(deps.database.db, actor, [view]))[0]!;
}

export const completeTask = (deps: AppDeps, actor: Actor, id: string) =>
  updateTask(deps, actor, id, { status: 'done' });

export async function deleteTask(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'tasks:delete');
  await inTransaction(deps, async (trx) => {
    const row = await loadVisibleTask(trx, deps, actor, id, true);
    const now = deps.clock.now().toISOString();
    const patch = { deleted_at: now, deleted_by: actor.userId, updated_at: now };
    await updateTaskRow(trx, actor.workspaceId, id, patch);
    await logChange(trx, deps, actor, {
      entity: 'task',
      recordId: id,
      customerId: row.customer_id,
      action: 'deleted',
      before: row,
      after: { ...row, ...patch },
      fields: ['deleted_at'],
    });
  });
}

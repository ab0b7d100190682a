import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { z } from 'zod';
import type { activityCreateSchema, activityUpdateSchema, ListQuery, Page } from '@tideline/shared';
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
import { customerScope, notDeleted } from '../../db/scope';
import { logChange } from '../audit/change-log';
import { advanceCustomerDates } from '../customers/customer.service';
import { ACTIVITY_AUDITED, ACTIVITY_FIELDS } from './activity.fields';
import {
  findVisibleActivity,
  insertActivity,
  listActivityRows,
  updateActivityRow,
} from './activity.repository';
import type { ActivityRow } from './activity.repository';
import {
  findLead,
  leadScope,
  loadCustomerNames,
  loadUserNames,
  setLeadLastContact,
} from './linked-record.repository';
import { resolveLinks } from './linked-record.service';

export type ActivityCreate = z.infer<typeof activityCreateSchema>;
export type ActivityUpdate = z.infer<typeof activityUpdateSchema>;
export type ActivityView = ActivityRow & { author_name: string | null; customer_name: string | null };

/** Clocks of phones and laptops drift; a follow-up logged a little "in the future" is still now. */
const FUTURE_SLACK_MS = 5 * 60_000;

/**
 * Follow-ups the actor may see: those of customers in scope, of leads whose owner is in scope, and
 * the actor's own (an author keeps their notes after a customer changes hands).
 */
export function activityScope(actor: Actor): RawBuilder<boolean> {
  if (actor.visibleOwnerIds === null) return sql<boolean>`1 = 1`;
  const parts = [
    sql<boolean>`(customer_id is not null and ${customerScope(actor, actor.workspaceId)})`,
    sql<boolean>`(lead_id is not null and ${leadScope(actor)})`,
  ];
  if (actor.userId) parts.push(sql<boolean>`author_id = ${actor.userId}`);
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}

async function loadVisibleActivity(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  lock = false,
): Promise<ActivityRow> {
  const row = await findVisibleActivity(
    trx,
    actor.workspaceId,
    id,
    activityScope(actor),
    lock ? { lock: deps.database.dialect } : {},
  );
  if (!row || row.deleted_at) throw new NotFoundError('activity', id);
  return row;
}

async function withNames(trx: Executor, actor: Actor, rows: ActivityRow[]): Promise<ActivityView[]> {
  const [users, customers] = await Promise.all([
    loadUserNames(
      trx,
      actor.workspaceId,
      rows.map((r) => r.author_id),
    ),
    loadCustomerNames(
      trx,
      actor.workspaceId,
      rows.map((r) => r.customer_id),
    ),
  ]);
  return rows.map((r) => ({
    ...r,
    author_name: r.author_id ? (users.get(r.author_id) ?? null) : null,
    customer_name: r.customer_id ? (customers.get(r.customer_id) ?? null) : null,
  }));
}

export async function listActivities(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<ActivityView>> {
  requirePermission(actor, 'activities:read');
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: ACTIVITY_FIELDS,
    customDefs: [],
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  const where = [activityScope(actor)];
  if (query.include_deleted === 'only') where.push(sql<boolean>`deleted_at is not null`);
  else if (query.include_deleted !== 'true') where.push(notDeleted());
  const filter = buildFilterPredicate(ctx, parseFilterParam(query.filter));
  if (filter) where.push(filter);
  if (query.q) where.push(deps.database.dialect.containsText(sql.ref('content'), query.q));
  const sort = parseSort(ctx, query.sort, '-occurred_at');
  const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
  const rows = await listActivityRows(db, {
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

export async function getActivity(deps: AppDeps, actor: Actor, id: string): Promise<ActivityView> {
  requirePermission(actor, 'activities:read');
  const db = deps.database.db;
  const [view] = await withNames(db, actor, [await loadVisibleActivity(db, deps, actor, id)]);
  return view!;
}

function checkOccurredAt(deps: AppDeps, value: string | undefined): string {
  const now = deps.clock.now();
  if (value === undefined) return now.toISOString();
  const at = new Date(value);
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw ValidationError.field(
      'occurred_at',
      'a follow-up cannot happen in the future; plan it as a task',
      'in_future',
    );
  }
  return at.toISOString();
}

/** A follow-up moves the customer's (or lead's) last contact forward, never back. */
async function advanceContactDates(trx: Executor, deps: AppDeps, actor: Actor, row: ActivityRow) {
  if (row.customer_id)
    await advanceCustomerDates(trx, deps, actor, row.customer_id, { last_contact_at: row.occurred_at });
  if (!row.lead_id) return;
  const lead = await findLead(trx, actor.workspaceId, row.lead_id, { lock: deps.database.dialect });
  if (!lead || (lead.last_contact_at !== null && lead.last_contact_at >= row.occurred_at)) return;
  await setLeadLastContact(trx, actor.workspaceId, lead.id, row.occurred_at, deps.clock.now().toISOString());
  await logChange(trx, deps, actor, {
    entity: 'lead',
    recordId: lead.id,
    customerId: lead.converted_customer_id,
    before: { last_contact_at: lead.last_contact_at },
    after: { last_contact_at: row.occurred_at },
    fields: ['last_contact_at'],
  });
}

export async function createActivity(
  deps: AppDeps,
  actor: Actor,
  input: ActivityCreate,
  outer?: Executor,
): Promise<ActivityView> {
  requirePermission(actor, 'activities:write');
  return inTransaction(
    deps,
    async (trx) => {
      const occurredAt = checkOccurredAt(deps, input.occurred_at);
      const links = await resolveLinks(trx, deps, actor, input);
      const now = deps.clock.now().toISOString();
      const row: ActivityRow = {
        id: newId(),
        workspace_id: actor.workspaceId,
        kind: input.kind,
        content: input.content,
        customer_id: links.customer_id,
        contact_id: links.contact_id,
        deal_id: links.deal_id,
        lead_id: links.lead_id,
        occurred_at: occurredAt,
        author_id: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      await insertActivity(trx, row);
      await logChange(trx, deps, actor, {
        entity: 'activity',
        recordId: row.id,
        customerId: row.customer_id,
        before: null,
        after: row,
        fields: ACTIVITY_AUDITED,
      });
      await advanceContactDates(trx, deps, actor, row);
      const [view] = await withNames(trx, actor, [row]);
      return view!;
    },
    outer,
  );
}

export async function updateActivity(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: ActivityUpdate,
): Promise<ActivityView> {
  requirePermission(actor, 'activities:write');
  return inTransaction(deps, async (trx) => {
    const row = await loadVisibleActivity(trx, deps, actor, id, true);
    const after: ActivityRow = { ...row };
    if (patch.kind !== undefined) after.kind = patch.kind;
    if (patch.content !== undefined) after.content = patch.content;
    if (patch.occurred_at !== undefined) after.occurred_at = checkOccurredAt(deps, patch.occurred_at);
    const changes = await logChange(trx, deps, actor, {
      entity: 'activity',
      recordId: id,
      customerId: row.customer_id,
      before: row,
      after,
      fields: ACTIVITY_AUDITED,
    });
    if (Object.keys(changes).length === 0) return (await withNames(trx, actor, [row]))[0]!;
    after.updated_at = deps.clock.now().toISOString();
    await updateActivityRow(trx, actor.workspaceId, id, {
      kind: after.kind,
      content: after.content,
      occurred_at: after.occurred_at,
      updated_at: after.updated_at,
    });
    if ('occurred_at' in changes) await advanceContactDates(trx, deps, actor, after);
    return (await withNames(trx, actor, [after]))[0]!;
  });
}

export async function deleteActivity(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'activities:delete');
  await inTransaction(deps, async (trx) => {
    const row = await loadVisibleActivity(trx, deps, actor, id, true);
    const now = deps.clock.now().toISOString();
    const patch = { deleted_at: now, deleted_by: actor.userId, updated_at: now };
    await updateActivityRow(trx, actor.workspaceId, id, patch);
    await logChange(trx, deps, actor, {
      entity: 'activity',
      recordId: id,
      customerId: row.customer_id,
      action: 'deleted',
      before: row,
      after: { ...row, ...patch },
      fields: ['deleted_at'],
    });
  });
}

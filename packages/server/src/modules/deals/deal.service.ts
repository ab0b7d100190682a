import { sql } from 'kysely';
import type { z } from 'zod';
import type { dealCreateSchema, dealUpdateSchema, ListQuery, Page, StageKind } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { listRecords } from '../records/record-list';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { ListContext } from '../../db/list-query';
import { notDeleted, ownerScope } from '../../db/scope';
import { logChange } from '../audit/change-log';
import { checkCustomValues } from '../custom-fields/custom-field.check';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { advanceCustomerDates } from '../customers/customer.service';
import { findStage } from '../pipelines/pipeline.repository';
import { reindex, removeFromIndex } from '../search/search.repository';
import type { SearchTarget } from '../search/search.service';
import { loadTagsFor } from '../tags/record-tags.repository';
import type { TagRef } from '../tags/record-tags.repository';
import { assertAssignableOwner } from '../users/owner-check';
import { DEAL_AUDITED, DEAL_FIELDS } from './deal.fields';
import {
  countDealItems,
  findDeal,
  findDeals,
  insertDeal,
  listDealItems,
  listDealRows,
  loadDealNames,
  toDeal,
  updateDealRow,
} from './deal.repository';
import type { Deal, DealInsert, DealPatch, DealRow } from './deal.repository';
import { outcomeFor } from './deal.rules';
import { checkContact, customerRef, targetStage } from './deal.check';
import type { DealOutcome } from './deal.rules';
import {
  assertStageGate,
  explicitPaths,
  planStageEntry,
  underPrefix,
} from '../stage-gates/stage-gate.enforce';
import type { StageEntry } from '../stage-gates/stage-gate.enforce';

/** What callers may pass to createDeal: the API body, or a lead conversion's own object. */
export type DealCreateInput = z.input<typeof dealCreateSchema>;
export type DealUpdate = z.infer<typeof dealUpdateSchema>;

export type DealView = Deal & {
  customer_name: string | null;
  contact_name: string | null;
  pipeline_name: string | null;
  stage_name: string | null;
  stage_kind: StageKind | null;
  stage_probability: number | null;
  tags: TagRef[];
};
export type DealItemView = Awaited<ReturnType<typeof listDealItems>>[number];
export type DealDetail = DealView & { items: DealItemView[] };

export const DEAL_SEARCH: SearchTarget = {
  entity: 'deal',
  table: 'deals',
  visible: (actor) => sql<boolean>`${notDeleted()} and ${ownerScope(actor)}`,
  scoped: (actor) => actor.visibleOwnerIds !== null,
  phraseColumns: ['name'],
};

const searchable = (d: Pick<DealRow, 'name'>) => [{ kind: 'text' as const, value: d.name }];

/** Load a deal whose owner is inside the actor's scope, or answer 404. */
export async function loadVisibleDeal(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; includeDeleted?: boolean } = {},
): Promise<DealRow> {
  const row = await findDeal(trx, actor.workspaceId, id, opts.lock ? { lock: deps.database.dialect } : {});
  if (!row || !canSeeOwner(actor, row.owner_id) || (row.deleted_at && !opts.includeDeleted))
    throw new NotFoundError('deal', id);
  return row;
}

export async function withNames(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  rows: DealRow[],
): Promise<DealView[]> {
  const [names, tags] = await Promise.all([
    loadDealNames(trx, actor.workspaceId, rows),
    loadTagsFor(
      trx,
      actor.workspaceId,
      'deal',
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const stage = names.stages.get(r.stage_id);
    return {
      ...toDeal(deps.database.dialect, r),
      customer_name: names.customers.get(r.customer_id) ?? null,
      contact_name: r.contact_id ? (names.contacts.get(r.contact_id) ?? null) : null,
      pipeline_name: stage?.pipeline_name ?? null,
      stage_name: stage?.name ?? null,
      stage_kind: (stage?.kind as StageKind | undefined) ?? null,
      stage_probability: stage?.probability ?? null,
      tags: tags.get(r.id) ?? [],
    };
  });
}

export async function dealListContext(deps: AppDeps, actor: Actor): Promise<ListContext> {
  return {
    dialect: deps.database.dialect,
    fields: DEAL_FIELDS,
    customDefs: await cachedFieldDefs(deps, actor.workspaceId, 'deal'),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
}

export async function listDeals(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<DealView> & { partial?: boolean }> {
  requirePermission(actor, 'deals:read');
  const db = deps.database.db;
  const ctx = await dealListContext(deps, actor);
  return listRecords(deps, actor, query, {
    tagType: 'deal',
    ctx,
    scope: ownerScope(actor),
    search: DEAL_SEARCH,
    rows: (q) => listDealRows(db, q),
    present: (rows) => withNames(db, deps, actor, rows),
  });
}

export async function getDeal(deps: AppDeps, actor: Actor, id: string): Promise<DealDetail> {
  requirePermission(actor, 'deals:read');
  const db = deps.database.db;
  const row = await loadVisibleDeal(db, deps, actor, id, { includeDeleted: true });
  const [view] = await withNames(db, deps, actor, [row]);
  return { ...view!, items: await listDealItems(db, actor.workspaceId, id) };
}

export async function createDeal(
  deps: AppDeps,
  actor: Actor,
  input: DealCreateInput,
  outer?: Executor,
): Promise<DealView> {
  requirePermission(actor, 'deals:write');
  return inTransaction(
    deps,
    async (trx) => {
      const ownerId = input.owner_id === undefined ? actor.userId : input.owner_id;
      await assertAssignableOwner(trx, actor, ownerId, 'owner_id');
      const customer = await customerRef(trx, deps, actor, input.customer_id);
      if (input.contact_id) await checkContact(trx, actor.workspaceId, input.contact_id, customer.id);
      const stage = await targetStage(trx, actor, input.pipeline_id, input.stage_id);
      const now = deps.clock.now().toISOString();
      const outcome = outcomeFor(stage.kind as StageKind, now, null, input.lost_reason);
      // A deal created in a gated stage enters it: on-entry edits apply and the gate must pass.
      const entry = await planStageEntry(trx, deps, actor, stage, explicitPaths(input));
      const onEntry = (entry?.builtin ?? {}) as Partial<Pick<DealRow, 'expected_close_date' | 'description'>>;
      const custom = await checkCustomValues(
        trx,
        deps,
        actor.workspaceId,
        'deal',
        entry ? { ...entry.custom, ...input.custom } : input.custom,
        null,
      );
      const row: DealRow & DealInsert = {
        id: newId(),
        workspace_id: actor.workspaceId,
        name: input.name,
        customer_id: customer.id,
        contact_id: input.contact_id ?? null,
        pipeline_id: input.pipeline_id,
        stage_id: stage.id,
        ...outcome,
        amount: input.amount ?? 0,
        currency: input.currency ?? actor.currency,
        expected_close_date: input.expected_close_date ?? onEntry.expected_close_date ?? null,
        stage_entered_at: now,
        description: input.description ?? onEntry.description ?? null,
        owner_id: ownerId ?? null,
        custom: deps.database.dialect.writeJson(custom),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      if (entry) assertStageGate(entry, toDeal(deps.database.dialect, row));
      await insertDeal(trx, row);
      await reindex(trx, deps.database.dialect, actor.workspaceId, 'deal', [
        { id: row.id, values: searchable(row) },
      ]);
      await logChange(trx, deps, actor, {
        entity: 'deal',
        recordId: row.id,
        customerId: row.customer_id,
        before: null,
        after: toDeal(deps.database.dialect, row),
        fields: DEAL_AUDITED,
      });
      if (outcome.won_at)
        await advanceCustomerDates(trx, deps, actor, customer.id, { last_won_at: outcome.won_at });
      const [view] = await withNames(trx, deps, actor, [row]);
      return view!;
    },
    outer,
  );
}

/**
 * Apply a patch to one loaded (locked) deal: the one way a deal changes stage, so the API, the board,
 * bulk edits, import and automations all meet the same rules and stage gates. Returns the updated row.
 */
async function applyDealPatch(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  row: DealRow,
  patch: DealUpdate,
): Promise<DealRow> {
  const ws = actor.workspaceId;
  const id = row.id;
  const before = toDeal(deps.database.dialect, row);
  const now = deps.clock.now().toISOString();
  const set: DealPatch = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.expected_close_date !== undefined) set.expected_close_date = patch.expected_close_date;
  if (patch.description !== undefined) set.description = patch.description;

  if (patch.owner_id !== undefined && patch.owner_id !== row.owner_id) {
    requirePermission(actor, 'records:transfer');
    await assertAssignableOwner(trx, actor, patch.owner_id, 'owner_id');
    set.owner_id = patch.owner_id;
  }
  if (patch.contact_id !== undefined && patch.contact_id !== row.contact_id) {
    if (patch.contact_id) await checkContact(trx, ws, patch.contact_id, row.customer_id);
    set.contact_id = patch.contact_id;
  }
  if (patch.amount !== undefined && patch.amount !== row.amount) {
    if ((await countDealItems(trx, ws, id)) > 0) {
      throw ValidationError.field(
        'amount',
        'the amount of a deal with line items is their sum; change the items',
        'amount_from_items',
      );
    }
    set.amount = patch.amount;
  }

  const pipelineId = patch.pipeline_id ?? row.pipeline_id;
  const moving =
    pipelineId !== row.pipeline_id || (patch.stage_id !== undefined && patch.stage_id !== row.stage_id);
  const extraEvents: { kind: string; payload: Record<string, unknown> }[] = [];
  const prev = before as DealOutcome;
  let entry: StageEntry | null = null;
  if (moving) {
    if (pipelineId !== row.pipeline_id && patch.stage_id === undefined) {
      throw ValidationError.field('stage_id', 'choose a stage of the new pipeline', 'required');
    }
    const [from, to] = [
      await findStage(trx, ws, row.stage_id),
      await targetStage(trx, actor, pipelineId, patch.stage_id),
    ];
    Object.assign(set, outcomeFor(to.kind as StageKind, now, prev, patch.lost_reason), {
      pipeline_id: pipelineId,
      stage_id: to.id,
      stage_entered_at: now,
    });
    entry = await planStageEntry(trx, deps, actor, to, explicitPaths(patch));
    if (entry) Object.assign(set, entry.builtin);
    extraEvents.push({
      kind: 'stage_changed',
      payload: {
        from_stage_id: row.stage_id,
        to_stage_id: to.id,
        from_kind: from?.kind ?? null,
        to_kind: to.kind,
        pipeline_id: pipelineId,
        ...(pipelineId !== row.pipeline_id ? { from_pipeline_id: row.pipeline_id } : {}),
      },
    });
  } else if (patch.lost_reason !== undefined) {
    // Same stage: only a lost deal's reason may be edited (and never emptied).
    Object.assign(set, outcomeFor(row.status as StageKind, now, prev, patch.lost_reason));
  }

  // On-entry custom values go in with the request's own, which win, and are validated alike.
  const customInput =
    entry && Object.keys(entry.custom).length ? { ...entry.custom, ...patch.custom } : patch.custom;
  const custom = customInput
    ? await checkCustomValues(trx, deps, ws, 'deal', customInput, before.custom)
    : before.custom;
  if (customInput) set.custom = deps.database.dialect.writeJson(custom);
  const after: Deal = { ...before, ...(set as Partial<Deal>), custom };
  if (entry) assertStageGate(entry, after);
  const changes = await logChange(trx, deps, actor, {
    entity: 'deal',
    recordId: id,
    customerId: row.customer_id,
    before,
    after,
    fields: DEAL_AUDITED,
    extraEvents,
  });
  if (Object.keys(changes).length > 0 || extraEvents.length > 0) {
    await updateDealRow(trx, ws, id, { ...set, updated_at: now });
    if ('name' in changes)
      await reindex(trx, deps.database.dialect, ws, 'deal', [{ id, values: searchable(after) }]);
    if (after.won_at && after.won_at !== before.won_at) {
      await advanceCustomerDates(trx, deps, actor, row.customer_id, { last_won_at: after.won_at });
    }
  }
  return { ...row, ...set, ...(Object.keys(changes).length ? { updated_at: now } : {}) } as DealRow;
}

export async function updateDeal(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: DealUpdate,
  outer?: Executor,
): Promise<DealView> {
  requirePermission(actor, 'deals:write');
  return inTransaction(
    deps,
    async (trx) => {
      const row = await loadVisibleDeal(trx, deps, actor, id, { lock: true });
      const updated = await applyDealPatch(trx, deps, actor, row, patch);
      const [view] = await withNames(trx, deps, actor, [updated]);
      return view!;
    },
    outer,
  );
}

/**
 * The same patch on many deals in one transaction, e.g. moving them to a stage: any refusal (a stage
 * gate, a lost stage without reason) names the deal as `ids[i]…` and nothing is written.
 */
export async function bulkUpdateDeals(deps: AppDeps, actor: Actor, ids: string[], patch: DealUpdate) {
  requirePermission(actor, 'deals:write');
  if (patch.name !== undefined)
    throw ValidationError.field('patch.name', 'names cannot be set in bulk', 'not_bulk_editable');
  return inTransaction(deps, async (trx) => {
    const rows = await findDeals(trx, actor.workspaceId, [...new Set(ids)], { lock: deps.database.dialect });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const targets = ids.map((id, i) => {
      const r = byId.get(id);
      if (!r || !canSeeOwner(actor, r.owner_id) || r.deleted_at)
        throw new ValidationError([
          { path: `ids[${i}]`, message: `no deal with id ${id}`, code: 'not_found' },
        ]);
      return { row: r, i };
    });
    const done = new Set<string>();
    for (const { row, i } of targets) {
      if (done.has(row.id)) continue;
      done.add(row.id);
      try {
        await applyDealPatch(trx, deps, actor, row, patch);
      } catch (e) {
        throw e instanceof ValidationError ? underPrefix(e, `ids[${i}]`) : e;
      }
    }
    return { updated: done.size };
  });
}

async function setDeleted(deps: AppDeps, actor: Actor, id: string, deleted: boolean) {
  requirePermission(actor, 'deals:delete');
  return inTransaction(deps, async (trx) => {
    const row = await loadVisibleDeal(trx, deps, actor, id, { lock: true, includeDeleted: true });
    if ((row.deleted_at === null) !== deleted) return;
    const now = deps.clock.now().toISOString();
    const patch = deleted
      ? { deleted_at: now, deleted_by: actor.userId, updated_at: now }
      : { deleted_at: null, deleted_by: null, updated_at: now };
    await updateDealRow(trx, actor.workspaceId, id, patch);
    const before = toDeal(deps.database.dialect, row);
    await logChange(trx, deps, actor, {
      entity: 'deal',
      recordId: id,
      customerId: row.customer_id,
      action: deleted ? 'deleted' : 'restored',
      before,
      after: { ...before, ...patch },
      fields: ['deleted_at'],
    });
    if (deleted) await removeFromIndex(trx, deps.database.dialect, actor.workspaceId, 'deal', [id]);
    else
      await reindex(trx, deps.database.dialect, actor.workspaceId, 'deal', [{ id, values: searchable(row) }]);
  });
}

export const deleteDeal = (deps: AppDeps, actor: Actor, id: string) => setDeleted(deps, actor, id, true);
export const restoreDeal = (deps: AppDeps, actor: Actor, id: string) => setDeleted(deps, actor, id, false);

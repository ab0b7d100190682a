import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListQuery, Page, leadCreateSchema, leadUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { listRecords } from '../records/record-list';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { ListContext } from '../../db/list-query';
import { notDeleted, ownerScope } from '../../db/scope';
import { logChange, logChanges } from '../audit/change-log';
import { checkDuplicates } from '../dedupe/dedupe-check.service';
import { withDuplicateWarnings } from '../dedupe/dedupe-mode';
import { checkCustomValues } from '../custom-fields/custom-field.check';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { addToIndex, reindex, removeFromIndex } from '../search/search.repository';
import type { SearchTarget } from '../search/search.service';
import { loadTagsFor } from '../tags/record-tags.repository';
import type { TagRef } from '../tags/record-tags.repository';
import { assertAssignableOwner } from '../users/owner-check';
import { distributeOnCreate, recordAssignment } from '../distribution/distribution-assign';
import { LEAD_AUDITED, LEAD_EDITABLE_AFTER_CONVERSION, LEAD_FIELDS } from './lead.fields';
import { findLead, findLeads, insertLead, listLeadRows, toLead, updateLeadRow } from './lead.repository';
import type { Lead, LeadInsert, LeadPatch, LeadRow } from './lead.repository';

export type LeadCreate = z.infer<typeof leadCreateSchema>;
export type LeadUpdate = z.infer<typeof leadUpdateSchema>;
export type LeadView = Lead & { tags: TagRef[] };

export const LEAD_SEARCH: SearchTarget = {
  entity: 'lead',
  table: 'leads',
  visible: (actor) => sql<boolean>`${notDeleted()} and ${ownerScope(actor)}`,
  scoped: (actor) => actor.visibleOwnerIds !== null,
  phraseColumns: ['name', 'company_name'],
  phoneColumns: ['mobile', 'phone'],
};

export const leadSearchable = (l: Pick<LeadRow, 'name' | 'company_name' | 'mobile' | 'phone' | 'email'>) => [
  { kind: 'text' as const, value: l.name },
  { kind: 'text' as const, value: l.company_name },
  { kind: 'phone' as const, value: l.mobile },
  { kind: 'phone' as const, value: l.phone },
  { kind: 'email' as const, value: l.email },
];

/** Load a lead the actor may see, or answer 404 — never 403. */
export async function loadVisibleLead(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; includeDeleted?: boolean } = {},
): Promise<LeadRow> {
  const row = await findLead(trx, actor.workspaceId, id, opts.lock ? { lock: deps.database.dialect } : {});
  if (!row || !canSeeOwner(actor, row.owner_id) || (row.deleted_at && !opts.includeDeleted)) {
    throw new NotFoundError('lead', id);
  }
  return row;
}

export async function leadsWithTags(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  rows: LeadRow[],
): Promise<LeadView[]> {
  const tags = await loadTagsFor(
    trx,
    actor.workspaceId,
    'lead',
    rows.map((r) => r.id),
  );
  return rows.map((r) => Object.assign(toLead(deps.database.dialect, r), { tags: tags.get(r.id) ?? [] }));
}

export async function listLeads(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<LeadView> & { partial?: boolean }> {
  requirePermission(actor, 'leads:read');
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: LEAD_FIELDS,
    customDefs: await cachedFieldDefs(deps, actor.workspaceId, 'lead'),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  return listRecords(deps, actor, query, {
    tagType: 'lead',
    ctx,
    scope: ownerScope(actor),
    search: LEAD_SEARCH,
    rows: (q) => listLeadRows(db, q),
    present: (rows) => leadsWithTags(db, deps, actor, rows),
  });
}

export async function getLead(deps: AppDeps, actor: Actor, id: string): Promise<LeadView> {
  requirePermission(actor, 'leads:read');
  const db = deps.database.db;
  const row = await loadVisibleLead(db, deps, actor, id, { includeDeleted: true });
  const [view] = await leadsWithTags(db, deps, actor, [row]);
  return view!;
}

export async function createLead(
  deps: AppDeps,
  actor: Actor,
  input: LeadCreate,
  outer?: Executor,
): Promise<LeadView> {
  requirePermission(actor, 'leads:write');
  let publish: () => void = () => undefined;
  const created = await inTransaction(
    deps,
    async (trx) => {
      const custom = await checkCustomValues(trx, deps, actor.workspaceId, 'lead', input.custom, null);
      // Automatic assignment (docs/pool.md, Lead distribution): the rules choose; else the usual owner.
      const decision = await distributeOnCreate(trx, deps, actor, 'lead', input, custom);
      const ownerId = decision
        ? decision.owner_id
        : input.owner_id === undefined
          ? actor.userId
          : input.owner_id;
      if (!decision) await assertAssignableOwner(trx, actor, ownerId, 'owner_id');
      const now = deps.clock.now().toISOString();
      const row: LeadRow & LeadInsert = {
        id: newId(),
        workspace_id: actor.workspaceId,
        name: input.name,
        company_name: input.company_name ?? null,
        title: input.title ?? null,
        mobile: input.mobile ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        source: input.source ?? null,
        channel: input.channel ?? null,
        region: input.region ?? null,
        industry: input.industry ?? null,
        status: input.status,
        grade: input.grade ?? null,
        score: input.score,
        description: input.description ?? null,
        owner_id: ownerId ?? null,
        custom: deps.database.dialect.writeJson(custom),
        converted_customer_id: null,
        converted_contact_id: null,
        converted_deal_id: null,
        converted_at: null,
        last_contact_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      const duplicates = await checkDuplicates(trx, deps, actor, 'lead', { ...row, custom });
      await insertLead(trx, row);
      await addToIndex(trx, deps.database.dialect, actor.workspaceId, 'lead', [
        { id: row.id, values: leadSearchable(row) },
      ]);
      const view = { ...toLead(deps.database.dialect, row), tags: [] };
      await logChange(trx, deps, actor, {
        entity: 'lead',
        recordId: row.id,
        before: null,
        after: view,
        fields: LEAD_AUDITED,
      });
      if (decision) publish = await recordAssignment(trx, deps, actor, 'lead', row.id, decision, row.name);
      return withDuplicateWarnings(view, duplicates);
    },
    outer,
  );
  publish();
  return created;
}

/** Apply a patch to one loaded row inside a transaction; shared by single and bulk updates. */
async function applyPatch(trx: Executor, deps: AppDeps, actor: Actor, row: LeadRow, patch: LeadUpdate) {
  const before = toLead(deps.database.dialect, row);
  if (patch.owner_id !== undefined && patch.owner_id !== row.owner_id) {
    requirePermission(actor, 'records:transfer');
    await assertAssignableOwner(trx, actor, patch.owner_id, 'owner_id');
  }
  const { custom: customInput, ...fields } = patch;
  const custom = customInput
    ? await checkCustomValues(trx, deps, actor.workspaceId, 'lead', customInput, before.custom)
    : before.custom;
  const set: LeadPatch = { updated_at: deps.clock.now().toISOString() };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
  if (customInput) set.custom = deps.database.dialect.writeJson(custom);
  const after: Lead = { ...before, ...(set as Partial<Lead>), custom };
  if (row.status === 'converted') assertEditableAfterConversion(before, after);
  const changes = await logChange(trx, deps, actor, {
    entity: 'lead',
    recordId: row.id,
    before,
    after,
    fields: LEAD_AUDITED,
  });
  if (Object.keys(changes).length === 0) return before;
  const duplicates = await checkDuplicates(trx, deps, actor, 'lead', after, {
    changed: Object.keys(changes),
  });
  await updateLeadRow(trx, actor.workspaceId, row.id, set);
  if (['name', 'company_name', 'mobile', 'phone', 'email'].some((f) => f in changes)) {
    await reindex(trx, deps.database.dialect, actor.workspaceId, 'lead', [
      { id: row.id, values: leadSearchable(after) },
    ]);
  }
  return withDuplicateWarnings(after, duplicates);
}

/** A converted lead keeps the facts it was converted with; only notes and custom values still change. */
function assertEditableAfterConversion(before: Lead, after: Lead) {
  const locked = LEAD_AUDITED.filter(
    (f) =>
      !LEAD_EDITABLE_AFTER_CONVERSION.includes(f) &&
      JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null),
  );
  if (locked.length) {
    throw new ConflictError(
      'lead_converted',
      'A converted lead can only have its description and custom fields changed',
      locked.map((f) => ({ path: f, message: 'cannot change after conversion', code: 'locked' })),
    );
  }
}

export async function updateLead(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: LeadUpdate,
  outer?: Executor,
): Promise<LeadView> {
  requirePermission(actor, 'leads:write');
  return inTransaction(
    deps,
    async (trx) => {
      const row = await loadVisibleLead(trx, deps, actor, id, { lock: true });
      const after = await applyPatch(trx, deps, actor, row, patch);
      const tags = await loadTagsFor(trx, actor.workspaceId, 'lead', [id]);
      return { ...after, tags: tags.get(id) ?? [] };
    },
    outer,
  );
}

/** Load every id or fail naming the first the actor cannot see; nothing is written on failure. */
async function loadAllVisible(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  ids: string[],
  includeDeleted = false,
  single = false,
) {
  if (single && ids.length === 1)
    return [await loadVisibleLead(trx, deps, actor, ids[0]!, { lock: true, includeDeleted: true })];
  const rows = await findLeads(trx, actor.workspaceId, [...new Set(ids)], { lock: deps.database.dialect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || !canSeeOwner(actor, r.owner_id) || (r.deleted_at && !includeDeleted)) {
      throw new ValidationError([{ path: `ids[${i}]`, message: `no lead with id ${id}`, code: 'not_found' }]);
    }
  });
  return [...byId.values()];
}

export async function bulkUpdateLeads(deps: AppDeps, actor: Actor, ids: string[], patch: LeadUpdate) {
  requirePermission(actor, 'leads:write');
  if (patch.name !== undefined)
    throw ValidationError.field('patch.name', 'names cannot be set in bulk', 'not_bulk_editable');
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids);
    for (const row of rows) {
      try {
        await applyPatch(trx, deps, actor, row, patch);
      } catch (e) {
        // In bulk, the record is what the caller must fix: name it.
        if (!(e instanceof ConflictError)) throw e;
        const i = ids.indexOf(row.id);
        throw new ConflictError(e.code, e.message, [
          { path: `ids[${i}]`, message: e.message, code: 'locked' },
        ]);
      }
    }
    return { updated: rows.length };
  });
}

async function setDeleted(deps: AppDeps, actor: Actor, ids: string[], deleted: boolean, single: boolean) {
  requirePermission(actor, 'leads:delete');
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids, !deleted, single);
    const now = deps.clock.now().toISOString();
    const targets = rows.filter((r) => (r.deleted_at === null) === deleted);
    const patch = deleted
      ? { deleted_at: now, deleted_by: actor.userId, updated_at: now }
      : { deleted_at: null, deleted_by: null, updated_at: now };
    for (const r of targets) await updateLeadRow(trx, actor.workspaceId, r.id, patch);
    await logChanges(
      trx,
      deps,
      actor,
      targets.map((r) => ({
        entity: 'lead',
        recordId: r.id,
        action: deleted ? 'deleted' : 'restored',
        before: toLead(deps.database.dialect, r),
        after: { ...toLead(deps.database.dialect, r), ...patch },
        fields: ['deleted_at'],
      })),
    );
    // Deleted leads leave the search index and come back on restore.
    const ws = actor.workspaceId;
    if (deleted)
      await removeFromIndex(
        trx,
        deps.database.dialect,
        ws,
        'lead',
        targets.map((r) => r.id),
      );
    else
      await reindex(
        trx,
        deps.database.dialect,
        ws,
        'lead',
        targets.map((r) => ({ id: r.id, values: leadSearchable(r) })),
      );
    return { [deleted ? 'deleted' : 'restored']: targets.length };
  });
}

/** Bulk forms name the first bad id as a field error; single forms answer 404. */
export const deleteLeads = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, true, false);
export const restoreLeads = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, false, false);
export const deleteLead = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], true, true);
export const restoreLead = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], false, true);

import { sql } from 'kysely';
import type { CustomerCreate, CustomerUpdate, ListQuery, Page } from '@tideline/shared';
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
import { CUSTOMER_AUDITED, CUSTOMER_FIELDS } from './customer.fields';
import {
  findCustomer,
  findCustomers,
  insertCustomer,
  listCustomerRows,
  toCustomer,
  updateCustomerRow,
} from './customer.repository';
import type { Customer, CustomerInsert, CustomerPatch, CustomerRow } from './customer.repository';

export type CustomerView = Customer & { tags: TagRef[] };

export const CUSTOMER_SEARCH: SearchTarget = {
  entity: 'customer',
  table: 'customers',
  visible: (actor) => sql<boolean>`${notDeleted()} and ${ownerScope(actor)}`,
  scoped: (actor) => actor.visibleOwnerIds !== null,
  phraseColumns: ['name'],
  phoneColumns: ['phone'],
};

const searchable = (c: Pick<CustomerRow, 'name' | 'phone' | 'email'>) => [
  { kind: 'text' as const, value: c.name },
  { kind: 'phone' as const, value: c.phone },
  { kind: 'email' as const, value: c.email },
];

/**
 * Load a customer the actor may see, or answer 404 — never 403, so ids of other reps' customers
 * cannot be probed.
 */
export async function loadVisibleCustomer(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; includeDeleted?: boolean } = {},
): Promise<CustomerRow> {
  const row = await findCustomer(
    trx,
    actor.workspaceId,
    id,
    opts.lock ? { lock: deps.database.dialect } : {},
  );
  if (!row || !canSeeOwner(actor, row.owner_id) || (row.deleted_at && !opts.includeDeleted)) {
    throw new NotFoundError('customer', id);
  }
  return row;
}

async function withTags(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  rows: CustomerRow[],
): Promise<CustomerView[]> {
  const tags = await loadTagsFor(
    trx,
    actor.workspaceId,
    'customer',
    rows.map((r) => r.id),
  );
  // Assigned, not spread again: a page is 50 wide rows, and each copy shows in the list's profile.
  return rows.map((r) => Object.assign(toCustomer(deps.database.dialect, r), { tags: tags.get(r.id) ?? [] }));
}

export async function listCustomers(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<CustomerView> & { partial?: boolean }> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: CUSTOMER_FIELDS,
    customDefs: await cachedFieldDefs(deps, actor.workspaceId, 'customer'),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  return listRecords(deps, actor, query, {
    tagType: 'customer',
    ctx,
    scope: ownerScope(actor),
    search: CUSTOMER_SEARCH,
    rows: (q) => listCustomerRows(db, q),
    present: (rows) => withTags(db, deps, actor, rows),
  });
}

export async function getCustomer(deps: AppDeps, actor: Actor, id: string): Promise<CustomerView> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const row = await loadVisibleCustomer(db, deps, actor, id, { includeDeleted: true });
  const [view] = await withTags(db, deps, actor, [row]);
  return view!;
}

export async function createCustomer(
  deps: AppDeps,
  actor: Actor,
  input: CustomerCreate,
  outer?: Executor,
): Promise<CustomerView> {
  requirePermission(actor, 'customers:write');
  let publish: () => void = () => undefined;
  const created = await inTransaction(
    deps,
    async (trx) => {
      const custom = await checkCustomValues(trx, deps, actor.workspaceId, 'customer', input.custom, null);
      // Automatic assignment (docs/pool.md, Lead distribution): the rules choose; else the usual owner.
      const decision = await distributeOnCreate(trx, deps, actor, 'customer', input, custom);
      const ownerId = decision
        ? decision.owner_id
        : input.owner_id === undefined
          ? actor.userId
          : input.owner_id;
      if (!decision) await assertAssignableOwner(trx, actor, ownerId, 'owner_id');
      const now = deps.clock.now().toISOString();
      const row: CustomerRow & CustomerInsert = {
        id: newId(),
        workspace_id: actor.workspaceId,
        name: input.name,
        industry: input.industry ?? null,
        region: input.region ?? null,
        size: input.size ?? null,
        level: input.level ?? null,
        source: input.source ?? null,
        status: input.status,
        phone: input.phone ?? null,
        email: input.email ?? null,
        website: input.website ?? null,
        address: input.address ?? null,
        description: input.description ?? null,
        owner_id: ownerId ?? null,
        last_contact_at: null,
        last_won_at: null,
        last_purchase_at: null,
        custom: deps.database.dialect.writeJson(custom),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      const duplicates = await checkDuplicates(trx, deps, actor, 'customer', { ...row, custom });
      await insertCustomer(trx, row);
      await addToIndex(trx, deps.database.dialect, actor.workspaceId, 'customer', [
        { id: row.id, values: searchable(row) },
      ]);
      const view = { ...toCustomer(deps.database.dialect, row), tags: [] };
      await logChange(trx, deps, actor, {
        entity: 'customer',
        recordId: row.id,
        customerId: row.id,
        before: null,
        after: view,
        fields: CUSTOMER_AUDITED,
      });
      if (decision)
        publish = await recordAssignment(trx, deps, actor, 'customer', row.id, decision, row.name);
      return withDuplicateWarnings(view, duplicates);
    },
    outer,
  );
  publish();
  return created;
}

/** Apply a patch to one loaded row inside a transaction; shared by single and bulk updates. */
async function applyPatch(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  row: CustomerRow,
  patch: CustomerUpdate,
) {
  const before = toCustomer(deps.database.dialect, row);
  if (patch.owner_id !== undefined && patch.owner_id !== row.owner_id) {
    requirePermission(actor, 'records:transfer');
    await assertAssignableOwner(trx, actor, patch.owner_id, 'owner_id');
  }
  const { custom: customInput, ...fields } = patch;
  const custom = customInput
    ? await checkCustomValues(trx, deps, actor.workspaceId, 'customer', customInput, before.custom)
    : before.custom;
  const now = deps.clock.now().toISOString();
  const set: CustomerPatch = { updated_at: now };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
  if (customInput) set.custom = deps.database.dialect.writeJson(custom);
  const after: Customer = { ...before, ...(set as Partial<Customer>), custom };
  const changes = await logChange(trx, deps, actor, {
    entity: 'customer',
    recordId: row.id,
    customerId: row.id,
    before,
    after,
    fields: CUSTOMER_AUDITED,
  });
  if (Object.keys(changes).length === 0) return before;
  const duplicates = await checkDuplicates(trx, deps, actor, 'customer', after, {
    changed: Object.keys(changes),
  });
  await updateCustomerRow(trx, actor.workspaceId, row.id, set);
  if ('name' in changes || 'phone' in changes || 'email' in changes) {
    await reindex(trx, deps.database.dialect, actor.workspaceId, 'customer', [
      { id: row.id, values: searchable(after) },
    ]);
  }
  return withDuplicateWarnings(after, duplicates);
}

export async function updateCustomer(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: CustomerUpdate,
  outer?: Executor,
): Promise<CustomerView> {
  requirePermission(actor, 'customers:write');
  return inTransaction(
    deps,
    async (trx) => {
      const row = await loadVisibleCustomer(trx, deps, actor, id, { lock: true });
      const after = await applyPatch(trx, deps, actor, row, patch);
      const tags = await loadTagsFor(trx, actor.workspaceId, 'customer', [id]);
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
    return [await loadVisibleCustomer(trx, deps, actor, ids[0]!, { lock: true, includeDeleted: true })];
  const rows = await findCustomers(trx, actor.workspaceId, [...new Set(ids)], {
    lock: deps.database.dialect,
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || !canSeeOwner(actor, r.owner_id) || (r.deleted_at && !includeDeleted)) {
      throw new ValidationError([
        { path: `ids[${i}]`, message: `no customer with id ${id}`, code: 'not_found' },
      ]);
    }
  });
  return [...byId.values()];
}

export async function bulkUpdateCustomers(deps: AppDeps, actor: Actor, ids: string[], patch: CustomerUpdate) {
  requirePermission(actor, 'customers:write');
  if (patch.name !== undefined)
    throw ValidationError.field('patch.name', 'names cannot be set in bulk', 'not_bulk_editable');
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids);
    for (const row of rows) await applyPatch(trx, deps, actor, row, patch);
    return { updated: rows.length };
  });
}

async function setDeleted(deps: AppDeps, actor: Actor, ids: string[], deleted: boolean, single: boolean) {
  requirePermission(actor, 'customers:delete');
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids, !deleted, single);
    const now = deps.clock.now().toISOString();
    const targets = rows.filter((r) => (r.deleted_at === null) === deleted);
    const patch = deleted
      ? { deleted_at: now, deleted_by: actor.userId, updated_at: now }
      : { deleted_at: null, deleted_by: null, updated_at: now };
    for (const r of targets) await updateCustomerRow(trx, actor.workspaceId, r.id, patch);
    await logChanges(
      trx,
      deps,
      actor,
      targets.map((r) => ({
        entity: 'customer',
        recordId: r.id,
        customerId: r.id,
        action: deleted ? 'deleted' : 'restored',
        before: toCustomer(deps.database.dialect, r),
        after: { ...toCustomer(deps.database.dialect, r), ...patch },
        fields: ['deleted_at'],
      })),
    );
    // Deleted customers leave the search index and come back on restore.
    if (deleted)
      await removeFromIndex(
        trx,
        deps.database.dialect,
        actor.workspaceId,
        'customer',
        targets.map((r) => r.id),
      );
    else
      await reindex(
        trx,
        deps.database.dialect,
        actor.workspaceId,
        'customer',
        targets.map((r) => ({ id: r.id, values: searchable(r) })),
      );
    return { [deleted ? 'deleted' : 'restored']: targets.length };
  });
}

/** Bulk forms name the first bad id as a field error; single forms answer 404. */
export const deleteCustomers = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, true, false);
export const restoreCustomers = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, false, false);
export const deleteCustomer = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], true, true);
export const restoreCustomer = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], false, true);

/**
 * Move the customer's activity dates forward (last contact, last win, last purchase) as a side effect
 * of another write — a follow-up logged, a deal won. Audited like any change; dates never go back.
 */
export async function advanceCustomerDates(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  customerId: string,
  dates: { last_contact_at?: string; last_won_at?: string; last_purchase_at?: string },
): Promise<void> {
  const row = await findCustomer(trx, actor.workspaceId, customerId, { lock: deps.database.dialect });
  if (!row) throw new NotFoundError('customer', customerId);
  const set: CustomerPatch = {};
  for (const [k, v] of Object.entries(dates) as [keyof typeof dates, string][]) {
    if (v && (row[k] === null || row[k]! < v)) set[k] = v;
  }
  if (Object.keys(set).length === 0) return;
  const before = toCustomer(deps.database.dialect, row);
  await updateCustomerRow(trx, actor.workspaceId, customerId, {
    ...set,
    updated_at: deps.clock.now().toISOString(),
  });
  await logChange(trx, deps, actor, {
    entity: 'customer',
    recordId: customerId,
    customerId,
    before,
    after: { ...before, ...(set as Partial<Customer>) },
    fields: CUSTOMER_AUDITED,
  });
}

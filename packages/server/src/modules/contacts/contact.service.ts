import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListQuery, Page, contactCreateSchema, contactUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { listRecords } from '../records/record-list';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { ListContext } from '../../db/list-query';
import { customerScope, notDeleted } from '../../db/scope';
import { logChange, logChanges } from '../audit/change-log';
import { checkDuplicates } from '../dedupe/dedupe-check.service';
import { withDuplicateWarnings } from '../dedupe/dedupe-mode';
import type { RecordChange } from '../audit/change-log';
import { checkCustomValues } from '../custom-fields/custom-field.check';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { loadVisibleCustomer } from '../customers/customer.service';
import { addToIndex, reindex, removeFromIndex } from '../search/search.repository';
import type { SearchTarget } from '../search/search.service';
import { loadTagsFor } from '../tags/record-tags.repository';
import type { TagRef } from '../tags/record-tags.repository';
import { CONTACT_AUDITED, CONTACT_FIELDS } from './contact.fields';
import { demoteOtherPrimaries } from './contact-primary';
import {
  findContact,
  findContacts,
  findPrimaryContacts,
  insertContact,
  listContactRows,
  toContact,
  updateContactRow,
} from './contact.repository';
import type {
  Contact,
  ContactInsert,
  ContactPatch,
  ContactRow,
  ContactWithOwner,
} from './contact.repository';

export type ContactCreate = z.infer<typeof contactCreateSchema>;
export type ContactUpdate = z.infer<typeof contactUpdateSchema>;
export type ContactView = Contact & { tags: TagRef[] };

/** Contacts are visible exactly when their customer is. */
export const CONTACT_SEARCH: SearchTarget = {
  entity: 'contact',
  table: 'contacts',
  visible: (actor) => sql<boolean>`${notDeleted()} and ${customerScope(actor, actor.workspaceId)}`,
  scoped: (actor) => actor.visibleOwnerIds !== null,
  phraseColumns: ['name'],
  phoneColumns: ['mobile', 'phone'],
};

const searchable = (c: Pick<ContactRow, 'name' | 'mobile' | 'phone' | 'email'>) => [
  { kind: 'text' as const, value: c.name },
  { kind: 'phone' as const, value: c.mobile },
  { kind: 'phone' as const, value: c.phone },
  { kind: 'email' as const, value: c.email },
];

/** A contact whose customer the actor may see, or 404 — never 403. */
export async function loadVisibleContact(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; includeDeleted?: boolean } = {},
): Promise<ContactWithOwner> {
  const row = await findContact(trx, actor.workspaceId, id, opts.lock ? { lock: deps.database.dialect } : {});
  if (!row || !canSeeOwner(actor, row.customer_owner_id) || (row.deleted_at && !opts.includeDeleted)) {
    throw new NotFoundError('contact', id);
  }
  return row;
}

/** A customer named in a body must be visible and live; otherwise the field is wrong (400), not the URL. */
async function customerForWrite(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  customerId: string,
  path: string,
) {
  try {
    return await loadVisibleCustomer(trx, deps, actor, customerId, { lock: true });
  } catch (e) {
    if (e instanceof NotFoundError)
      throw ValidationError.field(path, `no customer with id ${customerId}`, 'not_found');
    throw e;
  }
}

async function withTags(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  rows: ContactRow[],
): Promise<ContactView[]> {
  const tags = await loadTagsFor(
    trx,
    actor.workspaceId,
    'contact',
    rows.map((r) => r.id),
  );
  return rows.map((r) => Object.assign(toContact(deps.database.dialect, r), { tags: tags.get(r.id) ?? [] }));
}

export async function listContacts(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<ContactView> & { partial?: boolean }> {
  requirePermission(actor, 'contacts:read');
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: CONTACT_FIELDS,
    customDefs: await cachedFieldDefs(deps, actor.workspaceId, 'contact'),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  return listRecords(deps, actor, query, {
    tagType: 'contact',
    ctx,
    scope: customerScope(actor, actor.workspaceId),
    search: CONTACT_SEARCH,
    rows: (q) => listContactRows(db, q),
    present: (rows) => withTags(db, deps, actor, rows),
  });
}

export async function getContact(deps: AppDeps, actor: Actor, id: string): Promise<ContactView> {
  requirePermission(actor, 'contacts:read');
  const db = deps.database.db;
  const row = await loadVisibleContact(db, deps, actor, id, { includeDeleted: true });
  const [view] = await withTags(db, deps, actor, [row]);
  return view!;
}

export async function createContact(
  deps: AppDeps,
  actor: Actor,
  input: ContactCreate,
  outer?: Executor,
): Promise<ContactView> {
  requirePermission(actor, 'contacts:write');
  return inTransaction(
    deps,
    async (trx) => {
      const customer = await customerForWrite(trx, deps, actor, input.customer_id, 'customer_id');
      const custom = await checkCustomValues(trx, deps, actor.workspaceId, 'contact', input.custom, null);
      if (input.is_primary) await demoteOtherPrimaries(trx, deps, actor, customer.id);
      const now = deps.clock.now().toISOString();
      const row: ContactRow & ContactInsert = {
        id: newId(),
        workspace_id: actor.workspaceId,
        customer_id: customer.id,
        name: input.name,
        title: input.title ?? null,
        mobile: input.mobile ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        wechat: input.wechat ?? null,
        is_primary: input.is_primary ? 1 : 0,
        notes: input.notes ?? null,
        custom: deps.database.dialect.writeJson(custom),
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      };
      const duplicates = await checkDuplicates(trx, deps, actor, 'contact', { ...row, custom });
      await insertContact(trx, row);
      await addToIndex(trx, deps.database.dialect, actor.workspaceId, 'contact', [
        { id: row.id, values: searchable(row) },
      ]);
      const view = { ...toContact(deps.database.dialect, row), tags: [] };
      await logChange(trx, deps, actor, {
        entity: 'contact',
        recordId: row.id,
        customerId: customer.id,
        before: null,
        after: view,
        fields: CONTACT_AUDITED,
      });
      return withDuplicateWarnings(view, duplicates);
    },
    outer,
  );
}

/** Apply a patch to one loaded row inside a transaction; shared by single and bulk updates. */
async function applyPatch(trx: Executor, deps: AppDeps, actor: Actor, row: ContactRow, patch: ContactUpdate) {
  const before = toContact(deps.database.dialect, row);
  const { custom: customInput, is_primary: isPrimary, ...fields } = patch;
  const custom = customInput
    ? await checkCustomValues(trx, deps, actor.workspaceId, 'contact', customInput, before.custom)
    : before.custom;
  if (isPrimary === true && !before.is_primary) {
    // Locking the customer serialises two contacts being made primary at once.
    await loadVisibleCustomer(trx, deps, actor, row.customer_id, { lock: true, includeDeleted: true });
    await demoteOtherPrimaries(trx, deps, actor, row.customer_id, row.id);
  }
  const set: ContactPatch = { updated_at: deps.clock.now().toISOString() };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
  if (isPrimary !== undefined) set.is_primary = isPrimary ? 1 : 0;
  if (customInput) set.custom = deps.database.dialect.writeJson(custom);
  const after: Contact = {
    ...before,
    ...(set as Partial<Contact>),
    is_primary: isPrimary ?? before.is_primary,
    custom,
  };
  const changes = await logChange(trx, deps, actor, {
    entity: 'contact',
    recordId: row.id,
    customerId: row.customer_id,
    before,
    after,
    fields: CONTACT_AUDITED,
  });
  if (Object.keys(changes).length === 0) return before;
  const duplicates = await checkDuplicates(trx, deps, actor, 'contact', after, {
    changed: Object.keys(changes),
  });
  await updateContactRow(trx, actor.workspaceId, row.id, set);
  if (['name', 'mobile', 'phone', 'email'].some((f) => f in changes)) {
    await reindex(trx, deps.database.dialect, actor.workspaceId, 'contact', [
      { id: row.id, values: searchable(after) },
    ]);
  }
  return withDuplicateWarnings(after, duplicates);
}

export async function updateContact(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: ContactUpdate,
  outer?: Executor,
): Promise<ContactView> {
  requirePermission(actor, 'contacts:write');
  return inTransaction(
    deps,
    async (trx) => {
      const row = await loadVisibleContact(trx, deps, actor, id, { lock: true });
      const after = await applyPatch(trx, deps, actor, row, patch);
      const tags = await loadTagsFor(trx, actor.workspaceId, 'contact', [id]);
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
    return [await loadVisibleContact(trx, deps, actor, ids[0]!, { lock: true, includeDeleted: true })];
  const rows = await findContacts(trx, actor.workspaceId, [...new Set(ids)], { lock: deps.database.dialect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || !canSeeOwner(actor, r.customer_owner_id) || (r.deleted_at && !includeDeleted)) {
      throw new ValidationError([
        { path: `ids[${i}]`, message: `no contact with id ${id}`, code: 'not_found' },
      ]);
    }
  });
  return [...byId.values()];
}

export async function bulkUpdateContacts(deps: AppDeps, actor: Actor, ids: string[], patch: ContactUpdate) {
  requirePermission(actor, 'contacts:write');
  if (patch.name !== undefined)
    throw ValidationError.field('patch.name', 'names cannot be set in bulk', 'not_bulk_editable');
  if (patch.is_primary !== undefined) {
    throw ValidationError.field(
      'patch.is_primary',
      'a customer has one primary contact; set it on that contact',
      'not_bulk_editable',
    );
  }
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids);
    for (const row of rows) await applyPatch(trx, deps, actor, row, patch);
    return { updated: rows.length };
  });
}

async function setDeleted(deps: AppDeps, actor: Actor, ids: string[], deleted: boolean, single: boolean) {
  requirePermission(actor, 'contacts:delete');
  return inTransaction(deps, async (trx) => {
    const rows = await loadAllVisible(trx, deps, actor, ids, !deleted, single);
    const now = deps.clock.now().toISOString();
    const targets = rows.filter((r) => (r.deleted_at === null) === deleted);
    const changes: RecordChange[] = [];
    for (const r of targets) {
      const patch: ContactPatch = deleted
        ? { deleted_at: now, deleted_by: actor.userId, updated_at: now }
        : { deleted_at: null, deleted_by: null, updated_at: now };
      // A restored primary contact steps down when the customer chose another meanwhile.
      if (
        !deleted &&
        r.is_primary === 1 &&
        (await findPrimaryContacts(trx, actor.workspaceId, r.customer_id, r.id)).length
      ) {
        patch.is_primary = 0;
      }
      await updateContactRow(trx, actor.workspaceId, r.id, patch);
      const before = toContact(deps.database.dialect, r);
      const after = toContact(deps.database.dialect, { ...r, ...patch } as ContactRow);
      changes.push({
        entity: 'contact',
        recordId: r.id,
        customerId: r.customer_id,
        action: deleted ? 'deleted' : 'restored',
        before,
        after,
        fields: ['deleted_at', 'is_primary'],
      });
    }
    await logChanges(trx, deps, actor, changes);
    const ws = actor.workspaceId;
    if (deleted)
      await removeFromIndex(
        trx,
        deps.database.dialect,
        ws,
        'contact',
        targets.map((r) => r.id),
      );
    else
      await reindex(
        trx,
        deps.database.dialect,
        ws,
        'contact',
        targets.map((r) => ({ id: r.id, values: searchable(r) })),
      );
    return { [deleted ? 'deleted' : 'restored']: targets.length };
  });
}

/** Bulk forms name the first bad id as a field error; single forms answer 404. */
export const deleteContacts = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, true, false);
export const restoreContacts = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, false, false);
export const deleteContact = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], true, true);
export const restoreContact = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], false, true);

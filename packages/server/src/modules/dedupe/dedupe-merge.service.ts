import { contactUpdateSchema, customerUpdateSchema, leadUpdateSchema } from '@tideline/shared';
import type { DedupeEntity, DuplicateMergeInput } from '@tideline/shared';
import type { z } from 'zod';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange, logChanges } from '../audit/change-log';
import { toContact } from '../contacts/contact.repository';
import { loadVisibleContact, updateContact } from '../contacts/contact.service';
import { toCustomer } from '../customers/customer.repository';
import { loadVisibleCustomer, updateCustomer } from '../customers/customer.service';
import { toLead } from '../leads/lead.repository';
import { loadVisibleLead, updateLead } from '../leads/lead.service';
import { removeFromIndex } from '../search/search.repository';
import { keysOf } from './dedupe-keys';
import { MERGE_FIELDS, keyFieldsFor } from './dedupe.fields';
import { deleteKeys, replaceKeys } from './dedupe.repository';
import { contactsOf, markMerged, moveChildren } from './dedupe-merge.repository';
import type { Moved } from './dedupe-merge.repository';
import { runMergeHooks } from './dedupe-merge-hooks';
import { loadRules } from './dedupe-rules';
import { forgetScans } from './dedupe-scan-cache';

type Rec = Record<string, unknown> & { id: string; name: string; custom: Record<string, unknown> };
const PLURAL = { customer: 'customers', contact: 'contacts', lead: 'leads' } as const;
const UPDATE_SCHEMAS: Record<DedupeEntity, z.ZodType> = {
  customer: customerUpdateSchema,
  contact: contactUpdateSchema,
  lead: leadUpdateSchema,
};

/** A record named in the body, visible and live (locked), or a 400 on that field. */
async function loadForMerge(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: DedupeEntity,
  id: string,
  path: string,
) {
  const d = deps.database.dialect;
  try {
    if (entity === 'customer')
      return toCustomer(d, await loadVisibleCustomer(trx, deps, actor, id, { lock: true })) as Rec;
    if (entity === 'contact')
      return toContact(d, await loadVisibleContact(trx, deps, actor, id, { lock: true })) as Rec;
    const lead = toLead(d, await loadVisibleLead(trx, deps, actor, id, { lock: true }));
    if (lead.status === 'converted')
      throw new ConflictError('lead_converted', 'A converted lead cannot be merged', [
        { path, message: 'this lead was converted', code: 'locked' },
      ]);
    return lead as Rec;
  } catch (e) {
    if (e instanceof NotFoundError)
      throw ValidationError.field(path, `no ${entity} with id ${id}`, 'not_found');
    throw e;
  }
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '';

/**
 * The survivor's new values: its blanks filled from the merged records (in the order given), then
 * every field the caller chose taken from the record they named.
 */
function mergedPatch(entity: DedupeEntity, survivor: Rec, merged: Rec[], choices: Record<string, string>) {
  const byId = new Map([survivor, ...merged].map((r) => [r.id, r]));
  const patch: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const field of MERGE_FIELDS[entity]) {
    if (!isBlank(survivor[field])) continue;
    const donor = merged.find((r) => !isBlank(r[field]));
    if (donor) patch[field] = donor[field];
  }
  for (const r of merged)
    for (const [k, v] of Object.entries(r.custom))
      if (isBlank(survivor.custom[k]) && !(k in custom) && !isBlank(v)) custom[k] = v;
  const issues: FieldIssue[] = [];
  for (const [field, sourceId] of Object.entries(choices)) {
    const source = byId.get(sourceId);
    const isCustom = field.startsWith('custom.');
    if (!isCustom && !MERGE_FIELDS[entity].includes(field))
      issues.push({ path: `fields.${field}`, message: `unknown field ${field}`, code: 'unknown_field' });
    else if (!source)
      issues.push({
        path: `fields.${field}`,
        message: 'must be the survivor or one of merged_ids',
        code: 'invalid',
      });
    else if (isCustom) custom[field.slice(7)] = source.custom[field.slice(7)] ?? null;
    else patch[field] = source[field];
  }
  if (issues.length) throw new ValidationError(issues);
  for (const [k, v] of Object.entries(patch)) if (v === survivor[k]) delete patch[k];
  if (Object.keys(custom).length) patch.custom = custom;
  return patch;
}

async function updateSurvivor(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: DedupeEntity,
  id: string,
  patch: Record<string, unknown>,
) {
  const parsed = UPDATE_SCHEMAS[entity].safeParse(patch);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({
        path: ['fields', ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    );
  const data = parsed.data as never;
  if (entity === 'customer') return updateCustomer(deps, actor, id, data, trx);
  if (entity === 'contact') return updateContact(deps, actor, id, data, trx);
  return updateLead(deps, actor, id, data, trx);
}

export interface MergeResult {
  entity: DedupeEntity;
  survivor: Record<string, unknown>;
  merged_ids: string[];
  moved: Moved;
}

/**
 * Merge duplicates into one survivor, in one transaction: the merged records are soft-deleted and point
 * at it (merged_into_id), their contacts, deals, follow-ups, tasks and tags move to it, the survivor
 * takes the chosen values (blanks filled from the others) through its own update service — audit,
 * events, duplicate check and search index as any edit — and its timeline says what was merged.
 */
export async function mergeDuplicates(
  deps: AppDeps,
  actor: Actor,
  input: DuplicateMergeInput,
  outer?: Executor,
): Promise<MergeResult> {
  const { entity } = input;
  requirePermission(actor, 'records:merge');
  requirePermission(actor, `${PLURAL[entity]}:write`);
  requirePermission(actor, `${PLURAL[entity]}:delete`);
  const at = input.merged_ids.indexOf(input.survivor_id);
  if (at >= 0)
    throw ValidationError.field(`merged_ids[${at}]`, 'the survivor cannot be merged into itself', 'invalid');
  const dup = input.merged_ids.findIndex((id, i) => input.merged_ids.indexOf(id) !== i);
  if (dup >= 0) throw ValidationError.field(`merged_ids[${dup}]`, 'named twice', 'duplicate_value');
  const ws = actor.workspaceId;
  const result = await inTransaction(
    deps,
    async (trx) => {
      const survivor = await loadForMerge(trx, deps, actor, entity, input.survivor_id, 'survivor_id');
      const merged: Rec[] = [];
      for (const [i, id] of input.merged_ids.entries())
        merged.push(await loadForMerge(trx, deps, actor, entity, id, `merged_ids[${i}]`));
      const patch = mergedPatch(entity, survivor, merged, input.fields);
      const now = deps.clock.now().toISOString();
      const ids = merged.map((r) => r.id);

      await markMerged(trx, ws, entity, ids, survivor.id, actor.userId, now);
      const customerOf = (r: Rec) =>
        entity === 'customer' ? r.id : entity === 'contact' ? String(r.customer_id) : null;
      await logChanges(
        trx,
        deps,
        actor,
        merged.map((r) => ({
          entity,
          recordId: r.id,
          customerId: customerOf(r),
          action: 'merged',
          before: r,
          after: { ...r, deleted_at: now, merged_into_id: survivor.id },
          fields: ['deleted_at', 'merged_into_id'],
        })),
      );
      await deleteKeys(trx, deps.database.dialect, ws, entity, ids);
      await removeFromIndex(trx, deps.database.dialect, ws, entity, ids);
      const moved = await moveChildren(trx, ws, entity, ids, survivor.id, now);
      if (entity === 'customer') {
        // A contact's name key carries its customer.
        const fields = keyFieldsFor('contact', (await loadRules(trx, deps.database.dialect, ws)).contact);
        const contacts = (await contactsOf(trx, ws, survivor.id)).map((c) =>
          toContact(deps.database.dialect, c),
        );
        await replaceKeys(
          trx,
          deps.database.dialect,
          ws,
          'contact',
          contacts.map((c) => ({ id: c.id, keys: keysOf('contact', c, fields) })),
        );
      }
      await runMergeHooks(trx, deps, actor, { entity, survivorId: survivor.id, mergedIds: ids });
      const updated = Object.keys(patch).length
        ? await updateSurvivor(trx, deps, actor, entity, survivor.id, patch)
        : survivor;
      await logChange(trx, deps, actor, {
        entity,
        recordId: survivor.id,
        customerId: customerOf(survivor),
        action: 'merged',
        before: { merged: [] },
        after: { merged: merged.map((r) => ({ id: r.id, name: r.name })), moved },
        fields: ['merged', 'moved'],
      });
      return { entity, survivor: updated as Record<string, unknown>, merged_ids: ids, moved };
    },
    outer,
  );
  forgetScans(ws);
  return result;
}

import type { Transaction } from 'kysely';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DB } from '../../db/schema';
import { logChanges } from '../audit/change-log';
import { validateCustomValues } from '../custom-fields/custom-field-values';
import { CUSTOMER_AUDITED } from '../customers/customer.fields';
import { toCustomer } from '../customers/customer.repository';
import type { CustomerInsert, CustomerRow } from '../customers/customer.repository';
import { keysOf } from '../dedupe/dedupe-keys';
import { keyFieldsFor } from '../dedupe/dedupe.fields';
import { insertKeys } from '../dedupe/dedupe.repository';
import { addToIndex } from '../search/search.repository';
import { assertAssignableOwner } from '../users/owner-check';
import type { ImportContext } from './import-context';
import { screenDuplicates } from './import-screen';
import { insertRows } from '../../db/insert-rows';

export interface BulkRow {
  row: number;
  values: Record<string, unknown>;
}

export interface BulkOutcome {
  created: Map<number, string>;
  /** Rows the bulk path leaves to the record service (a duplicate rule matched, an owner it cannot vouch for). */
  perRow: Set<number>;
}

/** Owners the actor may give records to, checked once per batch with the service's own rule. */
async function assignableOwners(trx: Transaction<DB>, actor: Actor, ids: (string | null)[]) {
  const ok = new Set<string | null>();
  for (const id of new Set(ids)) {
    try {
      await assertAssignableOwner(trx, actor, id, 'owner_id');
      ok.add(id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
    }
  }
  return ok;
}

/**
 * New customers of a batch in bulk: what createCustomer does for one row — the schema-checked input,
 * custom values checked against the field definitions, an owner the actor may assign, the duplicate
 * rules (batched: screenDuplicates), the row, its duplicate keys, its search grams, the audit entry
 * and the `customer.created` event — done with one multi-row statement per table. Rows the batched
 * check finds anything for go back to the caller for the service, so every rule's exact answer
 * (409s, warnings) still comes from checkDuplicates.
 *
 * Keep in step with createCustomer (modules/customers/customer.service.ts); imports.test.ts compares
 * what both write.
 */
export async function bulkCreateCustomers(
  trx: Transaction<DB>,
  ctx: ImportContext,
  rows: BulkRow[],
): Promise<BulkOutcome> {
  const actor = ctx.createActor;
  requirePermission(actor, 'customers:write');
  const { dialect } = ctx.deps.database;
  const out: BulkOutcome = { created: new Map(), perRow: new Set() };
  const defs = [...ctx.customDefs.values()];
  const knownUsers = new Set(ctx.users.values());
  const checked: BulkRow[] = [];
  for (const r of rows) {
    // No owner named: the service decides (distribution rules, or the creator), so it writes the row.
    if (r.values.owner_id === undefined || r.values.assign !== undefined) {
      out.perRow.add(r.row);
      continue;
    }
    const {
      values: custom,
      issues,
      userIds,
    } = validateCustomValues(defs, r.values.custom as Record<string, unknown> | undefined, null);
    if (issues.length || userIds.some((u) => !knownUsers.has(u.id))) out.perRow.add(r.row);
    else checked.push({ row: r.row, values: { ...r.values, custom } });
  }
  const owners = await assignableOwners(
    trx,
    actor,
    checked.map((r) => r.values.owner_id as string | null),
  );
  const flagged = await screenDuplicates(trx, ctx, checked);
  const now = ctx.deps.clock.now().toISOString();
  const fresh: (CustomerRow & CustomerInsert)[] = [];
  const keyed: { id: string; keys: ReturnType<typeof keysOf> }[] = [];
  const fields = keyFieldsFor('customer', ctx.rules);
  for (const r of checked) {
    const v = r.values;
    const ownerId = v.owner_id as string | null;
    if (flagged.has(r.row) || !owners.has(ownerId)) {
      out.perRow.add(r.row);
      continue;
    }
    const text = (k: string) => (v[k] as string | null | undefined) ?? null;
    const row: CustomerRow & CustomerInsert = {
      id: newId(),
      workspace_id: actor.workspaceId,
      name: v.name as string,
      industry: text('industry'),
      region: text('region'),
      size: text('size'),
      level: text('level'),
      source: text('source'),
      status: v.status as string,
      phone: text('phone'),
      email: text('email'),
      website: text('website'),
      address: text('address'),
      description: text('description'),
      owner_id: ownerId ?? null,
      last_contact_at: null,
      last_won_at: null,
      last_purchase_at: null,
      custom: dialect.writeJson(v.custom),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    };
    fresh.push(row);
    keyed.push({ id: row.id, keys: keysOf('customer', { ...row, custom: v.custom }, fields) });
    out.created.set(r.row, row.id);
  }
  if (!fresh.length) return out;
  await insertRows(trx, dialect, 'customers', fresh);
  // New rows: their keys and grams are inserted without the delete a re-index starts with.
  await insertKeys(trx, dialect, actor.workspaceId, 'customer', keyed);
  await addToIndex(
    trx,
    dialect,
    actor.workspaceId,
    'customer',
    fresh.map((c) => ({
      id: c.id,
      values: [
        { kind: 'text' as const, value: c.name },
        { kind: 'phone' as const, value: c.phone },
        { kind: 'email' as const, value: c.email },
      ],
    })),
  );
  await logChanges(
    trx,
    ctx.deps,
    actor,
    fresh.map((c) => ({
      entity: 'customer',
      recordId: c.id,
      customerId: c.id,
      before: null,
      after: { ...toCustomer(dialect, c), tags: [] },
      fields: CUSTOMER_AUDITED,
    })),
  );
  return out;
}

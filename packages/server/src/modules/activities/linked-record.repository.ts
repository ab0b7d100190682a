import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import { ownerScope } from '../../db/scope';
import type { Dialect } from '../../db/dialect/dialect';

/*
 * Lookups of records that follow-ups and tasks point at but whose modules live elsewhere (contacts,
 * leads). Kept to the few columns the rules need, so those modules stay free to change the rest.
 */

export interface LinkedContact {
  id: string;
  customer_id: string;
  name: string;
}

export interface LinkedLead {
  id: string;
  name: string;
  owner_id: string | null;
  last_contact_at: string | null;
  converted_customer_id: string | null;
}

/** A contact of the workspace that is not deleted. */
export function findContact(
  trx: Executor,
  workspaceId: string,
  id: string,
): Promise<LinkedContact | undefined> {
  return trx
    .selectFrom('contacts')
    .select(['id', 'customer_id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A lead of the workspace that is not deleted. */
export function findLead(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
): Promise<LinkedLead | undefined> {
  let q = trx
    .selectFrom('leads')
    .select(['id', 'name', 'owner_id', 'last_contact_at', 'converted_customer_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function setLeadLastContact(
  trx: Executor,
  workspaceId: string,
  id: string,
  at: string,
  now: string,
) {
  await trx
    .updateTable('leads')
    .set({ last_contact_at: at, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Names of users, for showing who did what. */
export async function loadUserNames(trx: Executor, workspaceId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of customers, for lists of records that belong to them. */
export async function loadCustomerNames(trx: Executor, workspaceId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Rows whose lead (column `column`) is owned by someone inside the actor's scope. */
export function leadScope(actor: Actor, column = 'lead_id'): RawBuilder<boolean> {
  if (actor.visibleOwnerIds === null) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(column)} in (select l.id from leads l where l.workspace_id = ${actor.workspaceId} and ${ownerScope(actor, 'l.owner_id')})`;
}

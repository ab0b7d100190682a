import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { chunkRows } from '../../core/chunk';

/** Tables whose rows have one responsible user, and the column that names them. */
export const OWNED = {
  lead: { table: 'leads', column: 'owner_id' },
  customer: { table: 'customers', column: 'owner_id' },
  deal: { table: 'deals', column: 'owner_id' },
  task: { table: 'tasks', column: 'assignee_id' },
} as const;
export type OwnedType = keyof typeof OWNED;

export interface OwnedRow {
  id: string;
  owner: string | null;
  customer_id: string | null;
  name: string;
}

/** Rows of one type by id, locked for the transfer. */
export async function lockOwnedRows(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  type: OwnedType,
  ids: string[],
): Promise<OwnedRow[]> {
  const out: OwnedRow[] = [];
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10))
    out.push(...(await selectOwned(trx, dialect, workspaceId, type, { ids: part })));
  return out;
}

type Where = { ids: string[] } | { owner: string; customerIds?: string[]; openOnly: boolean };

/** Select owned rows by id, or by owner (optionally only open ones, optionally only of some customers). */
export async function selectOwned(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  type: OwnedType,
  where: Where,
): Promise<OwnedRow[]> {
  switch (type) {
    case 'customer': {
      let q = trx
        .selectFrom('customers')
        .select(['id', 'owner_id as owner', 'id as customer_id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null);
      q = 'ids' in where ? q.where('id', 'in', where.ids) : q.where('owner_id', '=', where.owner);
      return dialect.forUpdate(q).execute();
    }
    case 'lead': {
      let q = trx
        .selectFrom('leads')
        .select(['id', 'owner_id as owner', 'converted_customer_id as customer_id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null);
      if ('ids' in where) q = q.where('id', 'in', where.ids);
      else {
        q = q.where('owner_id', '=', where.owner);
        if (where.openOnly) q = q.where('status', '<>', 'converted');
      }
      return dialect.forUpdate(q).execute();
    }
    case 'deal': {
      let q = trx
        .selectFrom('deals')
        .select(['id', 'owner_id as owner', 'customer_id', 'name'])
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null);
      if ('ids' in where) q = q.where('id', 'in', where.ids);
      else {
        q = q.where('owner_id', '=', where.owner);
        if (where.openOnly) q = q.where('status', '=', 'open');
        if (where.customerIds) q = q.where('customer_id', 'in', where.customerIds);
      }
      return dialect.forUpdate(q).execute();
    }
    case 'task': {
      let q = trx
        .selectFrom('tasks')
        .select(['id', 'assignee_id as owner', 'customer_id', 'title as name'])
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null);
      if ('ids' in where) q = q.where('id', 'in', where.ids);
      else {
        q = q.where('assignee_id', '=', where.owner);
        if (where.openOnly) q = q.where('status', '=', 'open');
        if (where.customerIds) q = q.where('customer_id', 'in', where.customerIds);
      }
      return dialect.forUpdate(q).execute();
    }
  }
}

export async function setOwner(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  type: OwnedType,
  ids: string[],
  ownerId: string | null,
  at: string,
) {
  // Only leads may be left without an owner (a hand-over that leaves them unassigned).
  if (ownerId === null && type !== 'lead') throw new Error(`a ${type} needs an owner`);
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10)) {
    if (type === 'task') {
      await trx
        .updateTable('tasks')
        .set({ assignee_id: ownerId!, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', part)
        .execute();
    } else {
      await trx
        .updateTable(OWNED[type].table as 'customers')
        .set({ owner_id: ownerId, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', part)
        .execute();
    }
  }
}

export async function userNames(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * One page of what `owner` is responsible for, in id order after `after`, locked: every customer, and
 * only open deals, tasks and leads (closed ones stay with who closed them, as history).
 */
export async function selectOwnedPage(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  type: OwnedType,
  owner: string,
  after: string | null,
  limit: number,
): Promise<OwnedRow[]> {
  const { table, column } = OWNED[type];
  // One query shape for the four tables; the columns used exist in each of them.
  let q = trx
    .selectFrom(table as 'deals')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(column as 'owner_id', '=', owner);
  if (after) q = q.where('id', '>', after);
  if (type === 'deal' || type === 'task') q = q.where('status', '=', 'open');
  if (type === 'lead') q = q.where('status', '<>', 'converted');
  const ids = await dialect.forUpdate(q.orderBy('id').limit(limit)).execute();
  if (ids.length === 0) return [];
  const rows = await selectOwned(trx, dialect, workspaceId, type, { ids: ids.map((r) => r.id) });
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Every customer `owner` holds, in id order: the order of a hand-over's round-robin split. */
export async function ownedCustomerIds(trx: Executor, workspaceId: string, owner: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('customers')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', owner)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** How many open deals or tasks `owner` holds per customer (null: not tied to a customer). */
export async function countOpenByCustomer(
  trx: Executor,
  workspaceId: string,
  type: 'deal' | 'task',
  owner: string,
): Promise<Map<string | null, number>> {
  const rows =
    type === 'deal'
      ? await trx
          .selectFrom('deals')
          .select((eb) => ['customer_id', eb.fn.countAll().as('n')])
          .where('workspace_id', '=', workspaceId)
          .where('owner_id', '=', owner)
          .where('status', '=', 'open')
          .where('deleted_at', 'is', null)
          .groupBy('customer_id')
          .execute()
      : await trx
          .selectFrom('tasks')
          .select((eb) => ['customer_id', eb.fn.countAll().as('n')])
          .where('workspace_id', '=', workspaceId)
          .where('assignee_id', '=', owner)
          .where('status', '=', 'open')
          .where('deleted_at', 'is', null)
          .groupBy('customer_id')
          .execute();
  return new Map(rows.map((r) => [r.customer_id, Number(r.n)]));
}

export async function countOpenLeads(trx: Executor, workspaceId: string, owner: string): Promise<number> {
  const row = await trx
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', owner)
    .where('status', '<>', 'converted')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

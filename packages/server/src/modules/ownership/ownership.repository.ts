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
  ownerId: string,
  at: string,
) {
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10)) {
    if (type === 'task') {
      await trx
        .updateTable('tasks')
        .set({ assignee_id: ownerId, updated_at: at })
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

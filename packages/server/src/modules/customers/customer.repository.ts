import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { CustomerTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type CustomerRow = Selectable<CustomerTable>;
export type CustomerInsert = Insertable<CustomerTable>;
export type CustomerPatch = Updateable<CustomerTable>;
export type Customer = Omit<CustomerRow, 'custom'> & { custom: Record<string, unknown> };

export function toCustomer(dialect: Dialect, row: CustomerRow): Customer {
  return { ...row, custom: dialect.readJson<Record<string, unknown>>(row.custom) ?? {} };
}

export async function findCustomer(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findCustomers(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  opts: { lock?: Dialect } = {},
) {
  if (ids.length === 0) return [];
  let q = trx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

export interface ListCustomersSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listCustomerRows(trx: Executor, q: ListCustomersSql): Promise<CustomerRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<CustomerRow>`select * from customers
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertCustomer(trx: Executor, row: CustomerInsert) {
  await trx.insertInto('customers').values(row).execute();
}

export async function updateCustomerRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: CustomerPatch,
) {
  await trx
    .updateTable('customers')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

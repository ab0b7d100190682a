import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { ContactTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type ContactRow = Selectable<ContactTable>;
export type ContactInsert = Insertable<ContactTable>;
export type ContactPatch = Updateable<ContactTable>;
/** A contact as the API shows it: `is_primary` as a boolean, custom values parsed. */
export type Contact = Omit<ContactRow, 'custom' | 'is_primary'> & {
  is_primary: boolean;
  custom: Record<string, unknown>;
};
/** A contact row with its customer's owner, which decides who may see it. */
export type ContactWithOwner = ContactRow & { customer_owner_id: string | null };

export function toContact(dialect: Dialect, row: ContactRow): Contact {
  const { customer_owner_id: _owner, ...rest } = row as ContactWithOwner;
  return {
    ...rest,
    is_primary: row.is_primary === 1,
    custom: dialect.readJson<Record<string, unknown>>(row.custom) ?? {},
  };
}

function withOwner(trx: Executor, workspaceId: string) {
  return trx
    .selectFrom('contacts as ct')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.workspace_id', '=', 'ct.workspace_id').onRef('c.id', '=', 'ct.customer_id'),
    )
    .selectAll('ct')
    .select('c.owner_id as customer_owner_id')
    .where('ct.workspace_id', '=', workspaceId);
}

export async function findContact(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = withOwner(trx, workspaceId).where('ct.id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findContacts(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  opts: { lock?: Dialect } = {},
) {
  if (ids.length === 0) return [];
  let q = withOwner(trx, workspaceId).where('ct.id', 'in', ids);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

/** Live primary contacts of a customer other than `exceptId` (at most one, unless data predates the rule). */
export async function findPrimaryContacts(
  trx: Executor,
  workspaceId: string,
  customerId: string,
  exceptId?: string,
) {
  let q = trx
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('is_primary', '=', 1)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.execute();
}

export interface ListContactsSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listContactRows(trx: Executor, q: ListContactsSql): Promise<ContactRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<ContactRow>`select * from contacts
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertContact(trx: Executor, row: ContactInsert) {
  await trx.insertInto('contacts').values(row).execute();
}

export async function updateContactRow(trx: Executor, workspaceId: string, id: string, patch: ContactPatch) {
  await trx
    .updateTable('contacts')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

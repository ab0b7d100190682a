import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { LeadTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type LeadRow = Selectable<LeadTable>;
export type LeadInsert = Insertable<LeadTable>;
export type LeadPatch = Updateable<LeadTable>;
export type Lead = Omit<LeadRow, 'custom'> & { custom: Record<string, unknown> };

export function toLead(dialect: Dialect, row: LeadRow): Lead {
  return { ...row, custom: dialect.readJson<Record<string, unknown>>(row.custom) ?? {} };
}

export async function findLead(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx.selectFrom('leads').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findLeads(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  opts: { lock?: Dialect } = {},
) {
  if (ids.length === 0) return [];
  let q = trx.selectFrom('leads').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

export interface ListLeadsSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listLeadRows(trx: Executor, q: ListLeadsSql): Promise<LeadRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<LeadRow>`select * from leads
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertLead(trx: Executor, row: LeadInsert) {
  await trx.insertInto('leads').values(row).execute();
}

export async function updateLeadRow(trx: Executor, workspaceId: string, id: string, patch: LeadPatch) {
  await trx
    .updateTable('leads')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/**
 * A converted lead's follow-ups move onto the new customer (and contact) so its 360° timeline shows
 * them; links already set are kept.
 */
export async function relinkLeadActivities(
  trx: Executor,
  workspaceId: string,
  leadId: string,
  to: { customerId: string; contactId: string | null },
  now: string,
): Promise<number> {
  const res = await trx
    .updateTable('activities')
    .set({ customer_id: to.customerId, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('lead_id', '=', leadId)
    .where('customer_id', 'is', null)
    .executeTakeFirst();
  if (to.contactId) {
    await trx
      .updateTable('activities')
      .set({ contact_id: to.contactId })
      .where('workspace_id', '=', workspaceId)
      .where('lead_id', '=', leadId)
      .where('contact_id', 'is', null)
      .execute();
  }
  return Number(res.numUpdatedRows);
}

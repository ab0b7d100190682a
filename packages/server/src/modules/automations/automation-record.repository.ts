import { sql } from 'kysely';
import type { AutomationEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import { isId } from '../../core/ids';

/** Reads an automation run needs about its record and the records around it. */

const TABLES = {
  lead: 'leads',
  customer: 'customers',
  contact: 'contacts',
  deal: 'deals',
  task: 'tasks',
  activity: 'activities',
} as const satisfies Record<AutomationEntity, string>;

export type RecordRow = Record<string, unknown> & { id: string; custom?: Record<string, unknown> };

export async function loadRecordRow(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: AutomationEntity,
  id: string,
): Promise<RecordRow | undefined> {
  if (!isId(id)) return undefined;
  const row = (await trx
    .selectFrom(TABLES[entity])
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  if ('custom' in row) row.custom = dialect.readJson<Record<string, unknown>>(row.custom) ?? {};
  return row as RecordRow;
}

export async function loadTagNames(
  trx: Executor,
  workspaceId: string,
  recordType: string,
  recordId: string,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('record_tags as rt')
    .innerJoin('tags as t', (j) =>
      j.onRef('t.workspace_id', '=', 'rt.workspace_id').onRef('t.id', '=', 'rt.tag_id'),
    )
    .select('t.name')
    .where('rt.workspace_id', '=', workspaceId)
    .where('rt.record_type', '=', recordType)
    .where('rt.record_id', '=', recordId)
    .execute();
  // Sorted here: ORDER BY t.name would make SQLite walk every tag of the workspace (see loadTagsFor).
  return rows.map((r) => r.name).sort();
}

export async function loadUserBrief(trx: Executor, workspaceId: string, id: string | null) {
  if (!id || !isId(id)) return undefined;
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'email', 'phone', 'department_id', 'manager_id', 'status'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Won and open deals of a customer. */
export async function countCustomerDeals(trx: Executor, workspaceId: string, customerId: string) {
  const row = await trx
    .selectFrom('deals')
    .select([
      sql<number>`sum(case when status = 'won' then 1 else 0 end)`.as('won'),
      sql<number>`sum(case when status = 'open' then 1 else 0 end)`.as('open'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return { won: toCount(row?.won), open: toCount(row?.open) };
}

/** The e-mail address to write to for a record: its own, or its contact's, or its customer's first contact's. */
export async function findRecordEmail(
  trx: Executor,
  workspaceId: string,
  entity: AutomationEntity,
  row: RecordRow,
): Promise<{ email: string; name: string } | undefined> {
  const own = row.email as string | null | undefined;
  if ((entity === 'lead' || entity === 'contact') && own) return { email: own, name: String(row.name ?? '') };
  const contactId = (row.contact_id as string | null | undefined) ?? null;
  const customerId =
    entity === 'customer' ? row.id : ((row.customer_id as string | null | undefined) ?? null);
  let q = trx
    .selectFrom('contacts')
    .select(['email', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('email', 'is not', null);
  if (contactId) q = q.where('id', '=', contactId);
  else if (customerId) q = q.where('customer_id', '=', customerId).orderBy('created_at');
  else return undefined;
  const contact = await q.executeTakeFirst();
  return contact?.email ? { email: contact.email, name: contact.name } : undefined;
}

/** Open records per owner among candidates, for least-loaded assignment. */
export async function openLoadByOwner(
  trx: Executor,
  workspaceId: string,
  entity: AutomationEntity,
  ownerIds: string[],
): Promise<Map<string, number>> {
  const table = TABLES[entity];
  const ownerCol = entity === 'task' ? 'assignee_id' : 'owner_id';
  const rows = (await trx
    .selectFrom(table)
    .select([sql.ref<string>(ownerCol).as('owner'), sql<number>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where(sql.ref(ownerCol), 'in', ownerIds)
    .where(
      sql<boolean>`${sql.ref('status')} in ('open', 'new', 'contacted', 'qualified', 'potential', 'active')`,
    )
    .groupBy(sql.ref(ownerCol))
    .execute()) as { owner: string; n: unknown }[];
  return new Map(rows.map((r) => [r.owner, toCount(r.n)]));
}

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../core/transaction';
import { toCount } from '../../db/dialect/dialect';

/**
 * The sources of a customer's timeline. Each reads one kind of entry newest first, strictly after a
 * position (at, id, rank) of the merged order; `rank` tells sources apart when time and id are equal.
 */
export interface TimelinePos {
  at: string;
  id: string;
  rank: number;
}

export const RANK = { activity: 1, change: 2, task_created: 3, task_completed: 4 } as const;

/** Rows of a source with rank `rank` that come after `pos` in the order (at desc, id desc, rank desc). */
function after(column: string, rank: number, pos: TimelinePos | null): RawBuilder<boolean> {
  if (!pos) return sql<boolean>`1 = 1`;
  const at = sql.ref(column);
  const sameRow = rank < pos.rank ? sql` or (${at} = ${pos.at} and id = ${pos.id})` : sql``;
  return sql<boolean>`(${at} < ${pos.at} or (${at} = ${pos.at} and id < ${pos.id})${sameRow})`;
}

export interface ActivityEntry {
  id: string;
  at: string;
  kind: string;
  content: string;
  contact_id: string | null;
  deal_id: string | null;
  lead_id: string | null;
  author_id: string | null;
}

/**
 * Follow-ups of the customer, its contacts and deals, and of the lead it was converted from (the
 * conversion, and follow-ups logged on a converted lead, carry the customer id).
 */
export async function activityEntries(
  trx: Executor,
  ws: string,
  customerId: string,
  pos: TimelinePos | null,
  limit: number,
) {
  const { rows } =
    await sql<ActivityEntry>`select id, occurred_at as at, kind, content, contact_id, deal_id, lead_id, author_id
    from activities
    where workspace_id = ${ws} and deleted_at is null
      and customer_id = ${customerId}
      and ${after('occurred_at', RANK.activity, pos)}
    order by occurred_at desc, id desc limit ${limit}`.execute(trx);
  return rows;
}

export interface ChangeEntry {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  record_id: string;
  changes: unknown;
}

/**
 * Audited changes of the customer and its children; follow-ups and tasks have entries of their own.
 * `dealVisible` (over deals `d`) keeps out the changes of deals the reader may not see.
 */
export async function changeEntries(
  trx: Executor,
  ws: string,
  customerId: string,
  dealVisible: RawBuilder<boolean>,
  pos: TimelinePos | null,
  limit: number,
) {
  const { rows } =
    await sql<ChangeEntry>`select id, created_at as at, actor_id, action, entity, record_id, changes
    from audit_log
    where workspace_id = ${ws} and customer_id = ${customerId} and entity not in ('activity', 'task')
      and (entity <> 'deal' or record_id in (select d.id from deals d where d.workspace_id = ${ws} and d.customer_id = ${customerId} and ${dealVisible}))
      and ${after('created_at', RANK.change, pos)}
    order by created_at desc, id desc limit ${limit}`.execute(trx);
  return rows;
}

export interface TaskEntry {
  id: string;
  at: string;
  title: string;
  status: string;
  due_at: string | null;
  assignee_id: string;
  created_by: string | null;
}

/** Tasks of the customer by creation time, or (completed) by completion time. */
export async function taskEntries(
  trx: Executor,
  ws: string,
  customerId: string,
  event: 'created' | 'completed',
  pos: TimelinePos | null,
  limit: number,
) {
  const column = event === 'created' ? 'created_at' : 'completed_at';
  const rank = event === 'created' ? RANK.task_created : RANK.task_completed;
  const done = event === 'completed' ? sql`and status = 'done' and completed_at is not null` : sql``;
  const { rows } =
    await sql<TaskEntry>`select id, ${sql.ref(column)} as at, title, status, due_at, assignee_id, created_by
    from tasks
    where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null ${done}
      and ${after(column, rank, pos)}
    order by ${sql.ref(column)} desc, id desc limit ${limit}`.execute(trx);
  return rows;
}

/** Names of deals, contacts and stages that timeline entries mention. */
export async function namesOf(
  trx: Executor,
  ws: string,
  table: 'deals' | 'contacts' | 'stages',
  ids: readonly string[],
) {
  const out = new Map<string, { name: string; kind: string | null }>();
  if (ids.length === 0) return out;
  if (table === 'stages') {
    const rows = await trx
      .selectFrom('stages')
      .select(['id', 'name', 'kind'])
      .where('workspace_id', '=', ws)
      .where('id', 'in', [...ids])
      .execute();
    for (const r of rows) out.set(r.id, { name: r.name, kind: r.kind });
    return out;
  }
  const rows = await trx
    .selectFrom(table)
    .select(['id', 'name'])
    .where('workspace_id', '=', ws)
    .where('id', 'in', [...ids])
    .execute();
  for (const r of rows) out.set(r.id, { name: r.name, kind: null });
  return out;
}

export function listCustomerContacts(trx: Executor, ws: string, customerId: string) {
  return trx
    .selectFrom('contacts')
    .select(['id', 'name', 'title', 'mobile', 'phone', 'email', 'wechat', 'is_primary'])
    .where('workspace_id', '=', ws)
    .where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null)
    .orderBy('is_primary', 'desc')
    .orderBy('name')
    .limit(200)
    .execute();
}

export interface CustomerCounts {
  contacts: number;
  deals: number;
  open_deals: number;
  won_deals: number;
  activities: number;
  open_tasks: number;
}

/** How much hangs off a customer; `dealScope` narrows deals to those the actor may see. */
export async function customerCounts(
  trx: Executor,
  ws: string,
  customerId: string,
  dealScope: RawBuilder<boolean>,
): Promise<CustomerCounts> {
  const { rows } = await sql<Record<keyof CustomerCounts, number | string>>`select
      (select count(*) from contacts where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null) as contacts,
      (select count(*) from deals where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null and ${dealScope}) as deals,
      (select count(*) from deals where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null and status = 'open' and ${dealScope}) as open_deals,
      (select count(*) from deals where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null and status = 'won' and ${dealScope}) as won_deals,
      (select count(*) from activities where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null) as activities,
      (select count(*) from tasks where workspace_id = ${ws} and customer_id = ${customerId} and deleted_at is null and status = 'open') as open_tasks`.execute(
    trx,
  );
  const r = rows[0]!;
  return {
    contacts: toCount(r.contacts),
    deals: toCount(r.deals),
    open_deals: toCount(r.open_deals),
    won_deals: toCount(r.won_deals),
    activities: toCount(r.activities),
    open_tasks: toCount(r.open_tasks),
  };
}

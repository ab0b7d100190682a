import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { chunkRows } from '../../core/chunk';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { PoolWarningTable } from '../../db/schema-pools';
import { poolDb } from './pool.repository';
import type { RuleRow } from './pool.repository';

/** Enabled rules of enabled pools that were not swept in the last `interval`, across workspaces. */
export async function rulesToSweep(trx: Executor, sweptBefore: string): Promise<RuleRow[]> {
  return trx
    .selectFrom('pool_recycle_rules as r')
    .innerJoin('pools as p', (j) =>
      j.onRef('p.workspace_id', '=', 'r.workspace_id').onRef('p.id', '=', 'r.pool_id'),
    )
    .selectAll('r')
    .where('r.enabled', '=', 1)
    .where('p.enabled', '=', 1)
    .where((eb) => eb.or([eb('r.swept_at', 'is', null), eb('r.swept_at', '<=', sweptBefore)]))
    .orderBy('r.workspace_id')
    .orderBy('p.created_at')
    .orderBy('r.position')
    .execute();
}

export interface DueRow {
  id: string;
  level: string | null;
  /** The first of the pool's rules (by position) the customer is due under. */
  rule_no: number;
}

/**
 * The owned customers of a pool's scope that are due under any of its rules, each with the first rule
 * it is due under: one pass over the table for all the rules. With `openDeals`, open deals are joined
 * as `od` (the windows then use OPEN_DEAL_JOINED).
 */
export async function selectDue(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  scope: RawBuilder<boolean>,
  windows: { no: number; sql: RawBuilder<boolean> }[],
  openDeals: boolean,
  limit?: number,
): Promise<DueRow[]> {
  if (windows.length === 0) return [];
  // A plain join, not a subquery: SQLite then probes deals_open_customer_idx per customer (it does not
  // index a materialised subquery), PostgreSQL hashes the open deals once. A customer with several open
  // deals comes back once per deal; duplicates are dropped below.
  const join = openDeals
    ? sql`left join deals od on od.workspace_id = customers.workspace_id and od.customer_id = customers.id
        and od.status = 'open' and od.deleted_at is null`
    : sql``;
  const ruleNo = sql`case ${sql.join(
    windows.map((w) => sql`when ${w.sql} then ${sql.lit(w.no)}`),
    sql` `,
  )} end`;
  // The workspace test is kept from every index: most of a workspace's customers come back, and SQLite
  // otherwise walks an index on workspace_id and fetches each row by rowid — 5.6 s at 1,000,000 against
  // 1.7 s for a plain scan. (PostgreSQL's statistics choose the scan anyway.)
  const { rows } = await sql<DueRow>`select customers.id, customers.level, ${ruleNo} as rule_no
    from customers ${join}
    where ${dialect.unindexed(sql.ref('customers.workspace_id'))} = ${workspaceId} and customers.deleted_at is null
      and ${scope} and (${sql.join(
        windows.map((w) => w.sql),
        sql` or `,
      )})
    ${limit !== undefined ? sql`limit ${limit}` : sql``}`.execute(trx);
  // Rows as they come (hundreds of thousands on a first sweep): no copies, duplicates only with the join.
  for (const r of rows) r.rule_no = Number(r.rule_no);
  if (!openDeals) return rows;
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
}

export interface WarnRow {
  id: string;
  name: string;
  owner_id: string;
  level: string | null;
  last_contact_at: string | null;
  claimed_at: string | null;
  created_at: string;
  last_purchase_at: string | null;
  last_won_at: string | null;
  is_locked: number;
}

/** The customers about to become due, with what is needed to compute their due instant. */
export async function selectWarn(
  trx: Executor,
  workspaceId: string,
  scope: RawBuilder<boolean>,
  window: RawBuilder<boolean>,
): Promise<WarnRow[]> {
  const { rows } =
    await sql<WarnRow>`select customers.id, customers.name, customers.owner_id, customers.level,
      customers.last_contact_at, customers.claimed_at, customers.created_at, customers.last_purchase_at,
      customers.last_won_at, customers.is_locked
    from customers
    where customers.workspace_id = ${workspaceId} and customers.deleted_at is null
      and ${scope} and ${window}`.execute(trx);
  return rows;
}

/** Record warnings, once per customer, rule and due instant; returns the customers newly warned. */
export async function insertWarnings(
  trx: Executor,
  dialect: Dialect,
  rows: PoolWarningTable[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunkRows(rows, 6, dialect.maxParameters)) {
    const inserted = await trx
      .insertInto('pool_warnings')
      .values(part)
      .onConflict((oc) => oc.columns(['workspace_id', 'rule_id', 'customer_id', 'due_at']).doNothing())
      .returning('customer_id')
      .execute();
    for (const r of inserted) out.add(r.customer_id);
  }
  return out;
}

export async function markSwept(trx: Executor, workspaceId: string, ruleId: string, at: string) {
  await trx
    .updateTable('pool_recycle_rules')
    .set({ swept_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', ruleId)
    .execute();
}

/** Warnings whose due instant is long past are no longer needed to de-duplicate anything. */
export async function forgetWarnings(trx: Executor, workspaceId: string, dueBefore: string) {
  await trx
    .deleteFrom('pool_warnings')
    .where('workspace_id', '=', workspaceId)
    .where('due_at', '<', dueBefore)
    .execute();
}

export async function usersWithEmail(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

/** Names of customers (for the notices of a recycle batch). */
export async function namesById(trx: Executor, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await poolDb(trx)
    .selectFrom('customers')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

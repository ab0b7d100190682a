import { sql } from 'kysely';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type {
  DistributionLogTable,
  DistributionRuleTable,
  DistributionSettingTable,
} from '../../db/schema-distribution';

export type RuleRow = Selectable<DistributionRuleTable>;
export type SettingRow = Selectable<DistributionSettingTable>;
export type LogRow = Selectable<DistributionLogTable>;

export function loadRuleRows(trx: Executor, workspaceId: string, entity?: string) {
  let q = trx.selectFrom('distribution_rules').selectAll().where('workspace_id', '=', workspaceId);
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('entity').orderBy('position').orderBy('id').execute();
}

export function findRuleRow(trx: Executor, workspaceId: string, id: string) {
  return trx
    .selectFrom('distribution_rules')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRuleRow(trx: Executor, row: Insertable<DistributionRuleTable>) {
  await trx.insertInto('distribution_rules').values(row).execute();
  await trx
    .insertInto('distribution_cursors')
    .values({ workspace_id: row.workspace_id, rule_id: row.id, next_index: 0 })
    .execute();
}

export async function updateRuleRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<DistributionRuleTable>,
) {
  await trx
    .updateTable('distribution_rules')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteRuleRow(trx: Executor, workspaceId: string, id: string): Promise<number> {
  await trx
    .deleteFrom('distribution_cursors')
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', id)
    .execute();
  const res = await trx
    .deleteFrom('distribution_rules')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function nextPosition(trx: Executor, workspaceId: string, entity: string) {
  const row = await trx
    .selectFrom('distribution_rules')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .executeTakeFirst();
  return row?.p === null || row?.p === undefined ? 0 : Number(row.p) + 1;
}

/**
 * The rule's round-robin pointer. `lock` holds the row until the assignment commits, so concurrent
 * creates take turns (PostgreSQL row lock; SQLite serialises writers already).
 */
export async function readCursor(
  trx: Executor,
  workspaceId: string,
  ruleId: string,
  lock: Dialect | null,
): Promise<number> {
  const q = trx
    .selectFrom('distribution_cursors')
    .select('next_index')
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', ruleId);
  const row = await (lock ? lock.forUpdate(q) : q).executeTakeFirst();
  return row?.next_index ?? 0;
}

export async function writeCursor(trx: Executor, workspaceId: string, ruleId: string, next: number) {
  await trx
    .updateTable('distribution_cursors')
    .set({ next_index: next })
    .where('workspace_id', '=', workspaceId)
    .where('rule_id', '=', ruleId)
    .execute();
}

export function loadSettings(trx: Executor, workspaceId: string) {
  return trx
    .selectFrom('distribution_settings')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .execute();
}

export async function saveSetting(trx: Executor, row: Insertable<DistributionSettingTable>) {
  await trx
    .insertInto('distribution_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'entity']).doUpdateSet({
        fallback: row.fallback,
        pool_id: row.pool_id ?? null,
        updated_at: row.updated_at,
        updated_by: row.updated_by ?? null,
      }),
    )
    .execute();
}

export async function hasEnabledRules(trx: Executor, workspaceId: string, entity: string) {
  const row = await trx
    .selectFrom('distribution_rules')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('enabled', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface UserInfo {
  id: string;
  name: string;
  status: string;
  away_until: string | null;
}

export async function loadUsers(trx: Executor, workspaceId: string, ids: readonly string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map<string, UserInfo>();
  const rows = await trx
    .selectFrom('users')
    .select(['id', 'name', 'status', 'away_until'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Users of a department and the departments below it, in a stable order (oldest first). */
export async function departmentUserIds(trx: Executor, workspaceId: string, departmentId: string) {
  const dept = await trx
    .selectFrom('departments')
    .select('path')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', departmentId)
    .executeTakeFirst();
  if (!dept) return null;
  const rows = await trx
    .selectFrom('users as u')
    .innerJoin('departments as d', (j) =>
      j.onRef('d.workspace_id', '=', 'u.workspace_id').onRef('d.id', '=', 'u.department_id'),
    )
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where(sql<boolean>`substr(d.path, 1, ${dept.path.length}) = ${dept.path}`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function departmentExists(trx: Executor, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findPoolName(trx: Executor, workspaceId: string, id: string) {
  const row = await trx
    .selectFrom('pools')
    .select(['name', 'enabled'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** Open records each user owns: leads not converted or disqualified; customers they hold. */
export async function openLoads(trx: Executor, workspaceId: string, entity: string, userIds: string[]) {
  const out = new Map<string, number>(userIds.map((id) => [id, 0]));
  if (userIds.length === 0) return out;
  const rows =
    entity === 'lead'
      ? await trx
          .selectFrom('leads')
          .select(['owner_id', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('workspace_id', '=', workspaceId)
          .where('owner_id', 'in', userIds)
          .where('deleted_at', 'is', null)
          .where('status', 'not in', ['converted', 'disqualified'])
          .groupBy('owner_id')
          .execute()
      : await trx
          .selectFrom('customers')
          .select(['owner_id', (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('workspace_id', '=', workspaceId)
          .where('owner_id', 'in', userIds)
          .where('deleted_at', 'is', null)
          .groupBy('owner_id')
          .execute();
  for (const r of rows) if (r.owner_id) out.set(r.owner_id, Number(r.n));
  return out;
}

export async function insertLog(trx: Executor, row: Insertable<DistributionLogTable>) {
  await trx.insertInto('distribution_log').values(row).execute();
}

export function logRowsFor(trx: Executor, workspaceId: string, recordId: string) {
  return trx
    .selectFrom('distribution_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
}

/** The current owner of a lead or customer (undefined when there is no such record). */
export function recordOwner(trx: Executor, workspaceId: string, entity: string, id: string) {
  return trx
    .selectFrom(entity === 'customer' ? 'customers' : 'leads')
    .select('owner_id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

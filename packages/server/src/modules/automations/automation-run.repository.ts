import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { AutomationRunStepTable, AutomationRunTable } from '../../db/schema-automation';
import { chunkRows } from '../../core/chunk';

export type RunRow = Selectable<AutomationRunTable>;
export type RunStepRow = Selectable<AutomationRunStepTable>;

/** Insert runs, skipping any whose (automation, trigger_key) already exists; returns the ids inserted. */
export async function insertRuns(
  trx: Executor,
  rows: Insertable<AutomationRunTable>[],
  maxParameters = 999,
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunkRows(rows, 18, maxParameters)) {
    const inserted = await trx
      .insertInto('automation_runs')
      .values(part)
      .onConflict((oc) => oc.columns(['workspace_id', 'automation_id', 'trigger_key']).doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function findRun(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  id: string,
  lock = false,
): Promise<RunRow | undefined> {
  let q = trx
    .selectFrom('automation_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (lock) q = dialect.forUpdate(q);
  return q.executeTakeFirst();
}

export async function updateRun(
  trx: Executor,
  workspaceId: string,
  id: string,
  set: Updateable<AutomationRunTable>,
): Promise<void> {
  await trx
    .updateTable('automation_runs')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function insertRunStep(trx: Executor, row: Insertable<AutomationRunStepTable>): Promise<void> {
  await trx.insertInto('automation_run_steps').values(row).execute();
}

export async function listRunSteps(trx: Executor, workspaceId: string, runId: string): Promise<RunStepRow[]> {
  return trx
    .selectFrom('automation_run_steps')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('run_id', '=', runId)
    .orderBy('seq')
    .execute();
}

export async function listRunRows(
  trx: Executor,
  workspaceId: string,
  filter: { automationId?: string; status?: string; before?: string; limit: number },
): Promise<RunRow[]> {
  let q = trx.selectFrom('automation_runs').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.automationId) q = q.where('automation_id', '=', filter.automationId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.before) q = q.where('id', '<', filter.before);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** Runs waiting for any of these events on any of these records (one query per dispatched batch). */
export async function findWaitingRuns(
  trx: Executor,
  recordIds: readonly string[],
  eventTypes: readonly string[],
): Promise<RunRow[]> {
  if (recordIds.length === 0) return [];
  return trx
    .selectFrom('automation_runs')
    .selectAll()
    .where('status', '=', 'waiting')
    .where('record_id', 'in', [...new Set(recordIds)])
    .where('wait_event', 'in', [...new Set(eventTypes)])
    .execute();
}

export interface RunHealth {
  runs_7d: number;
  failed_7d: number;
  last_run_at: string | null;
  last_run_status: string | null;
}

/** Runs and failures of the last days per automation, and its latest run, for the list's health column. */
export async function runHealth(
  trx: Executor,
  workspaceId: string,
  since: string,
): Promise<Map<string, RunHealth>> {
  const counts = await trx
    .selectFrom('automation_runs')
    .select([
      'automation_id',
      sql<number>`count(*)`.as('runs'),
      sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as('failed'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', since)
    .groupBy('automation_id')
    .execute();
  const latestIds = await trx
    .selectFrom('automation_runs')
    .select(['automation_id', sql<string>`max(cast(id as text))`.as('id')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('automation_id')
    .execute();
  const latest = latestIds.length
    ? await trx
        .selectFrom('automation_runs')
        .select(['automation_id', 'status', 'created_at'])
        .where('workspace_id', '=', workspaceId)
        .where(
          'id',
          'in',
          latestIds.map((r) => r.id),
        )
        .execute()
    : [];
  const out = new Map<string, RunHealth>();
  for (const l of latest)
    out.set(l.automation_id, {
      runs_7d: 0,
      failed_7d: 0,
      last_run_at: l.created_at,
      last_run_status: l.status,
    });
  for (const c of counts) {
    const h = out.get(c.automation_id) ?? {
      runs_7d: 0,
      failed_7d: 0,
      last_run_at: null,
      last_run_status: null,
    };
    out.set(c.automation_id, { ...h, runs_7d: toCount(c.runs), failed_7d: toCount(c.failed) });
  }
  return out;
}

/** Whether a side effect with this idempotency key already happened, and what it returned. */
export async function findEffect(trx: Executor, dialect: Dialect, workspaceId: string, key: string) {
  const row = await trx
    .selectFrom('automation_effects')
    .select('result')
    .where('workspace_id', '=', workspaceId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { result: dialect.readJson(row.result) } : undefined;
}

export async function insertEffect(
  trx: Executor,
  dialect: Dialect,
  row: { workspaceId: string; key: string; result: unknown; at: string },
): Promise<void> {
  await trx
    .insertInto('automation_effects')
    .values({
      workspace_id: row.workspaceId,
      key: row.key,
      result: dialect.writeJson(row.result),
      created_at: row.at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'key']).doNothing())
    .execute();
}

/** Add one to a named counter and return its value before the increment (0 the first time). */
export async function takeCounter(trx: Executor, workspaceId: string, key: string): Promise<number> {
  const row = await trx
    .insertInto('automation_counters')
    .values({ workspace_id: workspaceId, key, value: 1 })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'key']).doUpdateSet({ value: sql`automation_counters.value + 1` }),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value) - 1;
}

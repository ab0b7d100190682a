import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { RootOperationNode } from 'kysely';
import { automationCreateSchema } from '../../packages/shared/src';
import { automationDepsFor } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { systemClock } from '../../packages/server/src/core/clock';
import type { AppDeps } from '../../packages/server/src/core/deps';
import type { Database } from '../../packages/server/src/db/database';
import { loadActor } from '../../packages/server/src/modules/auth/actor-loader';
import { createAutomation } from '../../packages/server/src/modules/automations/automation.service';
import { sweepRelativeTime } from '../../packages/server/src/modules/automations/time-triggers';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { migrateAnyOrder } from './automation.migrate';
import type { AutomationInput } from './automation.rules';
import { SqlCounter, countedDatabase } from './automation.sql-counter';

const DAY = 86_400_000;

/** Ten time rules on customers, five with a simple condition; the window is the last day. */
export function sweepRules(): AutomationInput[] {
  const after = (field: string, days: number) => ({
    type: 'relative_time' as const,
    entity: 'customer' as const,
    field,
    direction: 'after' as const,
    offset: { amount: days, unit: 'days' as const },
  });
  const task = (title: string) => [
    {
      id: 'task',
      kind: 'action' as const,
      params: { action: 'create_task' as const, title, assignee: { type: 'owner' as const } },
    },
  ];
  return [
    {
      name: '7 天未联系',
      definition: { trigger: after('last_contact_at', 7), steps: task('回访 {{ record.name }}') },
    },
    {
      name: '14 天未联系的在跟客户',
      definition: {
        trigger: after('last_contact_at', 14),
        conditions: { field: 'status', op: 'ne', value: 'lost' },
        steps: task('回访 {{ record.name }}'),
      },
    },
    {
      name: '30 天未联系的潜在/活跃客户',
      definition: {
        trigger: after('last_contact_at', 30),
        conditions: { field: 'status', op: 'in', value: ['potential', 'active'] },
        steps: task('唤醒 {{ record.name }}'),
      },
    },
    {
      name: '60 天未联系',
      definition: { trigger: after('last_contact_at', 60), steps: task('唤醒 {{ record.name }}') },
    },
    {
      name: '90 天未联系的非沉睡客户',
      definition: {
        trigger: after('last_contact_at', 90),
        conditions: { field: 'level', op: 'ne', value: '沉睡' },
        steps: task('评估 {{ record.name }} 是否退回公海'),
      },
    },
    {
      name: '成交 30 天回访',
      definition: { trigger: after('last_purchase_at', 30), steps: task('回访 {{ record.name }}') },
    },
    {
      name: '半年未复购的活跃客户',
      definition: {
        trigger: after('last_purchase_at', 180),
        conditions: { field: 'status', op: 'eq', value: 'active' },
        steps: task('复购提醒 {{ record.name }}'),
      },
    },
    {
      name: '成交一年续约',
      definition: { trigger: after('last_purchase_at', 365), steps: task('续约 {{ record.name }}') },
    },
    {
      name: '建档 3 天回访',
      definition: { trigger: after('created_at', 3), steps: task('回访新客户 {{ record.name }}') },
    },
    {
      name: '建档 30 天仍未联系',
      definition: {
        trigger: after('created_at', 30),
        conditions: { field: 'last_contact_at', op: 'empty' },
        steps: task('首次联系 {{ record.name }}'),
      },
    },
  ];
}

export interface SweepPass {
  /** Time spent in the statements that search the customers table (the find part). */
  findMs: number;
  findQueries: number;
  found: number;
  /** The whole sweepRelativeTime call: find, conditions, runs and jobs written, swept_to saved. */
  totalMs: number;
  runsStarted: number;
  statements: number;
}

export interface SweepResult {
  customers: number;
  migratedMs: number | null;
  migrationNote: string | null;
  otherTimeRules: number;
  passes: { cold: SweepPass; warm: SweepPass };
  /** The same windows read in index order, (field, id) keyset pages: what the find could cost. */
  indexOrdered: { ms: number; found: number; queries: number };
  perRule: (SweepPass & { name: string; indexOrdered: { ms: number; found: number; queries: number } })[];
  plan: string[];
}

/**
 * Time the relative-time sweep of ten rules over the big benchmark workspace: once cold (first
 * sweep after opening), once warm (same window again after deleting the runs it made). Leaves the
 * database as found: the automations, their runs, jobs, audit entries and events are deleted.
 */
export async function measureSweep(database: Database): Promise<SweepResult> {
  // Only what the sweep needs: the big databases are shared, and other migrations (duplicate keys for
  // every record) are for their own benchmarks to build.
  const { ms: migratedMs, note } = await migrateAnyOrder(database, (name) =>
    /automation|calendar|stage-gates|time-rule|created-at/.test(name),
  );
  const { db, dialect } = database;
  const ws = await db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', 'bench')
    .executeTakeFirstOrThrow();
  const admin = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .select('u.id')
    .where('u.workspace_id', '=', ws.id)
    .where('r.key', '=', 'admin')
    .executeTakeFirstOrThrow();
  const customers = await db
    .selectFrom('customers')
    .select(sql<number>`count(*)`.as('n'))
    .where('workspace_id', '=', ws.id)
    .executeTakeFirstOrThrow();
  const others = await db
    .selectFrom('automations')
    .select(sql<number>`count(*)`.as('n'))
    .where('trigger_type', '=', 'relative_time')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
  const actor = (await loadActor(db, dialect, admin.id, ws.id, { source: 'ui' }))!;
  const rules = sweepRules();
  const ids: string[] = [];
  const createdAfter = new Date().toISOString();
  try {
    for (const r of rules)
      ids.push(
        (await createAutomation(deps, actor, automationCreateSchema.parse({ ...r, enabled: true }))).id,
      );
    const counter = new SqlCounter();
    // The first search of each shape (one per date column, first page and later pages), to EXPLAIN.
    const finds = new Map<string, RootOperationNode>();
    counter.onStatement = (key, node) => {
      if (key !== 'select customers') return;
      const text = database.db.getExecutor().compileQuery(node, { queryId: 'shape' }).sql;
      if (!finds.has(text)) finds.set(text, node);
    };
    const auto = automationDepsFor({ ...deps, database: countedDatabase(database, counter) }, loadConfig({}));
    // Each pass sweeps the rules in `only` over the last day, after deleting the runs earlier passes made.
    const pass = async (only: string[]): Promise<SweepPass> => {
      await deleteRuns(database, ws.id, ids, createdAfter);
      await db
        .updateTable('automations')
        .set((eb) => ({
          enabled: eb.case().when('id', 'in', only).then(1).else(0).end(),
          swept_to: new Date(Date.now() - DAY).toISOString(),
        }))
        .where('id', 'in', ids)
        .execute();
      counter.reset();
      const t = performance.now();
      const runsStarted = await sweepRelativeTime(auto);
      const totalMs = performance.now() - t;
      const find = counter.tallies.get('select customers') ?? { count: 0, ms: 0, rows: 0 };
      return {
        findMs: Math.round(find.ms),
        findQueries: find.count,
        found: find.rows,
        totalMs: Math.round(totalMs),
        runsStarted,
        statements: counter.total().count,
      };
    };
    const cold = await pass(ids);
    const warm = await pass(ids);
    const perRule: SweepResult['perRule'] = [];
    for (const [i, id] of ids.entries()) {
      const one = await pass([id]);
      perRule.push({
        name: rules[i]!.name,
        ...one,
        indexOrdered: await indexOrderedFind(database, ws.id, [rules[i]!]),
      });
    }
    auto.channels.close();
    const plans: string[] = [];
    for (const node of finds.values()) plans.push(...(await explain(database, node)), '');
    return {
      customers: Number(customers.n),
      migratedMs: note ? Math.round(migratedMs) : null,
      migrationNote: note,
      otherTimeRules: Number(others.n),
      passes: { cold, warm },
      indexOrdered: await indexOrderedFind(database, ws.id, rules),
      perRule,
      plan: plans,
    };
  } finally {
    await deleteRuns(database, ws.id, ids, createdAfter);
    await cleanUp(database, ws.id, ids);
  }
}

async function explain(database: Database, node: RootOperationNode): Promise<string[]> {
  const q = database.db.getExecutor().compileQuery(node, { queryId: 'sweep-explain' });
  const params = q.parameters as unknown[];
  if (database.raw?.kind === 'sqlite') {
    const rows = database.raw.sqlite.prepare(`explain query plan ${q.sql}`).all(...params) as {
      detail: string;
    }[];
    return [q.sql, ...rows.map((r) => r.detail)];
  }
  if (database.raw?.kind !== 'postgres') return [];
  const res = await database.raw.pool.query(`explain (analyze, buffers) ${q.sql}`, params);
  return [q.sql, ...res.rows.map((r: Record<string, string>) => r['QUERY PLAN']!)];
}

/**
 * Read each rule's window of the last day as the index on (workspace_id, field) orders it, paging by
 * (field, id), and time it: the alternative to the runtime's id-ordered pages, for comparison.
 */
async function indexOrderedFind(database: Database, workspaceId: string, rules: AutomationInput[]) {
  const { db } = database;
  const now = Date.now();
  let ms = 0;
  let found = 0;
  let queries = 0;
  for (const r of rules) {
    const t = r.definition.trigger;
    if (t.type !== 'relative_time') continue;
    const field = t.field as 'last_contact_at';
    const lo = new Date(now - DAY - t.offset.amount * DAY).toISOString();
    const hi = new Date(now - t.offset.amount * DAY).toISOString();
    let after: { at: string; id: string } | null = null;
    const start = performance.now();
    for (;;) {
      let q = db
        .selectFrom('customers')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('deleted_at', 'is', null)
        .where(field, '>', lo)
        .where(field, '<=', hi)
        .orderBy(field)
        .orderBy('id')
        .limit(1000);
      if (after) {
        const a = after;
        q = q.where((eb) =>
          eb.or([eb(field, '>', a.at), eb.and([eb(field, '=', a.at), eb('id', '>', a.id)])]),
        );
      }
      const rows = await q.execute();
      queries++;
      found += rows.length;
      if (rows.length < 1000) break;
      const last = rows[rows.length - 1]!;
      after = { at: String(last[field]), id: last.id };
    }
    ms += performance.now() - start;
  }
  return { ms: Math.round(ms), found, queries };
}

/** Runs of these automations created since `after`, and the jobs that would advance them. */
async function deleteRuns(database: Database, workspaceId: string, ids: string[], after: string) {
  if (ids.length === 0) return;
  const { db, dialect } = database;
  const runIds = new Set(
    (
      await db
        .selectFrom('automation_runs')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('automation_id', 'in', ids)
        .execute()
    ).map((r) => r.id),
  );
  const jobs = await db
    .selectFrom('jobs')
    .select(['id', 'payload'])
    .where('kind', '=', 'automation.advance')
    .where('created_at', '>=', after)
    .execute();
  const jobIds = jobs
    .filter((j) => runIds.has(String(dialect.readJson<{ runId?: string }>(j.payload)?.runId)))
    .map((j) => j.id);
  for (let i = 0; i < jobIds.length; i += 500)
    await db
      .deleteFrom('jobs')
      .where('id', 'in', jobIds.slice(i, i + 500))
      .execute();
  await db
    .deleteFrom('automation_runs')
    .where('workspace_id', '=', workspaceId)
    .where('automation_id', 'in', ids)
    .execute();
}

async function cleanUp(database: Database, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return;
  const { db } = database;
  await db
    .deleteFrom('automation_versions')
    .where('workspace_id', '=', workspaceId)
    .where('automation_id', 'in', ids)
    .execute();
  await db.deleteFrom('automations').where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  for (const table of ['audit_log', 'events'] as const)
    await db
      .deleteFrom(table)
      .where('workspace_id', '=', workspaceId)
      .where('entity', '=', 'automation')
      .where('record_id', 'in', ids)
      .execute();
}

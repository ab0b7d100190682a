import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { PERMISSIONS } from '../../packages/shared/src';
import { automationDepsFor, buildApp } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { systemActor } from '../../packages/server/src/core/actor';
import { FrozenClock } from '../../packages/server/src/core/clock';
import { openDatabase } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { loadActor } from '../../packages/server/src/modules/auth/actor-loader';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { poolDb } from '../../packages/server/src/modules/pools/pool.repository';
import { toRule } from '../../packages/server/src/modules/pools/pool-rules';
import { loadScopeMap } from '../../packages/server/src/modules/pools/pool-scope';
import { findDue, moveDue } from '../../packages/server/src/modules/pools/pool-sweep';
import { createPool } from '../../packages/server/src/modules/pools/pool.service';
import { createCap } from '../../packages/server/src/modules/pools/pool-cap.service';
import { createToken } from '../../packages/server/src/modules/tokens/token.service';
import { migrateOutOfOrder } from './pool.migrate';
import { latencyStats } from './stats';
import type { LatencyStats } from './stats';

const DAY = 86_400_000;
const run = promisify(execFile);

export interface ClaimRun {
  mode: 'closed' | 'paced';
  thinkMs: number;
  claimers: number;
  requests: number;
  perSecond: number;
  /** Every claim. */
  latency: LatencyStats;
  /** Claims of a rep's own customers, and the races for a shared one (every tenth request). */
  own: LatencyStats;
  races: LatencyStats;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}

export interface ClaimRun {
  /** closed: each claimer claims again as soon as it has its answer; paced: people pause between claims. */
  mode: 'closed' | 'paced';
  thinkMs: number;
  claimers: number;
  requests: number;
  perSecond: number;
  latency: LatencyStats;
  statuses: Record<string, number>;
  codes: Record<string, number>;
}

export interface PoolBenchResult {
  customers: number;
  owned: number;
  find: { pass: 'cold' | 'warm'; ms: number; due: number; rules: { rule: string; due: number }[] }[];
  move: {
    customers: number;
    ms: number;
    perSecond: number;
    audit: number;
    events: number;
    moves: number;
    notifications: number;
  };
  claim: ClaimRun[];
  restoreMs: number;
  loadAverage: number[];
}

/** Five rules of one pool, in force for a year: every kind, levels with their own periods, exemptions on. */
const RULES = [
  { kind: 'no_follow_up', days: 30, days_by_level: { 高价值: 60, 潜力: 45 }, warn_days: 3 },
  { kind: 'no_open_deal', days: 90, warn_days: 7 },
  { kind: 'not_won', days: 180, warn_days: 7, exempt_won: true },
  { kind: 'no_repurchase', days: 120, warn_days: 7, exempt_open_deals: true },
  { kind: 'no_follow_up', days: 90, exempt_open_deals: false },
] as const;

/**
 * `--suite pool` on the 1,000,000-customer benchmark database of one dialect: find the due customers
 * of five rules (cold, then warm), move 100,000 of them into the pool with audit, events, pool moves and
 * notices, then let 32 reps claim over HTTP. Everything is put back as it was found afterwards: the
 * moved customers' columns from a snapshot, and the rows the run wrote deleted.
 */
export async function runPoolBench(
  database: Database,
  opts: {
    moveCount: number;
    claimers: number;
    claimsEach: number;
    batchSize?: number;
    log: (s: string) => void;
  },
): Promise<PoolBenchResult> {
  const applied = await migrateOutOfOrder(database);
  if (applied.length) opts.log(`  migrated: ${applied.join(', ')}`);
  const { db } = database;
  const ws = (
    await db.selectFrom('workspaces').select('id').where('slug', '=', 'bench').executeTakeFirstOrThrow()
  ).id;
  const startedAt = new Date();
  const clock = new FrozenClock(startedAt);
  const deps = automationDepsFor({ database, clock, notifier: createLocalNotifier() }, loadConfig({}));
  const admin = systemActor(ws, PERMISSIONS, { source: 'system' });
  const root = await db
    .selectFrom('departments')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('parent_id', 'is', null)
    .executeTakeFirstOrThrow();
  // Created switched off, so that no worker on this database sweeps it; the bench calls the steps itself.
  const pool = await createPool(deps, admin, {
    name: '基准公海',
    scope: 'company',
    members: [{ type: 'department', id: root.id }],
    admin_ids: [],
    hidden_fields: ['phone'],
    daily_claim_limit: 100_000,
    cooldown_days: 30,
    enabled: false,
    rules: RULES.map((r) => ({
      warn_days: 0,
      warn_email: false,
      exempt_locked: true,
      exempt_won: false,
      exempt_open_deals: true,
      enabled: true,
      days_by_level: {},
      ...r,
    })),
  });
  const seqBefore = Number(
    (
      await db
        .selectFrom('events')
        .select(sql<number>`coalesce(max(seq), 0)`.as('s'))
        .executeTakeFirstOrThrow()
    ).s,
  );
  const tokens: string[] = [];
  try {
    // A cap on reps, so that every claim counts the claimer's customers as it would in production.
    const repRole = await db
      .selectFrom('roles')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('key', '=', 'rep')
      .executeTakeFirstOrThrow();
    await createCap(deps, admin, {
      subject_type: 'role',
      subject_id: repRole.id,
      max_customers: 1_000_000,
      count_won: true,
    });
    await db
      .updateTable('pool_recycle_rules')
      .set({ effective_from: new Date(startedAt.getTime() - 365 * DAY).toISOString() })
      .where('workspace_id', '=', ws)
      .where('pool_id', '=', pool.id)
      .execute();
    const rules = (
      await db
        .selectFrom('pool_recycle_rules')
        .selectAll()
        .where('pool_id', '=', pool.id)
        .orderBy('position')
        .execute()
    ).map((r) => toRule(database.dialect, r));
    const map = await loadScopeMap(db, ws);
    const scopePool = {
      id: pool.id,
      name: pool.name,
      scope: 'company' as const,
      department_id: null,
      source: null,
      created_at: pool.created_at,
    };
    map.pools.push(scopePool);
    map.company = scopePool;

    const counts = await sql<{
      n: number | string;
      owned: number | string;
    }>`select count(*) as n, count(owner_id) as owned
      from customers where workspace_id = ${ws} and deleted_at is null`.execute(db);
    const find: PoolBenchResult['find'] = [];
    let firstDue: Awaited<ReturnType<typeof findDue>> = [];
    for (const pass of ['cold', 'warm'] as const) {
      const t = performance.now();
      const due = await findDue(deps, ws, map, scopePool, rules, clock.now());
      const ms = Math.round(performance.now() - t);
      const per = rules.map((rule, i) => ({
        rule: `${i + 1}. ${rule.kind} ${rule.days}d`,
        due: due.filter((d) => d.rule_no === i).length,
      }));
      find.push({ pass, ms, due: due.length, rules: per });
      opts.log(
        `  find (${pass}): ${ms} ms, ${due.length} due — ${per.map((p) => `${p.rule}: ${p.due}`).join(', ')}`,
      );
      firstDue = due.filter((d) => d.rule_no === 0);
    }

    // Snapshot what the move and the claims will change, so that it can be put back exactly.
    const moving = firstDue.slice(0, opts.moveCount);
    await snapshot(
      database,
      ws,
      moving.map((r) => r.id),
    );
    const t = performance.now();
    const moved = await moveDue(deps, ws, pool, rules[0]!, moving, clock.now(), opts.batchSize ?? 1000);
    const moveMs = performance.now() - t;
    const written = await writtenRows(database, ws, startedAt.toISOString(), seqBefore, pool.id);
    opts.log(`  moved ${moved} in ${Math.round(moveMs)} ms (${JSON.stringify(written)})`);

    // The move leaves SQLite a write-ahead log of several hundred MB; folding it into the database file
    // would otherwise land on the first claims' commits. Each phase is measured on its own.
    if (database.dialect.kind === 'sqlite') await sql`pragma wal_checkpoint(truncate)`.execute(db);
    const claim = await claimLoad(
      database,
      deps,
      ws,
      pool.id,
      moving.map((r) => r.id),
      opts,
      tokens,
    );
    for (const c of claim)
      opts.log(
        `  claims (${c.mode}): p99 ${c.latency.p99} ms (own ${c.own.p99}, races ${c.races.p99}), p50 ${c.latency.p50} ms, ${c.perSecond}/s over ${c.requests} (${JSON.stringify(c.codes)})`,
      );
    const t2 = performance.now();
    await restore(database, ws, startedAt.toISOString(), seqBefore, pool.id, tokens);
    return {
      customers: Number(counts.rows[0]!.n),
      owned: Number(counts.rows[0]!.owned),
      find,
      move: {
        customers: moved,
        ms: Math.round(moveMs),
        perSecond: Math.round(moved / (moveMs / 1000)),
        ...written,
      },
      claim,
      restoreMs: Math.round(performance.now() - t2),
      loadAverage: loadavg().map((v) => Math.round(v * 10) / 10),
    };
  } catch (err) {
    await restore(database, ws, startedAt.toISOString(), seqBefore, pool.id, tokens);
    throw err;
  }
}

async function snapshot(database: Database, ws: string, ids: string[]) {
  const { db } = database;
  await sql`drop table if exists pool_bench_restore`.execute(db);
  await sql`create table pool_bench_restore as select id, owner_id, updated_at, pool_id, pool_entered_at,
    previous_owner_id, recycle_reason, released_at, times_dropped, claimed_at from customers where 1 = 0`.execute(
    db,
  );
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    await sql`insert into pool_bench_restore select id, owner_id, updated_at, pool_id, pool_entered_at,
      previous_owner_id, recycle_reason, released_at, times_dropped, claimed_at from customers
      where workspace_id = ${ws} and id in (${sql.join(part)})`.execute(db);
  }
  await sql`create unique index pool_bench_restore_id on pool_bench_restore (id)`.execute(db);
}

async function writtenRows(database: Database, ws: string, since: string, seqBefore: number, poolId: string) {
  const { db } = database;
  const n = async (q: Promise<{ n: number | string }[]>) => Number((await q)[0]?.n ?? 0);
  return {
    audit: await n(
      sql<{
        n: number;
      }>`select count(*) as n from audit_log where workspace_id = ${ws} and created_at >= ${since}
      and entity = 'customer' and record_id in (select id from pool_bench_restore)`
        .execute(db)
        .then((r) => r.rows),
    ),
    events: await n(
      sql<{ n: number }>`select count(*) as n from events where seq > ${seqBefore} and workspace_id = ${ws}`
        .execute(db)
        .then((r) => r.rows),
    ),
    moves: await n(
      sql<{
        n: number;
      }>`select count(*) as n from pool_moves where workspace_id = ${ws} and pool_id = ${poolId}`
        .execute(db)
        .then((r) => r.rows),
    ),
    notifications: await n(
      sql<{
        n: number;
      }>`select count(*) as n from notifications where workspace_id = ${ws} and created_at >= ${since}
      and kind = 'pool_recycled'`
        .execute(db)
        .then((r) => r.rows),
    ),
  };
}

/**
 * 32 reps claim over HTTP from a separate load process, each its own customers one per request, and
 * every tenth request a customer all of them want at once. Twice: closed loop (the next claim as soon
 * as the answer is back — a throughput test), then paced (a pause of 0…1 s between claims, as people
 * clicking do).
 */
async function claimLoad(
  database: Database,
  deps: ReturnType<typeof automationDepsFor>,
  ws: string,
  poolId: string,
  ids: string[],
  opts: { claimers: number; claimsEach: number },
  tokens: string[],
): Promise<ClaimRun[]> {
  const { db } = database;
  const reps = await db
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .select('u.id')
    .where('u.workspace_id', '=', ws)
    .where('r.key', '=', 'rep')
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .limit(opts.claimers)
    .execute();
  const secrets: string[] = [];
  for (const rep of reps) {
    const actor = (await loadActor(db, database.dialect, rep.id, ws, { source: 'api' }))!;
    const created = await createToken(deps, actor, { name: 'pool bench', scopes: [...actor.permissions] });
    tokens.push(created.id);
    secrets.push(created.token);
  }
  const app = await buildApp({
    deps: { ...deps, clock: { now: () => new Date() } },
    config: { ...loadConfig({}), logLevel: 'silent' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  // Claims need the pool on. Its rules are pushed a year ahead first, so that a worker sweeping this
  // database meanwhile finds nothing due in it.
  await db
    .updateTable('pool_recycle_rules')
    .set({ effective_from: new Date(Date.now() + 365 * DAY).toISOString() })
    .where('pool_id', '=', poolId)
    .execute();
  await db.updateTable('pools').set({ enabled: 1 }).where('id', '=', poolId).execute();
  const out: ClaimRun[] = [];
  let next = 0;
  try {
    for (const [mode, thinkMs] of [
      ['closed', 0],
      ['paced', 500],
    ] as const) {
      const claimers = secrets.map((token) => {
        const slice = ids.slice(next, next + opts.claimsEach);
        next += opts.claimsEach;
        return { token, ids: slice };
      });
      const hot = ids.slice(
        ids.length - 40 + (mode === 'closed' ? 0 : 20),
        ids.length - (mode === 'closed' ? 20 : 0),
      );
      const file = `/tmp/pool-bench-claims-${process.pid}.json`;
      writeFileSync(file, JSON.stringify({ base, poolId, claimers, hot, hotEvery: 10, thinkMs }));
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'bench/src/pool-claim-load.ts', file],
        {
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const r = JSON.parse(stdout) as {
        latencies: number[];
        hotLatencies: number[];
        statuses: Record<string, number>;
        codes: Record<string, number>;
        seconds: number;
      };
      const all = [...r.latencies, ...r.hotLatencies];
      out.push({
        mode,
        thinkMs,
        claimers: claimers.length,
        requests: all.length,
        perSecond: Math.round(all.length / r.seconds),
        latency: latencyStats(all),
        own: latencyStats(r.latencies),
        races: latencyStats(r.hotLatencies),
        statuses: r.statuses,
        codes: r.codes,
      });
    }
    return out;
  } finally {
    await db.updateTable('pools').set({ enabled: 0 }).where('id', '=', poolId).execute();
    await app.close();
  }
}

/** Put the customers back from the snapshot and delete every row the run wrote. */
async function restore(
  database: Database,
  ws: string,
  since: string,
  seqBefore: number,
  poolId: string,
  tokens: string[],
) {
  const { db } = database;
  const has = await sql<{
    n: number;
  }>`select count(*) as n from ${sql.table(database.dialect.kind === 'sqlite' ? 'sqlite_master' : 'pg_tables')}
    where ${sql.ref(database.dialect.kind === 'sqlite' ? 'name' : 'tablename')} = 'pool_bench_restore'`.execute(
    db,
  );
  if (Number(has.rows[0]?.n ?? 0) > 0) {
    await sql`update customers set owner_id = r.owner_id, updated_at = r.updated_at, pool_id = r.pool_id,
      pool_entered_at = r.pool_entered_at, previous_owner_id = r.previous_owner_id, recycle_reason = r.recycle_reason,
      released_at = r.released_at, times_dropped = r.times_dropped, claimed_at = r.claimed_at
      from pool_bench_restore r where customers.workspace_id = ${ws} and customers.id = r.id`.execute(db);
    await sql`delete from audit_log where workspace_id = ${ws} and created_at >= ${since} and entity = 'customer'
      and record_id in (select id from pool_bench_restore)`.execute(db);
    await sql`delete from events where workspace_id = ${ws} and entity = 'customer' and seq > ${seqBefore}
      and record_id in (select id from pool_bench_restore)`.execute(db);
    await sql`drop table pool_bench_restore`.execute(db);
  }
  await sql`delete from notifications where workspace_id = ${ws} and created_at >= ${since}
    and kind in ('pool_recycled', 'pool_recycle_warning', 'pool_assigned')`.execute(db);
  await db.deleteFrom('pool_moves').where('workspace_id', '=', ws).where('pool_id', '=', poolId).execute();
  await db.deleteFrom('pool_warnings').where('workspace_id', '=', ws).execute();
  for (const t of ['pool_members', 'pool_admins', 'pool_recycle_rules'] as const)
    await db.deleteFrom(t).where('workspace_id', '=', ws).where('pool_id', '=', poolId).execute();
  await db.deleteFrom('pools').where('workspace_id', '=', ws).where('id', '=', poolId).execute();
  await db
    .deleteFrom('owner_caps')
    .where('workspace_id', '=', ws)
    .where('subject_type', '=', 'role')
    .where('max_customers', '=', 1_000_000)
    .execute();
  if (tokens.length) {
    await db
      .deleteFrom('audit_log')
      .where('workspace_id', '=', ws)
      .where('entity', '=', 'api_token')
      .where('record_id', 'in', tokens)
      .execute();
    await db
      .deleteFrom('events')
      .where('workspace_id', '=', ws)
      .where('entity', '=', 'api_token')
      .where('record_id', 'in', tokens)
      .execute();
  }
  if (tokens.length)
    await db.deleteFrom('api_tokens').where('workspace_id', '=', ws).where('id', 'in', tokens).execute();
  // Whatever else a run left (none expected): no customer of the bench workspace is in a pool.
  const left = await poolDb(db)
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', ws)
    .where('pool_id', 'is not', null)
    .executeTakeFirstOrThrow();
  if (Number(left.n) > 0) throw new Error(`${left.n} customers still in a pool after restoring`);
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

/** The figures as docs/benchmarks.md keeps them. */
export function renderPool(runs: { kind: string; machine: string; result: PoolBenchResult }[]): string {
  const lines = [
    '| measure | target | ' +
      runs.map((r) => (r.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL')).join(' | ') +
      ' |',
    '|---|---|' + runs.map(() => '---|').join(''),
  ];
  const row = (name: string, target: string, cell: (r: PoolBenchResult) => string) =>
    lines.push(`| ${name} | ${target} | ${runs.map((r) => cell(r.result)).join(' | ')} |`);
  row(
    'find the due customers of 5 rules, cold',
    '≤ 5 s',
    (r) => `${mark(r.find[0]!.ms <= 5000)} ${(r.find[0]!.ms / 1000).toFixed(2)} s`,
  );
  row(
    'the same, warm',
    '≤ 5 s',
    (r) => `${mark(r.find[1]!.ms <= 5000)} ${(r.find[1]!.ms / 1000).toFixed(2)} s`,
  );
  row(
    'customers due (first due rule 1 … 5)',
    '—',
    (r) =>
      `${r.find[1]!.due.toLocaleString()} (${r.find[1]!.rules.map((x) => x.due.toLocaleString()).join(' / ')})`,
  );
  row(
    'move 100,000 into the pool (audit, events, moves, notices)',
    '≤ 30 s',
    (r) =>
      `${mark(r.move.ms <= 30_000)} ${(r.move.ms / 1000).toFixed(1)} s (${r.move.perSecond.toLocaleString()}/s)`,
  );
  row(
    'rows written by the move: audit / events / pool moves / notices',
    '—',
    (r) =>
      `${r.move.audit.toLocaleString()} / ${r.move.events.toLocaleString()} / ${r.move.moves.toLocaleString()} / ${r.move.notifications}`,
  );
  for (const mode of ['paced', 'closed'] as const) {
    const c = (r: PoolBenchResult) => r.claim.find((x) => x.mode === mode)!;
    const paced = mode === 'paced';
    row(
      paced
        ? 'claim, 32 concurrent claimers pausing 0–1 s between claims: p99'
        : 'claim, 32 claimers back to back (closed loop): p99',
      paced ? '≤ 50 ms' : '—',
      (r) =>
        `${paced ? mark(c(r).latency.p99 <= 50) + ' ' : ''}${c(r).latency.p99} ms (p50 ${c(r).latency.p50}, ${c(r).perSecond} claims/s)`,
    );
    row(
      `… of which own customers / races for a shared one: p99 (${mode})`,
      '—',
      (r) => `${c(r).own.p99} ms / ${c(r).races.p99} ms`,
    );
  }
  row('claims: requests / answers (paced + closed)', '—', (r) =>
    r.claim
      .map(
        (c) =>
          `${c.requests}: ${Object.entries(c.statuses)
            .map(([k, v]) => `${v}×${k}`)
            .join(', ')}`,
      )
      .join(' + '),
  );
  return lines.join('\n');
}

export function saveResult(kind: string, machine: string, result: PoolBenchResult) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/pool-${kind}.json`,
    JSON.stringify({ kind, machine, at: new Date().toISOString(), result }, null, 2),
  );
}

/** `npm run bench -- --suite pool --dialect sqlite|postgres`: run on the seeded bench database, keep the JSON, print the table. */
export async function runPoolSuite(
  kind: DialectKind,
  opts: { sqlitePath: string; pgUrl: () => string; pgDb: string; machine: string },
): Promise<void> {
  let database: Database;
  if (kind === 'sqlite') database = openDatabase({ sqlitePath: opts.sqlitePath });
  else {
    const url = new URL(opts.pgUrl());
    url.pathname = `/${opts.pgDb}`;
    database = openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  }
  try {
    console.log(`[${kind}] public pool: find, move 100,000, 32 claimers…`);
    const result = await runPoolBench(database, {
      moveCount: 100_000,
      claimers: 32,
      claimsEach: 40,
      log: (s) => console.log(s),
    });
    saveResult(kind, opts.machine, result);
    console.log(renderPool([{ kind, machine: opts.machine, result }]));
  } finally {
    await database.close();
  }
}

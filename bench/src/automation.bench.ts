import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { automationDepsFor } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { latencyStats } from './stats';
import type { LatencyStats } from './stats';
import { SqlCounter, countedDatabase } from './automation.sql-counter';
import { applyEdit } from './automation.workspace';
import type { BenchWorkspace } from './automation.workspace';
import { inProcessWorker, workerProcesses } from './automation.workers';
import type { Workers } from './automation.workers';

export interface ThroughputResult {
  workers: number;
  where: 'in-process' | 'processes';
  events: number;
  /** Every event written by the edits (owner changes write two) and by the effects themselves. */
  eventsDispatched: number;
  produceSeconds: number;
  seconds: number;
  eventsPerSecond: number;
  /** Until every event (effects' own included) is dispatched and the queue is empty. */
  idleSeconds: number;
  /** CPU time of the worker process(es) until the effects were done (not PostgreSQL's own). */
  workerCpuSeconds: number;
  /** Events per second of worker CPU: what one dedicated core would do, whatever else ran. */
  eventsPerCpuSecond: number;
  /** PostgreSQL server processes' CPU over the same time (all databases of the cluster). */
  postgresCpuSeconds?: number;
  /** Every two seconds until done. */
  progress: ProgressPoint[];
  failedRuns: number;
  statements?: {
    perEvent: number;
    transactionsPerEvent: number;
    top: { statement: string; count: number; ms: number; rows: number; failed: number }[];
  };
  loadAverage: number[];
}

export interface LatencyResult {
  workers: number;
  targetRate: number;
  achievedRate: number;
  events: number;
  /** How late the producer started edits against its schedule (ms). */
  producerLagP99: number;
  editMs: LatencyStats;
  /** Event written → the effect's step committed. */
  effect: LatencyStats;
  /** Event written → the run marked completed. */
  run: LatencyStats;
  failedRuns: number;
  loadAverage: number[];
}

async function runCounts(ws: BenchWorkspace) {
  const rows = await ws.database.db
    .selectFrom('automation_runs')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('workspace_id', '=', ws.workspaceId)
    .where('automation_id', 'in', ws.matchingIds)
    .groupBy('status')
    .execute();
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]));
  return { completed: by.get('completed') ?? 0, failed: (by.get('failed') ?? 0) + (by.get('stopped') ?? 0) };
}

async function backlog(ws: BenchWorkspace): Promise<{ events: number; jobs: number }> {
  const { db } = ws.database;
  const e = await db
    .selectFrom('events')
    .select(sql<number>`count(*)`.as('n'))
    .where('dispatched_at', 'is', null)
    .executeTakeFirstOrThrow();
  const j = await db
    .selectFrom('jobs')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return { events: Number(e.n), jobs: Number(j.n) };
}

async function maxSeq(ws: BenchWorkspace): Promise<number> {
  const r = await ws.database.db
    .selectFrom('events')
    .select(sql<number>`max(seq)`.as('s'))
    .executeTakeFirstOrThrow();
  return Number(r.s ?? 0);
}

/**
 * Wait until `expected` more matching runs have completed than at `base`, then until nothing is left
 * to dispatch or run. Gives up when nothing moves for a minute.
 */
/** Where a backlog stands, every few seconds: effects committed, events not dispatched, jobs queued. */
export interface ProgressPoint {
  s: number;
  effects: number;
  undispatched: number;
  jobs: number;
}

async function waitForEffects(
  ws: BenchWorkspace,
  base: number,
  expected: number,
  t0: number,
  workers: Workers,
) {
  let done = -1;
  let doneAt = 0;
  let cpuAtDone = 0;
  let serverAtDone = 0;
  let last = { completed: 0, at: performance.now() };
  const progress: ProgressPoint[] = [];
  for (let i = 1; ; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const c = await runCounts(ws);
    const now = performance.now();
    if (c.completed !== last.completed) last = { completed: c.completed, at: now };
    if (done < 0 && i % 20 === 0) {
      const b = await backlog(ws);
      progress.push({
        s: round((now - t0) / 1000),
        effects: c.completed - base,
        undispatched: b.events,
        jobs: b.jobs,
      });
    }
    if (done < 0 && c.completed - base >= expected) {
      done = now - t0;
      doneAt = now;
      cpuAtDone = workers.cpuSeconds();
      serverAtDone = workers.serverCpuSeconds?.() ?? 0;
    }
    if (done >= 0) {
      const b = await backlog(ws);
      if ((b.events === 0 && b.jobs === 0) || now - doneAt > 60_000)
        return { doneMs: done, idleMs: now - t0, cpuAtDone, serverAtDone, progress };
    } else if (now - last.at > 60_000) {
      throw new Error(
        `stalled: ${c.completed - base}/${expected} effects after ${Math.round((now - t0) / 1000)} s (${c.failed} failed runs)`,
      );
    }
  }
}

/**
 * Throughput: write `events` customer edits in one transaction through the customer service, then
 * time from its commit until every effect is committed by the worker(s).
 */
export async function measureThroughput(
  ws: BenchWorkspace,
  opts: { events: number; workers: number; profile?: string },
): Promise<ThroughputResult> {
  const base = await runCounts(ws);
  const seq0 = await maxSeq(ws);
  let workers: Workers | null = null;
  if (ws.kind === 'postgres') workers = await workerProcesses(ws, opts.workers);

  const t = performance.now();
  await ws.database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < opts.events; i++) await applyEdit(ws, ws.plan.next(), trx);
  });
  const produceSeconds = (performance.now() - t) / 1000;

  const counter = new SqlCounter();
  let session: Session | null = null;
  const t0 = performance.now();
  if (!workers) {
    const auto = automationDepsFor(
      { ...ws.deps, database: countedDatabase(ws.database, counter) },
      loadConfig({}),
    );
    if (opts.profile) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
    }
    workers = inProcessWorker(auto);
  }
  const cpu0 = workers.cpuSeconds();
  const server0 = workers.serverCpuSeconds?.() ?? 0;
  const { doneMs, idleMs, cpuAtDone, serverAtDone, progress } = await waitForEffects(
    ws,
    base.completed,
    opts.events,
    t0,
    workers,
  );
  const statements = counter.total();
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(opts.profile!, JSON.stringify(profile));
    session.disconnect();
  }
  await workers.stop();
  const after = await runCounts(ws);
  const seconds = doneMs / 1000;
  return {
    workers: workers.count,
    where: ws.kind === 'sqlite' ? 'in-process' : 'processes',
    events: opts.events,
    eventsDispatched: (await maxSeq(ws)) - seq0,
    produceSeconds: round(produceSeconds),
    seconds: round(seconds),
    eventsPerSecond: Math.round(opts.events / seconds),
    idleSeconds: round(idleMs / 1000),
    workerCpuSeconds: round(cpuAtDone - cpu0),
    eventsPerCpuSecond: Math.round(opts.events / (cpuAtDone - cpu0)),
    ...(workers.serverCpuSeconds ? { postgresCpuSeconds: round(serverAtDone - server0) } : {}),
    failedRuns: after.failed - base.failed,
    progress,
    ...(statements.count
      ? {
          statements: {
            perEvent: round(statements.count / opts.events),
            transactionsPerEvent: round(counter.transactions / opts.events),
            top: counter.snapshot(),
          },
        }
      : {}),
    loadAverage: loadavg().map(round),
  };
}

/**
 * Latency: edits at a steady `rate` for `seconds` (each its own transaction, up to 64 in flight) while
 * the worker(s) run; latency is from the event's created_at to the effect's step finished_at.
 */
export async function measureLatency(
  ws: BenchWorkspace,
  opts: { rate: number; seconds: number; workers: number },
): Promise<LatencyResult> {
  const base = await runCounts(ws);
  const seq0 = await maxSeq(ws);
  const since = new Date().toISOString();
  const workers =
    ws.kind === 'postgres'
      ? await workerProcesses(ws, opts.workers)
      : inProcessWorker(automationDepsFor(ws.deps, loadConfig({})));

  const n = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const lags: number[] = [];
  const editMs: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const t0 = performance.now();
  for (let k = 0; k < n; k++) {
    const due = t0 + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= 64) await Promise.race(inFlight);
    const started = performance.now();
    lags.push(Math.max(0, started - due));
    const p: Promise<void> = applyEdit(ws, ws.plan.next()).then(
      () => {
        editMs.push(performance.now() - started);
        inFlight.delete(p);
      },
      (err: unknown) => {
        failures.push(err);
        inFlight.delete(p);
      },
    );
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failures.length) throw new Error(`${failures.length} edits failed, the first: ${String(failures[0])}`);
  const produced = (performance.now() - t0) / 1000;
  await waitForEffects(ws, base.completed, n, t0, workers);
  await workers.stop();

  const { db } = ws.database;
  const events = await db
    .selectFrom('events')
    .select(['id', 'created_at'])
    .where('workspace_id', '=', ws.workspaceId)
    .where('seq', '>', seq0)
    .execute();
  const created = new Map(events.map((e) => [e.id, Date.parse(e.created_at)]));
  const runs = await db
    .selectFrom('automation_runs as r')
    .innerJoin('automation_run_steps as s', (j) =>
      j.onRef('s.workspace_id', '=', 'r.workspace_id').onRef('s.run_id', '=', 'r.id'),
    )
    .select(['r.trigger_key', 'r.finished_at', 's.finished_at as step_at'])
    .where('r.workspace_id', '=', ws.workspaceId)
    .where('r.automation_id', 'in', ws.matchingIds)
    .where('r.created_at', '>=', since)
    .execute();
  const effect: number[] = [];
  const run: number[] = [];
  for (const r of runs) {
    const at = created.get(r.trigger_key);
    if (at === undefined) continue;
    if (r.step_at) effect.push(Date.parse(r.step_at) - at);
    if (r.finished_at) run.push(Date.parse(r.finished_at) - at);
  }
  const after = await runCounts(ws);
  return {
    workers: workers.count,
    targetRate: opts.rate,
    achievedRate: Math.round(n / produced),
    events: n,
    producerLagP99: latencyStats(lags).p99,
    editMs: latencyStats(editMs),
    effect: latencyStats(effect),
    run: latencyStats(run),
    failedRuns: after.failed - base.failed,
    loadAverage: loadavg().map(round),
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

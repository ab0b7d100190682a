import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { measureLatency, measureThroughput } from './automation.bench';
import type { LatencyResult, ThroughputResult } from './automation.bench';
import { measureSweep } from './automation.sweep';
import type { SweepResult } from './automation.sweep';
import { createBenchWorkspace } from './automation.workspace';

export interface AutomationSuiteOptions {
  dialects: DialectKind[];
  /** Any of throughput, latency, sweep. */
  parts: string[];
  events: number;
  rate: number;
  seconds: number;
  dir: string;
  pgUrl: () => string;
  /** The seeded 1,000,000-customer databases the sweep runs on. */
  sweepSqlitePath: string;
  sweepPgDb: string;
  machine: string;
}

export interface AutomationResult {
  kind: DialectKind;
  machine: string;
  at: string;
  automations?: number;
  workspaceCustomers?: number;
  throughput?: ThroughputResult[];
  latency?: LatencyResult;
  sweep?: SweepResult;
}

const resultFile = (kind: DialectKind) => `bench/results/automation-${kind}.json`;

/**
 * `--suite automation`: engine throughput and latency on a fresh 5,000-customer workspace with 100
 * automations, and the relative-time sweep on the 1,000,000-customer benchmark databases.
 * TIDELINE_BENCH_PROFILE=<file> writes a CPU profile of the SQLite throughput run.
 */
export async function runAutomationSuite(o: AutomationSuiteOptions): Promise<void> {
  mkdirSync('bench/results', { recursive: true });
  for (const kind of o.dialects) {
    const previous = existsSync(resultFile(kind))
      ? (JSON.parse(readFileSync(resultFile(kind), 'utf8')) as AutomationResult)
      : null;
    const result: AutomationResult = { ...previous, kind, machine: o.machine, at: new Date().toISOString() };
    if (o.parts.includes('throughput') || o.parts.includes('latency')) {
      console.log(`[${kind}] seeding the automation workspace…`);
      const ws = await createBenchWorkspace(kind, o.dir, kind === 'postgres' ? o.pgUrl() : '');
      result.automations = ws.automations;
      result.workspaceCustomers = ws.seeding.customers;
      try {
        if (o.parts.includes('throughput')) {
          result.throughput = [];
          for (const workers of kind === 'sqlite' ? [1] : [1, 2]) {
            console.log(`[${kind}] throughput, ${o.events} events, ${workers} worker(s)…`);
            const r = await measureThroughput(ws, {
              events: o.events,
              workers,
              ...(kind === 'sqlite' && process.env.TIDELINE_BENCH_PROFILE
                ? { profile: process.env.TIDELINE_BENCH_PROFILE }
                : {}),
            });
            console.log(JSON.stringify({ ...r, statements: r.statements?.perEvent }));
            result.throughput.push(r);
          }
        }
        if (o.parts.includes('latency')) {
          console.log(`[${kind}] latency at ${o.rate} events/s for ${o.seconds} s…`);
          result.latency = await measureLatency(ws, {
            rate: o.rate,
            seconds: o.seconds,
            workers: kind === 'sqlite' ? 1 : 2,
          });
          console.log(JSON.stringify(result.latency));
        }
      } finally {
        await ws.database.close();
      }
    }
    if (o.parts.includes('sweep')) {
      console.log(`[${kind}] relative-time sweep on the 1,000,000-customer database…`);
      const database = await openSweepDatabase(kind, o);
      try {
        result.sweep = await measureSweep(database);
        console.log(JSON.stringify(result.sweep, null, 1));
      } finally {
        await database.close();
      }
    }
    writeFileSync(resultFile(kind), JSON.stringify(result, null, 2));
  }
  console.log(renderAutomation());
}

async function openSweepDatabase(kind: DialectKind, o: AutomationSuiteOptions): Promise<Database> {
  if (kind === 'sqlite') {
    if (!existsSync(o.sweepSqlitePath)) throw new Error(`no benchmark database at ${o.sweepSqlitePath}`);
    return openDatabase({ sqlitePath: o.sweepSqlitePath });
  }
  const u = new URL(o.pgUrl());
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [o.sweepPgDb]);
  await admin.end();
  if (exists.rowCount === 0) throw new Error(`no benchmark database ${o.sweepPgDb}`);
  u.pathname = `/${o.sweepPgDb}`;
  return openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
}

/** The results table for docs/benchmarks.md, from the last result file of each dialect. */
export function renderAutomation(): string {
  const load = (k: DialectKind) =>
    existsSync(resultFile(k)) ? (JSON.parse(readFileSync(resultFile(k), 'utf8')) as AutomationResult) : null;
  const s = load('sqlite');
  const p = load('postgres');
  const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? '✅ ' : '❌ ');
  const tp = (r: AutomationResult | null, workers: number) =>
    r?.throughput?.find((t) => t.workers === workers);
  const fmt = (t: ThroughputResult | undefined, target: number | null) =>
    t
      ? `${mark(target === null ? undefined : t.eventsPerSecond >= target)}${t.eventsPerSecond.toLocaleString('en-US')}/s (${t.events.toLocaleString('en-US')} in ${t.seconds} s)`
      : '—';
  const lat = (r: AutomationResult | null) =>
    r?.latency
      ? `${mark(r.latency.effect.p99 <= 1000 && r.latency.achievedRate >= r.latency.targetRate * 0.95)}p99 ${fmt1(r.latency.effect.p99)} (p50 ${fmt1(r.latency.effect.p50)}, p95 ${fmt1(r.latency.effect.p95)}, max ${fmt1(r.latency.effect.max)}) at ${r.latency.achievedRate}/s`
      : '—';
  const sweep = (r: AutomationResult | null, which: 'cold' | 'warm') => {
    const x = r?.sweep?.passes[which];
    return x
      ? `${mark(x.findMs <= 2000)}find ${fmt1(x.findMs)}, with runs ${fmt1(x.totalMs)} (${x.found.toLocaleString('en-US')} due)`
      : '—';
  };
  return [
    '| measure | target | SQLite | PostgreSQL |',
    '|---|---|---|---|',
    `| throughput, 1 worker | ≥ 2,000/s (SQLite) | ${fmt(tp(s, 1), 2000)} | ${fmt(tp(p, 1), null)} |`,
    `| throughput, 2 worker processes | ≥ 3,000/s (PostgreSQL) | — | ${fmt(tp(p, 2), 3000)} |`,
    `| event → effect at 500 events/s | p99 ≤ 1 s | ${lat(s)} | ${lat(p)} |`,
    `| sweep, 10 rules × 1,000,000 customers, cold | find ≤ 2 s | ${sweep(s, 'cold')} | ${sweep(p, 'cold')} |`,
    `| the same, warm | find ≤ 2 s | ${sweep(s, 'warm')} | ${sweep(p, 'warm')} |`,
  ].join('\n');
}

function fmt1(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

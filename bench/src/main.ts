import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, migrateToLatest } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { generateWorkspace } from '../../packages/server/src/seed/generate';
import { runFoundationBench } from './foundation.bench';
import { renderFoundation } from './report';
import type { Seeding } from './report';
import { runWebSuite } from './web-report';
import { renderConditions, runConditionsBench } from './conditions.bench';
import { runAutomationSuite } from './automation.suite';
import { runImportBench } from './import.bench';
import { runPoolSuite } from './pool.bench';
import { runDedupeSuite } from './dedupe.bench';

const { values: args } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'both' },
    customers: { type: 'string', default: '1000000' },
    seconds: { type: 'string', default: '10' },
    samples: { type: 'string', default: '1000' },
    dir: { type: 'string', default: '/tmp/tideline-bench' },
    'pg-url': { type: 'string' },
    'sqlite-path': { type: 'string' },
    'pg-db': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    suite: { type: 'string', default: 'foundation' },
    'web-samples': { type: 'string', default: '40' },
    records: { type: 'string', default: '100000' },
    // --suite import: the generated file's seed (a new seed imports new rows into the kept workspace).
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    // --suite automation: backlog size, latency producer rate and duration, which parts to run.
    events: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '500' },
    'latency-seconds': { type: 'string', default: '20' },
    parts: { type: 'string', default: 'throughput,latency,sweep' },
    // --suite dedupe: companies in the generated quality set (parts: quality,scan).
    companies: { type: 'string', default: '20000' },
  },
});

const customers = Number(args.customers);
const slug = 'bench';
mkdirSync(args.dir!, { recursive: true });

/** Open the benchmark database for a dialect, seeding it when it holds no benchmark workspace yet. */
async function prepare(
  kind: DialectKind,
): Promise<{ database: Database; workspaceId: string; seeding: Seeding | null }> {
  let database: Database;
  if (kind === 'sqlite') {
    const path = args['sqlite-path'] ?? `${args.dir}/bench-${customers}.db`;
    if (args.fresh && existsSync(path))
      for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) execFileSync('rm', ['-f', f]);
    database = openDatabase({ sqlitePath: path });
  } else {
    const url = args['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? startCluster();
    const dbName = args['pg-db'] ?? `tideline_bench_${customers}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    if (args.fresh) await admin.query(`drop database if exists ${dbName} with (force)`);
    const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
    if (exists.rowCount === 0) await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${dbName}`;
    database = openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
  }
  await migrateToLatest(database);
  const existing = await database.db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (existing) return { database, workspaceId: existing.id, seeding: null };
  console.log(`[${kind}] seeding ${customers.toLocaleString()} customers…`);
  let last = 0;
  const result = await generateWorkspace(database, {
    customers,
    slug,
    name: '基准测试公司',
    onProgress: (p) => {
      if (p.elapsedMs - last > 10_000) {
        last = p.elapsedMs;
        console.log(
          `  ${p.phase} ${p.done.toLocaleString()}/${p.total.toLocaleString()} · ${Math.round(p.rowsPerSecond).toLocaleString()} rows/s`,
        );
      }
    },
  });
  return {
    database,
    workspaceId: result.workspaceId,
    seeding: {
      counts: result.counts,
      businessRows: result.businessRows,
      seconds: Math.round(result.timing.dataMs / 100) / 10,
      rowsPerSecond: Math.round(result.timing.businessRowsPerSecond),
      // Where the time went: writing rows, then each step of finishing the load (index builds…).
      writeSeconds: Math.round(result.timing.writeMs / 100) / 10,
      steps: Object.fromEntries(result.timing.steps.map((s) => [s.step, Math.round(s.ms / 100) / 10])),
    },
  };
}

function startCluster(): string {
  const dir = `${args.dir}/pg`;
  return execFileSync('bash', ['scripts/pg-cluster.sh', 'start', dir, '55432'], {
    env: { ...process.env, TIDELINE_PG_DURABLE: '1' },
  })
    .toString()
    .trim();
}

// The conditions suite is pure computation and opens no database.
const kinds: DialectKind[] =
  args.suite === 'conditions' || args.suite === 'automation' || args.suite === 'dedupe'
    ? []
    : args.dialect === 'both'
      ? ['sqlite', 'postgres']
      : [args.dialect as DialectKind];
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`Machine: ${machine}`);
if (args.suite === 'conditions') {
  const result = await runConditionsBench({ records: Number(args.records) });
  mkdirSync('bench/results', { recursive: true });
  const out = { machine, at: new Date().toISOString(), result };
  writeFileSync(`bench/results/conditions-${result.records}.json`, JSON.stringify(out, null, 2));
  console.log(renderConditions(result, machine));
}
if (args.suite === 'automation') {
  await runAutomationSuite({
    dialects: args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as DialectKind],
    parts: args.parts!.split(','),
    events: Number(args.events),
    rate: Number(args.rate),
    seconds: Number(args['latency-seconds']),
    dir: args.dir!,
    pgUrl: () => args['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? startCluster(),
    sweepSqlitePath: args['sqlite-path'] ?? `${args.dir}/bench-${customers}.db`,
    sweepPgDb: args['pg-db'] ?? `tideline_bench_${customers}`,
    machine,
  });
}
if (args.suite === 'dedupe') {
  const parts = /quality|scan/.test(args.parts!) ? args.parts!.split(',') : ['quality', 'scan'];
  const result = await runDedupeSuite({
    dialects: args.dialect === 'both' ? ['sqlite', 'postgres'] : [args.dialect as DialectKind],
    parts,
    companies: Number(args.companies),
    sqlitePath: args['sqlite-path'] ?? `${args.dir}/bench-${customers}.db`,
    pgUrl: () => args['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? startCluster(),
    pgDb: args['pg-db'] ?? `tideline_bench_${customers}`,
    slug,
    machine,
  });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(
    `bench/results/dedupe-${parts.join('-')}.json`,
    JSON.stringify({ machine, at: new Date().toISOString(), ...result }, null, 2),
  );
}
for (const kind of kinds) {
  // The pool suite opens the seeded bench databases itself: they need migrations out of order.
  if (args.suite === 'pool') {
    await runPoolSuite(kind, {
      sqlitePath: args['sqlite-path'] ?? `${args.dir}/bench-${customers}.db`,
      pgUrl: () => args['pg-url'] ?? process.env.BENCH_DATABASE_URL ?? startCluster(),
      pgDb: args['pg-db'] ?? `tideline_bench_${customers}`,
      machine,
    });
    continue;
  }
  const { database, workspaceId, seeding } = await prepare(kind);
  if (args.suite === 'import') {
    // Imports --records generated rows into the bench workspace (it keeps them: the next run imports
    // against a database that much larger).
    const result = await runImportBench({
      database,
      workspaceId,
      rows: Number(args.records),
      seed: Number(args.seed),
      log: (line) => console.log(`[${kind}] ${line}`),
    });
    mkdirSync('bench/results', { recursive: true });
    const out = { kind, customers, machine, at: new Date().toISOString(), result };
    writeFileSync(`bench/results/import-${kind}-${customers}.json`, JSON.stringify(out, null, 2));
    console.log(`[${kind}] import: ${JSON.stringify(result)}`);
    await database.close();
    continue;
  }
  if (args.suite === 'web') {
    await runWebSuite(kind, database, workspaceId, {
      customers,
      machine,
      samples: Number(args['web-samples']),
    });
    await database.close();
    continue;
  }
  const result = await runFoundationBench(database, workspaceId, {
    seconds: Number(args.seconds),
    samples: Number(args.samples),
  });
  const out = { kind, customers, machine, at: new Date().toISOString(), seeding, result };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/foundation-${kind}-${customers}.json`, JSON.stringify(out, null, 2));
  console.log(renderFoundation(out));
  await database.close();
}

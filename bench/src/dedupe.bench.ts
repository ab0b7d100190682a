import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, migrateToLatest } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { FrozenClock } from '../../packages/server/src/core/clock';
import { newId } from '../../packages/server/src/core/ids';
import { systemActor } from '../../packages/server/src/core/actor';
import { PERMISSIONS } from '@tideline/shared';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { createWorkspace } from '../../packages/server/src/modules/workspaces/workspace.service';
import { rebuildDuplicateKeys } from '../../packages/server/src/modules/dedupe/dedupe-rebuild';
import { groupsAt, scanDuplicates } from '../../packages/server/src/modules/dedupe/dedupe-scan';
import type { ScanResult } from '../../packages/server/src/modules/dedupe/dedupe-scan';
import { checkDuplicates } from '../../packages/server/src/modules/dedupe/dedupe-check.service';
import { DUPLICATE_KINDS, generateDuplicateSet, truePairs } from './dedupe.dataset';
import { migrateOutOfOrder } from './pool.migrate';
import { latencyStats } from './stats';

export interface QualityResult {
  records: number;
  duplicates: number;
  truePairs: number;
  at: { threshold: number; precision: number; recall: number; predictedPairs: number }[];
  recallByKind: Record<string, { found: number; of: number }>;
  ms: { keys: number; scan: number };
}

/** Pairs inside each group at or above the threshold. */
function predicted(scan: ScanResult, indexOf: Map<string, number>, threshold: number) {
  const pairs = new Set<string>();
  for (const g of groupsAt(scan, threshold)) {
    const xs = g.record_ids.map((id) => indexOf.get(id)!).sort((a, b) => a - b);
    for (let a = 0; a < xs.length; a++)
      for (let b = a + 1; b < xs.length; b++) pairs.add(`${xs[a]}:${xs[b]}`);
  }
  return pairs;
}

/** Precision and recall of the finder on a generated list with known duplicates (SQLite, in memory). */
export async function runQuality(opts: {
  companies: number;
  duplicates: number;
  seed?: number;
}): Promise<QualityResult> {
  const data = generateDuplicateSet(opts);
  const database = openDatabase({ sqlitePath: ':memory:' });
  await migrateToLatest(database);
  const deps = { database, clock: new FrozenClock('2026-11-23T02:00:00Z'), notifier: createLocalNotifier() };
  const ws = await createWorkspace(deps, {
    name: '查重基准',
    slug: `dq-${randomBytes(3).toString('hex')}`,
    admin: { email: 'a@dq.cn', name: '管理员', password: 'admin-pass-123' },
  });
  const ids = data.map(() => newId());
  const now = '2026-11-23T02:00:00.000Z';
  const rows = data.map((x, i) => ({
    id: ids[i]!,
    workspace_id: ws.workspaceId,
    name: x.name,
    phone: x.phone,
    email: x.email,
    status: 'potential',
    custom: '{}',
    owner_id: ws.adminUserId,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 2_000)
    await database.db
      .insertInto('customers')
      .values(rows.slice(i, i + 2_000) as never)
      .execute();
  let t = performance.now();
  await rebuildDuplicateKeys(database, ws.workspaceId, { entities: ['customer'] });
  const keysMs = performance.now() - t;
  t = performance.now();
  const scan = await scanDuplicates(database.db, ws.workspaceId, 'customer', { minConfidence: 0.6 });
  const scanMs = performance.now() - t;
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const truth = truePairs(data);
  const at = [0.8, 0.9, 0.95].map((threshold) => {
    const pred = predicted(scan, indexOf, threshold);
    let hit = 0;
    for (const p of pred) if (truth.has(p)) hit++;
    return {
      threshold,
      precision: Math.round((hit / Math.max(1, pred.size)) * 1000) / 1000,
      recall: Math.round((hit / truth.size) * 1000) / 1000,
      predictedPairs: pred.size,
    };
  });
  // Recall per kind of copy, at the finder's default threshold: was the copy grouped with its original?
  const pred = predicted(scan, indexOf, 0.8);
  const recallByKind: QualityResult['recallByKind'] = {};
  for (const kind of DUPLICATE_KINDS) recallByKind[kind] = { found: 0, of: 0 };
  const original = new Map<number, number>();
  data.forEach((x, i) => x.kind === 'original' && original.set(x.company, i));
  data.forEach((x, i) => {
    if (x.kind === 'original' || x.kind === 'lookalike') return;
    const o = original.get(x.company)!;
    const k = recallByKind[x.kind]!;
    k.of++;
    if (pred.has(`${Math.min(o, i)}:${Math.max(o, i)}`)) k.found++;
  });
  if (process.env.DEDUPE_DEBUG) {
    const conf = new Map<string, number>();
    for (const g of groupsAt(scan, 0.6)) {
      const xs = g.record_ids.map((id) => indexOf.get(id)!).sort((a, b) => a - b);
      for (let a = 0; a < xs.length; a++)
        for (let b = a + 1; b < xs.length; b++) conf.set(`${xs[a]}:${xs[b]}`, g.confidence);
    }
    const show = (p: string) => {
      const [a, b] = p.split(':').map(Number);
      const x = data[a!]!;
      const y = data[b!]!;
      return `${x.name}|${x.phone}|${x.email}  ~  ${y.name}|${y.phone}|${y.email} [${y.kind}] conf=${conf.get(p) ?? '-'}`;
    };
    console.log('FALSE POSITIVES');
    [...pred]
      .filter((p) => !truth.has(p))
      .slice(0, 25)
      .forEach((p) => console.log(show(p)));
    console.log('MISSED');
    [...truth]
      .filter((p) => !pred.has(p))
      .slice(0, 40)
      .forEach((p) => console.log(show(p)));
  }
  await database.close();
  return {
    records: data.length,
    duplicates: opts.duplicates,
    truePairs: truth.size,
    at,
    recallByKind,
    ms: { keys: Math.round(keysMs), scan: Math.round(scanMs) },
  };
}

export interface ScanBenchResult {
  kind: DialectKind;
  customers: number;
  migrationMs: number | null;
  keys: { records: number; keys: number; ms: number | null };
  scan: { ms: number; groups: number; byConfidence: Record<string, number>; stats: ScanResult['stats'] };
  check: { p50: number; p95: number; p99: number; samples: number };
}

/** The 1M-customer benchmark database of a dialect (never re-seeded here). */
function openBenchDb(kind: DialectKind, opts: { sqlitePath: string; pgUrl: string; pgDb: string }): Database {
  if (kind === 'sqlite') return openDatabase({ sqlitePath: opts.sqlitePath });
  const u = new URL(opts.pgUrl);
  u.pathname = `/${opts.pgDb}`;
  return openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
}

/**
 * Keys and a full duplicate scan over the benchmark workspace's customers: the migration (which builds
 * the keys of existing records) when still pending, the bulk rebuild of the customer keys, the scan,
 * and the check a create runs (indexed look-ups, fuzzy name included).
 */
export async function runScan(
  kind: DialectKind,
  opts: { sqlitePath: string; pgUrl: string; pgDb: string; slug: string; rebuild: boolean },
): Promise<ScanBenchResult> {
  const database = openBenchDb(kind, opts);
  let t = performance.now();
  const applied = await migrateOutOfOrder(database, '2026-11-23-0120-dedupe');
  const migrationMs = applied.includes('2026-11-23-0120-dedupe') ? Math.round(performance.now() - t) : null;
  const ws = await database.db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', opts.slug)
    .executeTakeFirstOrThrow();
  // The migration built the keys; the bulk rebuild is the maintenance path, timed when asked for.
  const [rebuild] = opts.rebuild
    ? await rebuildDuplicateKeys(database, ws.id, { entities: ['customer'], large: true })
    : [null];
  const { rows: counted } = await sql<{ n: number | string }>`select count(*) as n from dedupe_keys
    where workspace_id = ${ws.id} and entity = 'customer'`.execute(database.db);
  t = performance.now();
  const scan = await scanDuplicates(database.db, ws.id, 'customer', { minConfidence: 0.6 });
  const scanMs = Math.round(performance.now() - t);
  const byConfidence: Record<string, number> = {};
  for (const at of [0.95, 0.8, 0.6]) byConfidence[`≥ ${at}`] = groupsAt(scan, at).length;

  // The check on create: names of existing customers with a typo, so the fuzzy look-up has work to do.
  const { rows: sample } = await sql<{
    name: string;
  }>`select name from customers where workspace_id = ${ws.id}
    order by id limit 200 offset 5000`.execute(database.db);
  const deps = { database, clock: new FrozenClock('2026-11-23T02:00:00Z'), notifier: createLocalNotifier() };
  const actor = systemActor(ws.id, PERMISSIONS);
  const samples: number[] = [];
  for (const { name } of sample) {
    const typo = `${name.slice(0, 3)}兴${name.slice(4)}`;
    const started = performance.now();
    await database.db
      .transaction()
      .execute(async (trx) => {
        await checkDuplicates(trx, deps, actor, 'customer', {
          id: newId(),
          name: typo,
          phone: null,
          email: null,
          custom: {},
        });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    samples.push(performance.now() - started);
  }
  await database.close();
  const stats = latencyStats(samples);
  return {
    kind,
    customers: scan.stats.records,
    migrationMs,
    keys: {
      records: rebuild?.records ?? scan.stats.records,
      keys: Number(counted[0]?.n ?? 0),
      ms: rebuild?.ms ?? null,
    },
    scan: { ms: scanMs, groups: byConfidence['≥ 0.8']!, byConfidence, stats: scan.stats },
    check: { p50: stats.p50, p95: stats.p95, p99: stats.p99, samples: samples.length },
  };
}

const mark = (ok: boolean) => (ok ? '✅' : '❌');

export function renderQuality(q: QualityResult, machine: string): string {
  const lines = [
    `### Duplicate finder quality — ${q.records.toLocaleString()} customers, ${q.duplicates.toLocaleString()} injected copies`,
    `Machine: ${machine}. ${q.truePairs.toLocaleString()} true pairs; keys ${q.ms.keys} ms, scan ${q.ms.scan} ms.`,
    '',
    '| groups at confidence ≥ | precision (target ≥ 0.98) | recall (target ≥ 0.95) | pairs |',
    '|---|---|---|---|',
    ...q.at.map(
      (a) =>
        `| ${a.threshold} | ${a.precision} ${mark(a.precision >= 0.98)} | ${a.recall} ${mark(a.recall >= 0.95)} | ${a.predictedPairs.toLocaleString()} |`,
    ),
    '',
    '| kind of copy | found at ≥ 0.8 |',
    '|---|---|',
    ...Object.entries(q.recallByKind).map(
      ([k, v]) =>
        `| ${k} | ${v.found} / ${v.of} (${Math.round((v.found / Math.max(1, v.of)) * 1000) / 10} %) |`,
    ),
  ];
  return lines.join('\n');
}

export function renderScan(s: ScanBenchResult, machine: string): string {
  return [
    `### Duplicate scan — ${s.kind}, ${s.customers.toLocaleString()} customers`,
    `Machine: ${machine}`,
    '',
    '| measure | target | measured | |',
    '|---|---|---|---|',
    s.migrationMs !== null
      ? `| migration 0120 (schema + keys of all customers, contacts, leads) | — | ${(s.migrationMs / 1000).toFixed(1)} s | |`
      : '',
    s.keys.ms !== null
      ? `| bulk rebuild of customer keys | — | ${(s.keys.ms / 1000).toFixed(1)} s (${s.keys.keys.toLocaleString()} keys) | |`
      : `| customer keys | — | ${s.keys.keys.toLocaleString()} | |`,
    `| full duplicate scan | ≤ 60 s | ${(s.scan.ms / 1000).toFixed(1)} s | ${mark(s.scan.ms <= 60_000)} |`,
    `| scan phases (ms) | | ${Object.entries(s.scan.stats.ms)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')} | |`,
    `| groups found (at confidence) | | ${Object.entries(s.scan.byConfidence)
      .map(([k, v]) => `${k}: ${v.toLocaleString()}`)
      .join(
        ', ',
      )}; ${s.scan.stats.pairs.toLocaleString()} pairs scored, ${s.scan.stats.commonValues} common values skipped | |`,
    `| duplicate check on create (fuzzy name): p99 | — | ${s.check.p99} ms (p50 ${s.check.p50}, ${s.check.samples} samples) | |`,
  ]
    .filter(Boolean)
    .join('\n');
}

export async function runDedupeSuite(opts: {
  dialects: DialectKind[];
  parts: string[];
  companies: number;
  sqlitePath: string;
  pgUrl: () => string;
  pgDb: string;
  slug: string;
  machine: string;
}) {
  const out: { quality?: QualityResult; scans: ScanBenchResult[] } = { scans: [] };
  if (opts.parts.includes('quality')) {
    out.quality = await runQuality({
      companies: opts.companies,
      duplicates: Math.round(opts.companies / 10),
    });
    console.log(renderQuality(out.quality, opts.machine));
  }
  if (opts.parts.includes('scan')) {
    for (const kind of opts.dialects) {
      const s = await runScan(kind, {
        sqlitePath: opts.sqlitePath,
        pgUrl: opts.pgUrl(),
        pgDb: opts.pgDb,
        slug: opts.slug,
        rebuild: opts.parts.includes('rebuild'),
      });
      out.scans.push(s);
      console.log(renderScan(s, opts.machine));
    }
  }
  return out;
}

import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import {
  openDatabase,
  migrateToLatest,
  refreshSqliteStatistics,
} from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import { systemClock } from '../../packages/server/src/core/clock';
import { newId } from '../../packages/server/src/core/ids';
import type { AppDeps } from '../../packages/server/src/core/deps';
import { JobQueue } from '../../packages/server/src/jobs/job-queue';
import { loadActor } from '../../packages/server/src/modules/auth/actor-loader';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { createWorkspace } from '../../packages/server/src/modules/workspaces/workspace.service';
import { rebuildDuplicateKeys } from '../../packages/server/src/modules/dedupe/dedupe-rebuild';
import { findImport } from '../../packages/server/src/modules/imports/import.repository';
import { runImport } from '../../packages/server/src/modules/imports/import-runner';
import { startImport, uploadImport } from '../../packages/server/src/modules/imports/import.service';

export interface ImportBenchOptions {
  /** Rows in the generated file (default 100,000). */
  rows?: number;
  /** An existing database and workspace to import into (e.g. one seeded with 1,000,000 customers). */
  database?: Database;
  workspaceId?: string;
  /** The user the import runs as (default: the workspace's first admin). */
  userId?: string;
  /** For a fresh SQLite workspace: customers created before the import (default 10,000). */
  existing?: number;
  /** Share of rows whose phone or company name is already taken (default 0.05). */
  duplicateShare?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface ImportBenchResult {
  rows: number;
  existing: number | null;
  seconds: number;
  rowsPerSecond: number;
  /** RSS when the import started (after seeding and writing the file) and its peak while it ran. */
  baselineRssMb: number;
  peakRssMb: number;
  /** Peak V8 heap: RSS also counts SQLite's page cache (128 MB) and its memory-mapped file (up to 1 GB). */
  peakHeapMb: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '南京', '苏州', '西安'];
const WORDS = '华信云帆蓝海星辰金桥宏达瑞丰鼎盛恒通远航嘉禾新元博众智联天成永泰';
const TRADES = ['科技', '贸易', '网络科技', '信息技术', '物流', '电子', '建材', '食品'];

/** A deterministic generator (mulberry32), so every run imports the same file. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const company = (i: number, r: () => number) => {
  const w = (n: number) => WORDS[Math.floor(r() * WORDS.length)]!.repeat(1) + WORDS[(n * 7) % WORDS.length]!;
  return `${CITIES[i % CITIES.length]}${w(i)}${i.toString(36)}${TRADES[i % TRADES.length]}有限公司`;
};
const phone = (i: number) => `1${3 + (i % 7)}${String(100_000_000 + i * 37).slice(-9)}`;

/** Customers written straight into a fresh workspace (with their duplicate keys) as the ones already there. */
async function seedExisting(database: Database, workspaceId: string, ownerId: string, n: number) {
  const now = new Date().toISOString();
  const r = random(7);
  for (let i = 0; i < n; i += 2_000) {
    const rows = Array.from({ length: Math.min(2_000, n - i) }, (_v, k) => ({
      id: newId(),
      workspace_id: workspaceId,
      name: company(1_000_000 + i + k, r),
      phone: phone(1_000_000 + i + k),
      status: 'potential',
      custom: '{}',
      owner_id: ownerId,
      created_at: now,
      updated_at: now,
    }));
    await database.db
      .insertInto('customers')
      .values(rows as never)
      .execute();
  }
  await rebuildDuplicateKeys(database, workspaceId, { entities: ['customer'] });
  // Statistics as a database that has customers has them: taken on the empty tables at migration, they
  // make SQLite plan the duplicate check's key look-up through the customers table (27 ms instead of 50 µs).
  await refreshSqliteStatistics(database, true);
}

/** Existing customers' names and phones to reuse as duplicates. */
async function sampleExisting(database: Database, workspaceId: string, n: number) {
  return database.db
    .selectFrom('customers')
    .select(['name', 'phone'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .limit(n)
    .execute();
}

/** The CSV an office in China would send: Chinese headers, ~5 % rows already known by phone or name. */
async function writeCsv(
  path: string,
  rows: number,
  dupShare: number,
  known: { name: string; phone: string | null }[],
  seed: number,
) {
  const out = createWriteStream(path);
  const r = random(seed);
  out.write('客户名称,手机,邮箱,行业,地区,备注\n');
  // Seed 1 (the default) writes rows 0…n; another seed writes rows no earlier run of another seed wrote,
  // so repeated runs against a kept workspace import new customers rather than skip them all.
  const offset = seed === 1 ? 0 : 2_000_000 + (seed % 200) * 100_000;
  for (let n = 0; n < rows; n++) {
    const i = n + offset;
    let name = company(i, r);
    let tel = phone(i);
    if (r() < dupShare) {
      const k = known.length ? known[Math.floor(r() * known.length)]! : null;
      if (r() < 0.5 && k?.phone) tel = k.phone;
      else if (k) name = k.name;
      else tel = phone(offset + Math.floor(r() * Math.max(1, n)));
    }
    const line = `${name},${tel},c${i}@example.cn,${TRADES[i % TRADES.length]},${CITIES[i % CITIES.length]},${SURNAMES[i % SURNAMES.length]}经理介绍\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/**
 * Import generated rows into a workspace through the real import path (upload, start, batches through
 * the record services with the duplicate check) and measure rows per second and peak RSS.
 */
export async function runImportBench(opts: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const log = opts.log ?? (() => undefined);
  const rows = opts.rows ?? 100_000;
  const dir = mkdtempSync(join(tmpdir(), 'tl-import-bench-'));
  const database = opts.database ?? openDatabase({ sqlitePath: join(dir, 'bench.db') });
  const fresh = !opts.database;
  try {
    if (fresh) await migrateToLatest(database);
    const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
    let workspaceId = opts.workspaceId;
    let userId = opts.userId;
    if (!workspaceId) {
      const ws = await createWorkspace(deps, {
        name: '导入基准',
        slug: `imp-${randomBytes(3).toString('hex')}`,
        admin: { email: 'a@imp.cn', name: '管理员', password: 'admin-pass-123' },
      });
      workspaceId = ws.workspaceId;
      userId = ws.adminUserId;
      log(`seeding ${opts.existing ?? 10_000} existing customers`);
      await seedExisting(database, workspaceId, userId, opts.existing ?? 10_000);
    }
    userId ??= (
      await database.db
        .selectFrom('users as u')
        .innerJoin('roles as r', 'r.id', 'u.role_id')
        .select('u.id')
        .where('u.workspace_id', '=', workspaceId)
        .where('r.key', '=', 'admin')
        .executeTakeFirstOrThrow()
    ).id;
    const actor = (await loadActor(database.db, database.dialect, userId, workspaceId, {
      source: 'import',
    }))!;
    const file = join(dir, 'customers.csv');
    const known = await sampleExisting(database, workspaceId, 5_000);
    await writeCsv(file, rows, opts.duplicateShare ?? 0.05, known, opts.seed ?? 1);
    log(`file written: ${rows} rows`);

    const upload = await uploadImport(
      deps,
      actor,
      { importDir: join(dir, 'imports'), importMaxBytes: Number.MAX_SAFE_INTEGER },
      { entity: 'customer', filename: 'customers.csv' },
      createReadStream(file),
    );
    await startImport(
      deps,
      new JobQueue(database, systemClock),
      actor,
      upload.id,
      {
        mapping: upload.suggested_mapping,
        mode: 'skip_duplicates',
        owner: { from: 'user', user_id: userId },
      },
      { enqueue: false },
    );
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let heap = process.memoryUsage().heapUsed;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      heap = Math.max(heap, m.heapUsed);
    };
    const sampler = setInterval(sample, 100);
    const t = performance.now();
    await runImport(deps, workspaceId, upload.id, {
      onProgress: (n) => {
        sample();
        if (n % 10_000 === 0) log(`  ${n} rows`);
      },
    });
    const seconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const done = (await findImport(database.db, workspaceId, upload.id))!;
    if (done.status !== 'completed') throw new Error(`import ${done.status}: ${done.error ?? ''}`);
    return {
      rows,
      existing: fresh ? (opts.existing ?? 10_000) : null,
      seconds: Math.round(seconds * 10) / 10,
      rowsPerSecond: Math.round(rows / seconds),
      baselineRssMb: Math.round(baseline / 1048576),
      peakRssMb: Math.round(peak / 1048576),
      peakHeapMb: Math.round(heap / 1048576),
      created: done.created,
      updated: done.updated,
      skipped: done.skipped,
      failed: done.failed,
    };
  } finally {
    if (fresh) await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

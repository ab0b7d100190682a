import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import { migrateToLatest, openDatabase } from '../src/db/database';
import type { Database } from '../src/db/database';
import { loadActor } from '../src/modules/auth/actor-loader';
import { createAutomation } from '../src/modules/automations/automation.service';
import { createCustomer } from '../src/modules/customers/customer.service';
import { createLocalNotifier } from '../src/modules/notifications/notification.bus';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';

/*
 * A worker process is killed with SIGKILL in the middle of runs that call a webhook five times each.
 * Another worker takes over when the lease ends; every run finishes, every step's effect is applied once
 * (the receiver dedupes by the idempotency key, as docs/api.md asks of receivers), and no step is
 * recorded twice. Runs on SQLite (a file both processes open) and on PostgreSQL.
 */

const CLI = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const RUNS = 20;
const HOOKS = 5;

function receiver(delayMs: number) {
  const deliveries: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        deliveries.push(String(req.headers['x-tideline-idempotency-key']));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }, delayMs),
    );
  });
  return {
    deliveries,
    start: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function worker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CLI, 'worker', '--lease', '5', '--concurrency', '4'], {
    env: { ...process.env, ...env, TIDELINE_ALLOW_PRIVATE_WEBHOOKS: '1', LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 90_000,
  /** What to say about the state when the time is up. */
  describeState?: () => Promise<string>,
): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${describeState ? `: ${await describeState()}` : ''}`);
}

async function openTarget(kind: 'sqlite' | 'postgres') {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-kill-'));
    const path = join(dir, 'kill.db');
    return {
      database: openDatabase({ sqlitePath: path }),
      env: { TIDELINE_SQLITE_PATH: path } as Record<string, string>,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `tl_kill_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    database: openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
    env: { DATABASE_URL: url.toString() } as Record<string, string>,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

async function setUp(database: Database, base: string) {
  await migrateToLatest(database);
  const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
  const ws = await createWorkspace(deps, {
    name: '断电测试公司',
    slug: `kill-${randomBytes(3).toString('hex')}`,
    admin: { email: 'admin@kill.cn', name: '管理员', password: 'admin-pass-123' },
  });
  const actor = (await loadActor(database.db, database.dialect, ws.adminUserId, ws.workspaceId, {
    source: 'api',
  }))!;
  const automation = await createAutomation(deps, actor, {
    name: '五次回调',
    enabled: true,
    definition: {
      trigger: { type: 'record_created', entity: 'customer' },
      steps: [
        ...Array.from({ length: HOOKS }, (_, i) => ({
          id: `hook${i}`,
          kind: 'action' as const,
          params: {
            action: 'call_webhook' as const,
            url: `${base}/h${i}`,
            method: 'POST' as const,
            body: '',
          },
        })),
        { id: 'tag', kind: 'action' as const, params: { action: 'add_tags' as const, tags: ['已同步'] } },
      ],
    },
  });
  for (let i = 0; i < RUNS; i++)
    await createCustomer(deps, actor, { name: `断电客户${i}`, status: 'potential' });
  return automation.id;
}

const DIALECTS = (process.env.TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .filter((d) => d === 'sqlite' || (d === 'postgres' && process.env.TEST_DATABASE_URL)) as (
  'sqlite' | 'postgres'
)[];

describe.each(DIALECTS)('automations: a worker killed mid-run [%s]', (kind) => {
  it('resumes on another worker with every effect applied once', { timeout: 300_000 }, async () => {
    const hooks = receiver(40);
    const base = await hooks.start();
    const target = await openTarget(kind);
    const workers: ChildProcess[] = [];
    try {
      const automationId = await setUp(target.database, base);
      const first = worker(target.env);
      workers.push(first);
      await until('the first deliveries', () => hooks.deliveries.length >= 30);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = hooks.deliveries.length;
      expect(atKill).toBeLessThan(RUNS * HOOKS);

      workers.push(worker(target.env));
      const db = target.database.db;
      // Generous: on a two-core CI machine running other suites, starting a worker alone takes seconds,
      // and a lease shorter than a starved step would make it retry its own steps (with backoff).
      await until(
        'every run to finish',
        async () => {
          const open = await db
            .selectFrom('automation_runs')
            .select('id')
            .where('automation_id', '=', automationId)
            .where('status', '!=', 'completed')
            .execute();
          const all = await db
            .selectFrom('automation_runs')
            .select('id')
            .where('automation_id', '=', automationId)
            .execute();
          return all.length === RUNS && open.length === 0;
        },
        180_000,
        async () =>
          JSON.stringify({
            runs: await db
              .selectFrom('automation_runs')
              .select(['id', 'status', 'error', 'step_count', 'resume_at'])
              .where('automation_id', '=', automationId)
              .where('status', '!=', 'completed')
              .execute(),
            jobs: await db
              .selectFrom('jobs')
              .select(['kind', 'status', 'attempts', 'run_at', 'locked_until', 'last_error', 'payload'])
              .where('status', '!=', 'done')
              .execute(),
          }),
      );

      const distinct = new Set(hooks.deliveries);
      expect(distinct.size).toBe(RUNS * HOOKS);
      // Only calls in flight at the kill can arrive twice, and they carry the same key.
      expect(hooks.deliveries.length - distinct.size).toBeLessThanOrEqual(4);
      const steps = await db
        .selectFrom('automation_run_steps')
        .select(['run_id', 'step_id', 'status'])
        .execute();
      expect(steps).toHaveLength(RUNS * (HOOKS + 1));
      expect(steps.every((s) => s.status === 'completed')).toBe(true);
      expect(new Set(steps.map((s) => `${s.run_id}:${s.step_id}`)).size).toBe(RUNS * (HOOKS + 1));
      const effects = await db.selectFrom('automation_effects').select('key').execute();
      expect(effects).toHaveLength(RUNS * HOOKS);
      const tagged = await db
        .selectFrom('record_tags')
        .select('record_id')
        .where('record_type', '=', 'customer')
        .execute();
      expect(tagged).toHaveLength(RUNS);
      console.info(
        `[${kind}] killed after ${atKill} deliveries; ${hooks.deliveries.length - distinct.size} redelivered`,
      );
    } finally {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
      await hooks.stop();
      await target.database.close();
      await target.drop();
    }
  });
});

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Permission, RoleKey } from '@tideline/shared';
import { openDatabase, migrateToLatest } from '../src/db/database';
import type { Database } from '../src/db/database';
import type { DialectKind } from '../src/db/dialect/dialect';
import { FrozenClock } from '../src/core/clock';
import type { AppDeps } from '../src/core/deps';
import type { Actor } from '../src/core/actor';
import { automationDepsFor, buildApp } from '../src/app';
import { AutomationWorker } from '../src/modules/automations/automation-worker';
import type { AutomationDeps } from '../src/modules/automations/run-context';
import { loadConfig } from '../src/config';
import { createLocalNotifier } from '../src/modules/notifications/notification.bus';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';
import type { CreatedWorkspace } from '../src/modules/workspaces/workspace.service';
import { createToken } from '../src/modules/tokens/token.service';
import { loadActor } from '../src/modules/auth/actor-loader';
import { newId } from '../src/core/ids';

/**
 * Dialects every integration suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
 * TEST_DIALECTS=postgres (or sqlite) narrows the run to one.
 */
export const DIALECTS: DialectKind[] = (
  process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
).filter((d) => !process.env.TEST_DIALECTS || process.env.TEST_DIALECTS.split(',').includes(d));

export const TEST_NOW = '2026-11-23T02:00:00.000Z';

export interface TestUser {
  id: string;
  token: string;
  actor: Actor;
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface Client {
  get<T = any>(url: string): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  delete<T = any>(url: string): Promise<Response<T>>;
}

export interface TestEnv {
  kind: DialectKind;
  database: Database;
  deps: AppDeps;
  /** The automation runtime (queue, channels); tests may swap channels for loopback receivers. */
  automation: AutomationDeps;
  /** A worker the test drives: `await env().worker.drain()` runs everything due. */
  worker: AutomationWorker;
  clock: FrozenClock;
  app: FastifyInstance;
  ws: CreatedWorkspace;
  admin: TestUser;
  /** A user with the given role, optionally in a new department under `parentDepartmentId`. */
  makeUser(
    role: RoleKey,
    opts?: { departmentId?: string; name?: string; scopes?: Permission[] },
  ): Promise<TestUser>;
  makeDepartment(name: string, parentId?: string): Promise<string>;
  as(user: TestUser | string): Client;
}

async function openTestDatabase(
  kind: DialectKind,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const database = openDatabase({ sqlitePath: ':memory:' });
    return { database, drop: async () => undefined };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `tl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function createTestEnv(kind: DialectKind): Promise<TestEnv & { close(): Promise<void> }> {
  const { database, drop } = await openTestDatabase(kind);
  await migrateToLatest(database);
  const clock = new FrozenClock(TEST_NOW);
  const deps: AppDeps = { database, clock, notifier: createLocalNotifier() };
  // Tests stand in for a proxy: each simulated client sends its own X-Forwarded-For.
  const config = { ...loadConfig({}), logLevel: 'silent', trustProxy: true };
  const automation = automationDepsFor(deps, { ...config, allowPrivateWebhooks: true });
  const worker = new AutomationWorker(automation, {
    workerId: 'test-worker',
    sweepEveryMs: 0,
    concurrency: 1,
  });
  const app = await buildApp({ deps, config, automation });
  const ws = await createWorkspace(deps, {
    name: '测试科技有限公司',
    slug: `t-${randomBytes(4).toString('hex')}`,
    admin: { email: 'admin@test.cn', name: '管理员', password: 'admin-pass-123' },
  });

  const tokenFor = async (userId: string, scopes?: Permission[]): Promise<TestUser> => {
    const actor = (await loadActor(database.db, database.dialect, userId, ws.workspaceId, {
      source: 'api',
    }))!;
    const { token } = await createToken(deps, actor, {
      name: 'test',
      scopes: scopes ?? [...actor.permissions],
    });
    return { id: userId, token, actor };
  };

  const makeDepartment = async (name: string, parentId = ws.rootDepartmentId) => {
    const parent = await database.db
      .selectFrom('departments')
      .select('path')
      .where('id', '=', parentId)
      .executeTakeFirstOrThrow();
    const id = newId();
    const now = clock.now().toISOString();
    await database.db
      .insertInto('departments')
      .values({
        id,
        workspace_id: ws.workspaceId,
        name,
        parent_id: parentId,
        path: `${parent.path}${id}/`,
        manager_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  };

  let n = 0;
  const makeUser: TestEnv['makeUser'] = async (role, opts = {}) => {
    const id = newId();
    const now = clock.now().toISOString();
    n += 1;
    await database.db
      .insertInto('users')
      .values({
        id,
        workspace_id: ws.workspaceId,
        email: `user${n}-${id.slice(-6)}@test.cn`,
        name: opts.name ?? `用户${n}`,
        phone: null,
        password_hash: 'x',
        status: 'active',
        role_id: ws.roleIds[role],
        department_id: opts.departmentId ?? ws.rootDepartmentId,
        manager_id: null,
        locale: 'zh-CN',
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return tokenFor(id, opts.scopes);
  };

  const as = (user: TestUser | string): Client => {
    const token = typeof user === 'string' ? user : user.token;
    const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => {
      const res = await app.inject({
        method,
        url: url.startsWith('/api') ? url : `/api/v1${url}`,
        headers: { authorization: `Bearer ${token}` },
        ...(body !== undefined ? { payload: body as object } : {}),
      });
      const text = res.body;
      return { status: res.statusCode, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    };
    return {
      get: (url) => call('GET', url),
      post: (url, body) => call('POST', url, body ?? {}),
      patch: (url, body) => call('PATCH', url, body ?? {}),
      delete: (url) => call('DELETE', url),
    };
  };

  const admin = await tokenFor(ws.adminUserId);
  return {
    kind,
    database,
    deps,
    automation,
    worker,
    clock,
    app,
    ws,
    admin,
    makeUser,
    makeDepartment,
    as,
    close: async () => {
      automation.channels.close();
      await app.close();
      await database.close();
      await drop();
    },
  };
}

/** Run a suite once per dialect, each with a fresh database, workspace and frozen clock. */
export function describeEachDialect(name: string, suite: (env: () => TestEnv) => void) {
  for (const kind of DIALECTS) {
    describe(`${name} [${kind}]`, () => {
      let env: (TestEnv & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        env = await createTestEnv(kind);
      });
      afterAll(async () => {
        await env?.close();
      });
      suite(() => {
        if (!env) throw new Error('test environment not ready');
        return env;
      });
    });
  }
}

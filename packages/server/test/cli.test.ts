import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program';
import type { CliIo } from '../src/cli/cli-context';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/core/clock';
import { openDatabase } from '../src/db/database';
import { createLocalNotifier } from '../src/modules/notifications/notification.bus';
import { DIALECTS } from './harness';

/** A fresh database per dialect, reached the way the CLI reaches it: through environment variables. */
async function freshDatabase(
  kind: 'sqlite' | 'postgres',
): Promise<{ env: NodeJS.ProcessEnv; drop(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tl-cli-'));
    return {
      env: { TIDELINE_SQLITE_PATH: join(dir, 'cli.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `tl_cli_${randomBytes(5).toString('hex')}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => run(`drop database if exists ${name} with (force)`),
  };
}

for (const kind of DIALECTS) {
  describe(`tideline CLI [${kind}]`, () => {
    let env: NodeJS.ProcessEnv;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ env, drop } = await freshDatabase(kind));
    });
    afterAll(async () => drop());

    /** Run one command line in-process, collecting what it prints. */
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: { ...env, LOG_LEVEL: 'silent' },
      };
      const result = await runCli(argv, io);
      return { ...result, out: out.join('\n'), err: err.join('\n') };
    };

    /** The API over the same database, to check that what the CLI made works. */
    const withApi = async (
      fn: (
        call: (method: 'GET' | 'POST', url: string, token: string, body?: object) => Promise<number>,
      ) => Promise<void>,
    ) => {
      const config = { ...loadConfig(env), logLevel: 'silent' };
      const database = openDatabase({
        databaseUrl: config.databaseUrl,
        sqlitePath: config.sqlitePath,
        poolSize: 2,
      });
      const app = await buildApp({
        deps: { database, clock: systemClock, notifier: createLocalNotifier() },
        config,
      });
      try {
        await fn(async (method, url, token, body) => {
          const res = await app.inject({
            method,
            url,
            headers: { authorization: `Bearer ${token}` },
            ...(body ? { payload: body } : {}),
          });
          return res.statusCode;
        });
      } finally {
        await app.close();
        await database.close();
      }
    };

    it('migrate applies the migrations once and then says the database is up to date', async () => {
      const first = await cli('migrate');
      expect(first.exitCode).toBe(0);
      expect(first.out).toContain('2026-11-23-0001-foundation');
      const second = await cli('migrate');
      expect(second.exitCode).toBe(0);
      expect(second.out).toContain('up to date');
    });

    it('admin create makes the workspace with its admin, then adds further admins to it', async () => {
      const made = await cli(
        'admin',
        'create',
        '--workspace',
        'acme',
        '--email',
        'Boss@Acme.cn',
        '--name',
        '王总',
        '--password',
        'secret-123',
        '--workspace-name',
        '阿克米科技',
      );
      expect(made.err).toBe('');
      expect(made.exitCode).toBe(0);
      expect(made.out).toContain('阿克米科技');
      const second = await cli(
        'admin',
        'create',
        '--workspace',
        'acme',
        '--email',
        'ops@acme.cn',
        '--name',
        '运维',
        '--password',
        'secret-456',
      );
      expect(second.exitCode).toBe(0);
      const database = openDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.TIDELINE_SQLITE_PATH });
      try {
        const users = await database.db
          .selectFrom('users as u')
          .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
          .innerJoin('roles as r', (j) =>
            j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
          )
          .select(['u.email', 'r.key', 'w.name', 'u.department_id'])
          .where('w.slug', '=', 'acme')
          .orderBy('u.email')
          .execute();
        expect(users.map((u) => [u.email, u.key, u.name])).toEqual([
          ['boss@acme.cn', 'admin', '阿克米科技'],
          ['ops@acme.cn', 'admin', '阿克米科技'],
        ]);
        expect(users[1]!.department_id).toBe(users[0]!.department_id);
      } finally {
        await database.close();
      }
    });

    it('admin create refuses bad input with exit code 1, naming the option', async () => {
      const bad = await cli(
        'admin',
        'create',
        '--workspace',
        'Bad Slug',
        '--email',
        'nope',
        '--name',
        'x',
        '--password',
        'short',
      );
      expect(bad.exitCode).toBe(1);
      expect(bad.err).toContain('--workspace:');
      expect(bad.err).toContain('--email: must be an e-mail address');
      expect(bad.err).toContain('--password: at least 8 characters');
      const taken = await cli(
        'admin',
        'create',
        '--workspace',
        'acme',
        '--email',
        'boss@acme.cn',
        '--name',
        'x',
        '--password',
        'secret-123',
      );
      expect(taken.exitCode).toBe(1);
      expect(taken.err).toContain('--email: a user with this e-mail exists');
      const missing = await cli('admin', 'create', '--workspace', 'acme');
      expect(missing.exitCode).toBe(1);
      expect(missing.err).toContain('--email');
    });

    it('token create prints a token once that works on the API with exactly its scopes', async () => {
      const res = await cli(
        'token',
        'create',
        '--workspace',
        'acme',
        '--email',
        'ops@acme.cn',
        '--name',
        'ERP 同步',
        '--scopes',
        'customers:read, contacts:read',
      );
      expect(res.err).toBe('');
      expect(res.exitCode).toBe(0);
      const token = res.out.split('\n').find((l) => l.startsWith('tl_'))!;
      expect(token).toMatch(/^tl_\w+_[\w-]{20,}$/);
      const full = await cli(
        'token',
        'create',
        '--workspace',
        'acme',
        '--email',
        'ops@acme.cn',
        '--name',
        'all',
      );
      const fullToken = full.out.split('\n').find((l) => l.startsWith('tl_'))!;
      await withApi(async (call) => {
        expect(await call('GET', '/api/v1/customers', token)).toBe(200);
        expect(await call('POST', '/api/v1/customers', token, { name: '只读令牌客户' })).toBe(403);
        expect(await call('POST', '/api/v1/customers', fullToken, { name: '全权令牌客户' })).toBe(201);
        expect(await call('GET', '/api/v1/customers', 'tl_nope_nope')).toBe(401);
      });
    });

    it('token create names the bad option and fails with exit code 1', async () => {
      const scope = await cli(
        'token',
        'create',
        '--workspace',
        'acme',
        '--email',
        'ops@acme.cn',
        '--name',
        'x',
        '--scopes',
        'customers:read,fly:away',
      );
      expect(scope.exitCode).toBe(1);
      expect(scope.err).toContain('--scopes[1]');
      const user = await cli(
        'token',
        'create',
        '--workspace',
        'acme',
        '--email',
        'ghost@acme.cn',
        '--name',
        'x',
      );
      expect(user.exitCode).toBe(1);
      expect(user.err).toContain('ghost@acme.cn');
      const ws = await cli(
        'token',
        'create',
        '--workspace',
        'nowhere',
        '--email',
        'ops@acme.cn',
        '--name',
        'x',
      );
      expect(ws.exitCode).toBe(1);
      expect(ws.err).toContain('no workspace nowhere');
    });

    it('seed insists on --demo and a sane --customers', async () => {
      const none = await cli('seed');
      expect(none.exitCode).toBe(1);
      expect(none.err).toContain('--demo');
      const negative = await cli('seed', '--demo', '--customers', '-5');
      expect(negative.exitCode).toBe(1);
      expect(negative.err).toContain('--customers');
    });

    it(
      'serve --demo seeds an empty database, listens, prints URL and sign-ins, and stops cleanly',
      { timeout: 120_000 },
      async () => {
        const fresh = await freshDatabase(kind);
        const out: string[] = [];
        const io: CliIo = {
          out: (l) => out.push(l),
          err: (l) => out.push(l),
          env: { ...fresh.env, LOG_LEVEL: 'silent' },
        };
        try {
          const { exitCode, serving } = await runCli(['serve', '--demo', '--port', '0'], io);
          expect(exitCode).toBe(0);
          expect(serving).toBeDefined();
          const text = out.join('\n');
          expect(text).toContain(serving!.server.url);
          expect(text).toContain('admin@demo.tideline');
          expect(text).toContain('Tideline@2026');
          expect(text).toContain('li.na@demo.tideline');
          const health = await fetch(`${serving!.server.url}/api/health`);
          expect(await health.json()).toEqual({ ok: true });
          await serving!.stop();
          await expect(fetch(`${serving!.server.url}/api/health`)).rejects.toThrow();
        } finally {
          await fresh.drop();
        }
      },
    );
  });
}

describe('bin/tideline.js', () => {
  it(
    'runs the TypeScript CLI through tsx and reports errors with exit code 1',
    { timeout: 60_000 },
    async () => {
      const bin = join(import.meta.dirname, '../bin/tideline.js');
      const help = await promisify(execFile)(process.execPath, [bin, '--help']);
      expect(help.stdout).toContain('seed');
      expect(help.stdout).toContain('token');
      const dir = mkdtempSync(join(tmpdir(), 'tl-bin-'));
      try {
        const failed = await promisify(execFile)(
          process.execPath,
          [bin, 'token', 'create', '--workspace', 'nowhere', '--email', 'a@b.cn', '--name', 'n'],
          {
            env: { ...process.env, TIDELINE_SQLITE_PATH: join(dir, 'bin.db') },
          },
        ).catch((error: { code: number; stderr: string }) => error);
        expect('code' in failed && failed.code).toBe(1);
        expect((failed as { stderr: string }).stderr).toContain('no workspace nowhere');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

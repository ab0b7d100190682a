import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program';
import type { CliIo } from '../src/cli/cli-context';
import { openDatabase } from '../src/db/database';
import { DIALECTS } from './harness';

/* `tideline import`: the same import as the API, run in the CLI's process with progress lines. */
for (const kind of DIALECTS) {
  describe(`tideline import [${kind}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-import-cli-'));
    let env: NodeJS.ProcessEnv = { TIDELINE_DATA_DIR: dir, TIDELINE_SQLITE_PATH: join(dir, 'cli.db') };
    let drop = async () => undefined as void;

    beforeAll(async () => {
      if (kind === 'postgres') {
        const adminUrl = process.env.TEST_DATABASE_URL!;
        const name = `tl_imp_${randomBytes(5).toString('hex')}`;
        const run = async (q: string) => {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(q);
          await c.end();
        };
        await run(`create database ${name}`);
        const url = new URL(adminUrl);
        url.pathname = `/${name}`;
        env = { TIDELINE_DATA_DIR: dir, DATABASE_URL: url.toString() };
        drop = () => run(`drop database if exists ${name} with (force)`);
      }
    });
    afterAll(async () => {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

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

    it('imports a GBK CSV with a mapping override, prints progress and counts, and writes the report', async () => {
      const created = await cli(
        'admin',
        'create',
        '--workspace',
        'acme',
        '--email',
        'boss@acme.cn',
        '--name',
        '老板',
        '--password',
        'boss-pass-123',
      );
      expect(created.exitCode, created.err).toBe(0);
      const file = join(dir, '客户.csv');
      const lines = [
        '公司全称,联系电话,说明',
        ...Array.from({ length: 30 }, (_v, i) => `命令行${i}号有限公司,1390001${String(1000 + i)},第${i}行`),
      ];
      lines.push('命令行0号有限公司,13900019999,重复');
      writeFileSync(file, iconv.encode(lines.join('\r\n'), 'gbk'));
      const report = join(dir, 'report.xlsx');
      const res = await cli(
        'import',
        file,
        '--entity',
        'customer',
        '--workspace',
        'acme',
        '--map',
        '公司全称=name,说明=',
        '--report',
        report,
      );
      expect(res.exitCode, res.err).toBe(0);
      expect(res.out).toContain('文件 file: 客户.csv (csv, gb18030)');
      expect(res.out).toContain('公司全称 → name');
      expect(res.out).toContain('联系电话 → phone');
      expect(res.out).toContain('说明 → —');
      expect(res.out).toMatch(/进度 progress: 31 \/ ~31 行 rows/);
      expect(res.out).toContain('新建 created 30 · 更新 updated 0 · 跳过 skipped 0 · 失败 failed 1');
      expect(existsSync(report)).toBe(true);

      const database = openDatabase({
        databaseUrl: env.DATABASE_URL,
        sqlitePath: env.TIDELINE_SQLITE_PATH ?? '',
        poolSize: 1,
      });
      try {
        const rows = await database.db
          .selectFrom('customers')
          .select(['name', 'description'])
          .where('name', 'like', '命令行%')
          .execute();
        expect(rows.length).toBe(30);
        expect(rows.every((r) => r.description === null)).toBe(true);
      } finally {
        await database.close();
      }
    });

    it('names the flag that is wrong', async () => {
      const res = await cli('import', join(dir, 'none.csv'), '--entity', 'deal', '--workspace', 'acme');
      expect(res.exitCode).toBe(1);
      expect(res.err).toContain('--entity');
      const missing = await cli(
        'import',
        join(dir, 'none.csv'),
        '--entity',
        'customer',
        '--workspace',
        'nope',
      );
      expect(missing.err).toContain('no workspace with slug nope');
    });
  });
}

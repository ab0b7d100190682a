import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Migrator } from 'kysely';
import type { Migration } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import type { Database } from '../src/db/database';
import type { DialectKind } from '../src/db/dialect/dialect';
import { MIGRATIONS } from '../src/db/migrations';
import { migrationContext } from '../src/db/migrations/migration-context';
import { FrozenClock } from '../src/core/clock';
import { newId } from '../src/core/ids';
import { createLocalNotifier } from '../src/modules/notifications/notification.bus';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';
import { DIALECTS, TEST_NOW } from './harness';

/** Migrate up to (and including) `target`, or to the end. */
async function migrate(database: Database, target?: string) {
  const ctx = migrationContext(database.dialect.kind);
  const migrator = new Migrator({
    db: database.db,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
            name,
            { up: (db) => m.up(db, ctx) },
          ]),
        ),
    },
  });
  const { error } = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  if (error) throw error;
}

async function open(kind: DialectKind) {
  if (kind === 'sqlite')
    return { database: openDatabase({ sqlitePath: ':memory:' }), drop: async () => undefined };
  const name = `tl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  const database = openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/*
 * An installation upgrading to the duplicate rules: records already there get their keys, managers get
 * records:merge, and the duplicates already in the data are blocked at once.
 */
for (const kind of DIALECTS) {
  describe(`dedupe migration [${kind}]`, () => {
    it('builds the keys of existing records and gives managers records:merge', async () => {
      const { database, drop } = await open(kind);
      try {
        await migrate(database, '2026-11-23-0110-pools');
        const deps = { database, clock: new FrozenClock(TEST_NOW), notifier: createLocalNotifier() };
        const ws = await createWorkspace(deps, {
          name: '升级测试',
          slug: `up-${randomBytes(3).toString('hex')}`,
          admin: { email: 'a@up.cn', name: '管理员', password: 'admin-pass-123' },
        });
        const db = database.db;
        const customerId = newId();
        const base = {
          workspace_id: ws.workspaceId,
          created_at: TEST_NOW,
          updated_at: TEST_NOW,
          custom: '{}',
        };
        await db
          .insertInto('customers')
          .values({
            ...base,
            id: customerId,
            name: '深圳前海数据服务有限公司',
            phone: '0755-2345 6789',
            email: null,
            status: 'potential',
            industry: null,
            region: null,
            size: null,
            level: null,
            source: null,
            website: null,
            address: null,
            description: null,
            owner_id: ws.adminUserId,
            last_contact_at: null,
            last_won_at: null,
            last_purchase_at: null,
            created_by: null,
            deleted_at: null,
            deleted_by: null,
          })
          .execute();

        await migrate(database);

        const keys = await db
          .selectFrom('dedupe_keys')
          .select(['kind', 'key', 'field'])
          .where('record_id', '=', customerId)
          .orderBy('kind')
          .orderBy('key')
          .execute();
        expect(keys).toEqual([
          { kind: 'company', key: '深圳市前海数据服务', field: 'name' },
          { kind: 'company_block', key: 'b:深圳市前海数据', field: 'name' },
          { kind: 'company_block', key: 'h:深圳市前', field: 'name' },
          { kind: 'company_block', key: 'r:前海数据服务', field: 'name' },
          { kind: 'company_block', key: 't:数据服务', field: 'name' },
          { kind: 'phone', key: '+8675523456789', field: 'phone' },
        ]);
        const manager = await db
          .selectFrom('roles')
          .select('permissions')
          .where('workspace_id', '=', ws.workspaceId)
          .where('key', '=', 'manager')
          .executeTakeFirstOrThrow();
        expect(database.dialect.readJson<string[]>(manager.permissions)).toContain('records:merge');
      } finally {
        await database.close();
        await drop();
      }
    });
  });
}

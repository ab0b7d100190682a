import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { postgresDialect } from '../dialect/postgres';
import { sqliteDialect } from '../dialect/sqlite';
import type { MigrationContext } from './migration-context';

/**
 * Imports (issue 6, item 5; docs/data-quality.md#import): the uploaded files with their progress, the
 * outcome of every row for the report, and 'imports:run' for the built-in manager roles (admins hold
 * every permission).
 */
export async function up(db: Kysely<unknown>, { kind, types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('imports')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('filename', 'varchar(255)', (c) => c.notNull())
    .addColumn('format', 'varchar(10)', (c) => c.notNull())
    .addColumn('encoding', 'varchar(20)')
    .addColumn('file_path', 'varchar(1000)', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('headers', t.json, (c) => c.notNull())
    .addColumn('row_estimate', 'integer')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('options', t.json)
    .addColumn('total_rows', 'integer')
    .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', t.instant)
    .addColumn('finished_at', t.instant)
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('imports_pk', ['workspace_id', 'id'])
    .execute();
  // The list: a workspace's imports newest first (ids are UUIDv7, so id order is time order).
  await db.schema
    .createIndex('imports_creator_idx')
    .on('imports')
    .columns(['workspace_id', 'created_by', 'id'])
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('import_id', t.id, (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('record_id', t.id)
    .addPrimaryKeyConstraint('import_rows_pk', ['workspace_id', 'import_id', 'row_number'])
    .execute();

  const app = db as unknown as Kysely<DB>;
  const dialect = kind === 'postgres' ? postgresDialect : sqliteDialect;
  const managers = await app
    .selectFrom('roles')
    .select(['id', 'permissions'])
    .where('key', '=', 'manager')
    .execute();
  for (const role of managers) {
    const permissions = dialect.readJson<string[]>(role.permissions) ?? [];
    if (permissions.includes('imports:run')) continue;
    await app
      .updateTable('roles')
      .set({ permissions: dialect.writeJson([...permissions, 'imports:run']) })
      .where('id', '=', role.id)
      .execute();
  }
}

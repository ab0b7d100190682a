import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { DEDUPE_ENTITIES } from '@tideline/shared';
import type { DB } from '../schema';
import { postgresDialect } from '../dialect/postgres';
import { sqliteDialect } from '../dialect/sqlite';
import { keyFieldsFor } from '../../modules/dedupe/dedupe.fields';
import { writeEntityKeys } from '../../modules/dedupe/dedupe-rebuild';
import { loadRules } from '../../modules/dedupe/dedupe-rules';
import type { MigrationContext } from './migration-context';

/**
 * Duplicate blocking, finder and merge (issue 6; docs/data-quality.md): the duplicate keys the services
 * keep beside every customer, contact and lead; the rules per workspace and entity; the merge column
 * of the three tables; 'records:merge' for the built-in manager roles (admins hold every permission).
 * Existing records get their keys here, with the same code the services use.
 */
export async function up(db: Kysely<unknown>, { kind, types: t }: MigrationContext): Promise<void> {
  // Keys of existing records are staged unindexed and enter the keyed table in key order at the end:
  // a sorted build instead of millions of random index inserts (docs/data-quality.md).
  const columns = (t2: ReturnType<Kysely<unknown>['schema']['createTable']>) =>
    t2
      .addColumn('workspace_id', t.id, (c) => c.notNull())
      .addColumn('entity', 'varchar(20)', (c) => c.notNull())
      .addColumn('kind', 'varchar(90)', (c) => c.notNull())
      .addColumn('key', 'varchar(300)', (c) => c.notNull())
      .addColumn('record_id', t.id, (c) => c.notNull())
      .addColumn('field', 'varchar(90)', (c) => c.notNull());
  await columns(db.schema.createTable('dedupe_keys_backfill')).execute();

  await db.schema
    .createTable('duplicate_rules')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('rules', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by', t.id)
    .addPrimaryKeyConstraint('duplicate_rules_pk', ['workspace_id', 'entity'])
    .execute();

  for (const table of ['customers', 'contacts', 'leads'])
    await db.schema.alterTable(table).addColumn('merged_into_id', sql.raw(t.id)).execute();

  const app = db as unknown as Kysely<DB>;
  const dialect = kind === 'postgres' ? postgresDialect : sqliteDialect;
  const managers = await app
    .selectFrom('roles')
    .select(['id', 'permissions'])
    .where('key', '=', 'manager')
    .execute();
  for (const role of managers) {
    const permissions = dialect.readJson<string[]>(role.permissions) ?? [];
    if (permissions.includes('records:merge')) continue;
    await app
      .updateTable('roles')
      .set({ permissions: dialect.writeJson([...permissions, 'records:merge']) })
      .where('id', '=', role.id)
      .execute();
  }

  for (const ws of await app.selectFrom('workspaces').select('id').execute()) {
    const rules = await loadRules(app, dialect, ws.id);
    for (const entity of DEDUPE_ENTITIES)
      await writeEntityKeys(
        app,
        dialect,
        ws.id,
        entity,
        keyFieldsFor(entity, rules[entity]),
        'dedupe_keys_backfill',
      );
  }

  // The key's own columns first: a check on create and the finder's grouping read it in order.
  let keys = columns(db.schema.createTable('dedupe_keys')).addPrimaryKeyConstraint('dedupe_keys_pk', [
    'workspace_id',
    'entity',
    'kind',
    'key',
    'record_id',
    'field',
  ]);
  if (kind === 'sqlite') keys = keys.modifyEnd(sql`without rowid`);
  await keys.execute();
  await sql`insert into dedupe_keys (workspace_id, entity, kind, key, record_id, field)
    select workspace_id, entity, kind, key, record_id, field from dedupe_keys_backfill
    order by workspace_id, entity, kind, key, record_id, field`.execute(db);
  await db.schema.dropTable('dedupe_keys_backfill').execute();
  await db.schema
    .createIndex('dedupe_keys_record_idx')
    .on('dedupe_keys')
    .columns(['workspace_id', 'entity', 'record_id'])
    .execute();
}

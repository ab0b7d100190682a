import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Lead distribution (线索分配, docs/pool.md): ordered rules per workspace and entity, one round-robin
 * pointer per rule, the fallback per entity, the log of every automatic assignment; and users' leave
 * (`away_until`), which distribution skips.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('away_until', sql.raw(t.instant)).execute();

  await db.schema
    .createTable('distribution_rules')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('conditions', t.json)
    .addColumn('method', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('distribution_rules_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('distribution_rules_order_idx')
    .on('distribution_rules')
    .columns(['workspace_id', 'entity', 'position'])
    .execute();

  await db.schema
    .createTable('distribution_cursors')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('rule_id', t.id, (c) => c.notNull())
    .addColumn('next_index', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('distribution_cursors_pk', ['workspace_id', 'rule_id'])
    .addForeignKeyConstraint(
      'distribution_cursors_rule_fk',
      ['workspace_id', 'rule_id'],
      'distribution_rules',
      ['workspace_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();

  await db.schema
    .createTable('distribution_settings')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('fallback', 'varchar(20)', (c) => c.notNull())
    .addColumn('pool_id', t.id)
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by', t.id)
    .addPrimaryKeyConstraint('distribution_settings_pk', ['workspace_id', 'entity'])
    .execute();

  await db.schema
    .createTable('distribution_log')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('record_id', t.id, (c) => c.notNull())
    .addColumn('rule_id', t.id)
    .addColumn('rule_name', 'varchar(200)')
    .addColumn('owner_id', t.id)
    .addColumn('pool_id', t.id)
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('reason_en', 'varchar(500)', (c) => c.notNull())
    .addColumn('steps', t.json, (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('distribution_log_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('distribution_log_record_idx')
    .on('distribution_log')
    .columns(['workspace_id', 'record_id', 'created_at'])
    .execute();
}

import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Saved list views: a named filter, sort and column set for one entity, personal to its owner or
 * shared with the whole workspace.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('owner_id', t.id, (c) => c.notNull())
    .addColumn('entity', 'varchar(20)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('filter', t.json, (c) => c.notNull())
    .addColumn('sort', 'varchar(80)')
    .addColumn('columns', t.json, (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('saved_views_pk', ['workspace_id', 'id'])
    .execute();
  // A list page asks for "my views and the shared ones of this entity".
  await db.schema
    .createIndex('saved_views_entity_idx')
    .on('saved_views')
    .columns(['workspace_id', 'entity', 'owner_id'])
    .execute();
}

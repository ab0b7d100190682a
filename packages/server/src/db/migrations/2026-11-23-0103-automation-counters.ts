import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/** Small named counters of the automation engine, e.g. the next person of a round-robin step. */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('automation_counters')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_counters_pk', ['workspace_id', 'key'])
    .execute();
}

import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Hand-overs (issue 5 item 6, docs/pool.md "Hand-over"): one row per hand-over with its targets, the
 * plan counted when it started, the counts moved so far and the resumable state of the background job.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('handovers')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('from_user_id', t.id, (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('source', 'varchar(20)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('to_pool', t.id)
    .addColumn('deals_to', t.id)
    .addColumn('leads', 'varchar(20)', (c) => c.notNull())
    .addColumn('deactivate', 'integer', (c) => c.notNull())
    .addColumn('deactivated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('targets', t.json, (c) => c.notNull())
    .addColumn('planned', t.json, (c) => c.notNull())
    .addColumn('moved', t.json, (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('pooled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unassigned_leads', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', t.json, (c) => c.notNull())
    .addColumn('error', 'varchar(2000)')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('started_at', t.instant)
    .addColumn('finished_at', t.instant)
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('handovers_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('handovers_from_idx')
    .on('handovers')
    .columns(['workspace_id', 'from_user_id', 'status'])
    .execute();
}

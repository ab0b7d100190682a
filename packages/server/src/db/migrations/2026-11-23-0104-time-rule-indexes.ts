import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Time rules sweep a window of one date column across a whole workspace ("last contact between … and
 * …", "entered the stage before …"). Without these indexes each sweep read every row.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  const index = (name: string, table: string, column: string) =>
    db.schema.createIndex(name).on(table).columns(['workspace_id', column]).execute();
  await index('customers_last_contact_idx', 'customers', 'last_contact_at');
  await index('customers_last_purchase_idx', 'customers', 'last_purchase_at');
  await index('leads_last_contact_idx', 'leads', 'last_contact_at');
  await index('deals_stage_entered_idx', 'deals', 'stage_entered_at');
  await index('deals_expected_close_idx', 'deals', 'expected_close_date');
  await index('tasks_due_idx', 'tasks', 'due_at');
}

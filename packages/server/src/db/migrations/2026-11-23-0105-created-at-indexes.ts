import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/** Time rules on "created + N days" sweep a window of created_at; without these they read every row. */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  for (const table of ['customers', 'leads', 'contacts', 'deals'])
    await db.schema
      .createIndex(`${table}_created_at_idx`)
      .on(table)
      .columns(['workspace_id', 'created_at'])
      .execute();
}

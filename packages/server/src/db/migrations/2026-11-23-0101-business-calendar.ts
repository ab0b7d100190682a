import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * One business calendar (工作日历) per workspace: working days and hours, holidays and swapped working
 * days, as one JSON definition. No row means the workspace uses the built-in China calendar.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('business_calendars')
    .addColumn('workspace_id', t.id, (c) => c.notNull().primaryKey())
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('updated_by', t.id)
    .execute();
}

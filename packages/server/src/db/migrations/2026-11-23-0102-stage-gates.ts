import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Stage gates: per stage, the fields a deal must carry and the condition it must meet to enter, and
 * the fields set as it enters. Null means the stage has no gate.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema.alterTable('stages').addColumn('gate', t.json).execute();
}

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * Lists put never-contacted customers last in both directions. SQLite's ascending index already
 * reads backwards as DESC NULLS LAST; PostgreSQL sorts NULLs high, so it needs the order spelled out
 * for "my customers, most recently contacted first" to come straight from the index.
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  if (kind !== 'postgres') return;
  await sql`create index customers_owner_recent_idx on customers
    (workspace_id, owner_id, last_contact_at desc nulls last, id desc)`.execute(db);
}

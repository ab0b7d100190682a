import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * The customer list's default order is "recently updated first". With a filter, the only index in
 * that order was (workspace_id, updated_at), walked until 50 rows match. That is fast for common
 * values, but a value that is rare among recent rows (沉默 / 流失 customers, 沉睡 level) walked most
 * of a million rows (2-4 s), and so did a rep's list, whose rows are 0.5 % of the workspace.
 * These indexes give the rep scope, status and level their own rows in updated order
 * (bench: `npm run bench -- --suite web`, docs/benchmarks.md).
 */
export async function up(db: Kysely<unknown>, { kind }: MigrationContext): Promise<void> {
  if (kind === 'sqlite') {
    // SQLite reads an ascending index backwards as DESC NULLS LAST. The tables carry no planner
    // statistics, so the planner counts the columns an index matches: `deleted_at` (every list asks
    // `deleted_at is null`) lets a rep's owner index out-match the status and level ones.
    await sql`create index customers_owner_updated_idx on customers
      (workspace_id, owner_id, deleted_at, updated_at)`.execute(db);
    await sql`create index customers_status_updated_idx on customers (workspace_id, status, updated_at)`.execute(
      db,
    );
    await sql`create index customers_level_updated_idx on customers (workspace_id, level, updated_at)`.execute(
      db,
    );
    return;
  }
  // PostgreSQL sorts NULLs high, so the list's order (DESC NULLS LAST, id DESC) is spelled out; without
  // it even the unfiltered admin list read and sorted every row of the workspace.
  await sql`create index customers_recent_idx on customers
    (workspace_id, updated_at desc nulls last, id desc)`.execute(db);
  await sql`create index customers_owner_updated_idx on customers
    (workspace_id, owner_id, updated_at desc nulls last, id desc)`.execute(db);
  await sql`create index customers_status_updated_idx on customers
    (workspace_id, status, updated_at desc nulls last, id desc)`.execute(db);
  await sql`create index customers_level_updated_idx on customers
    (workspace_id, level, updated_at desc nulls last, id desc)`.execute(db);
}

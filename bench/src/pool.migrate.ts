import { Migrator, sql } from 'kysely';
import type { Migration } from 'kysely';
import type { Database } from '../../packages/server/src/db/database';
import { MIGRATIONS } from '../../packages/server/src/db/migrations';
import { migrationContext } from '../../packages/server/src/db/migrations/migration-context';

const POOLS = '2026-11-23-0110-pools';

/**
 * Bring a long-lived benchmark database up to the pools migration, which landed after later-named
 * ones (0150) had already run there. Only pending migrations up to `upTo` are applied (a later one may
 * still be in the making); they run out of order and then take the timestamp of their successor by
 * name, so that Kysely's ordered check (executed migrations sorted by timestamp, then name) keeps
 * passing for every other tool opening the same database.
 */
export async function migrateOutOfOrder(database: Database, upTo = POOLS): Promise<string[]> {
  const ctx = migrationContext(database.dialect.kind);
  const { rows: done } = await sql<{ name: string; timestamp: string }>`select name, timestamp
    from kysely_migration`.execute(database.db);
  const executed = new Set(done.map((r) => r.name));
  const migrator = new Migrator({
    db: database.db,
    allowUnorderedMigrations: true,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(
          Object.entries(MIGRATIONS)
            .filter(([name]) => name <= upTo || executed.has(name))
            .map(([name, m]): [string, Migration] => [name, { up: (db) => m.up(db, ctx) }]),
        ),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp
    from kysely_migration`.execute(database.db);
  for (const r of rows) {
    const successor = rows.filter((x) => x.name > r.name).sort((a, b) => (a.name < b.name ? -1 : 1))[0];
    if (successor && r.timestamp > successor.timestamp)
      await sql`update kysely_migration set timestamp = ${successor.timestamp} where name = ${r.name}`.execute(
        database.db,
      );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import { performance } from 'node:perf_hooks';
import { Migrator } from 'kysely';
import type { Migration } from 'kysely';
import { migrateToLatest, openDatabase } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import { MIGRATIONS } from '../../packages/server/src/db/migrations';
import { migrationContext } from '../../packages/server/src/db/migrations/migration-context';

/**
 * Apply pending migrations. Migrations land with names that sort before ones a database already has
 * (0105, 0110, 0120 after 0150); `migrateToLatest` then refuses to open the database, so the bench
 * applies them unordered and says so.
 */
export async function migrateAnyOrder(
  database: Database,
  only?: (name: string) => boolean,
): Promise<{ ms: number; note: string | null }> {
  const t = performance.now();
  try {
    if (only) throw new Error('corrupted migrations: (only some are wanted)');
    const applied = await migrateToLatest(database);
    return { ms: performance.now() - t, note: applied.length ? `applied ${applied.join(', ')}` : null };
  } catch (err) {
    if (!String(err).includes('corrupted migrations')) throw err;
    const ctx = migrationContext(database.dialect.kind);
    const rows = (await database.db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute()) as unknown as { name: string }[];
    const done = new Set(rows.map((r) => r.name));
    const skipped = Object.keys(MIGRATIONS).filter((n) => only && !only(n) && !done.has(n));
    const migrator = new Migrator({
      db: database.db,
      allowUnorderedMigrations: true,
      provider: {
        getMigrations: async () =>
          Object.fromEntries(
            Object.entries(MIGRATIONS)
              .filter(([name]) => !skipped.includes(name))
              .map(([name, m]): [string, Migration] => [name, { up: (db) => m.up(db, ctx) }]),
          ),
      },
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error;
    const names = (results ?? []).map((r) => r.migrationName).join(', ') || 'nothing';
    const left = skipped.length ? `; left pending: ${skipped.join(', ')}` : '';
    return {
      ms: performance.now() - t,
      note: only
        ? `applied ${names}${left}`
        : `migrateToLatest refused (${String(err).slice(0, 200)}); applied ${names} out of order`,
    };
  }
}

// `node --import tsx bench/src/automation.migrate.ts <postgres URL | SQLite path>`: run before the
// worker processes start, so that migrations landed since the bench started do not stop them.
if (process.argv[1]?.endsWith('automation.migrate.ts')) {
  const target = process.argv[2]!;
  const database = target.startsWith('postgres')
    ? openDatabase({ databaseUrl: target, poolSize: 2 })
    : openDatabase({ sqlitePath: target });
  const { note } = await migrateAnyOrder(database);
  if (note) console.log(note);
  await database.close();
}

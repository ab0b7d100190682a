import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Migration, MigrationProvider, SqliteDatabase } from 'kysely';
import type { DB } from './schema';
import type { Dialect } from './dialect/dialect';
import { sqliteDialect } from './dialect/sqlite';
import { postgresDialect } from './dialect/postgres';
import { MIGRATIONS } from './migrations/index';
import { migrationContext } from './migrations/migration-context';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
  /** The driver under Kysely, for bulk loads only (db/bulk-insert.ts); everything else goes through `db`. */
  raw?: { kind: 'sqlite'; sqlite: SQLite.Database } | { kind: 'postgres'; pool: pg.Pool };
}

export interface DatabaseOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  poolSize?: number;
}

/** pg hands back int8, numeric, dates and instants in forms that differ from SQLite; normalise them here. */
function pgTypes(): pg.CustomTypesConfig {
  const { types } = pg;
  const parsers: Record<number, (v: string) => unknown> = {
    20: (v) => Number(v), // int8: counts and money fit in 2^53
    1700: (v) => Number(v), // numeric: sums
    1082: (v) => v, // date stays YYYY-MM-DD
    1184: (v) => new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString(), // timestamptz
    1114: (v) => new Date(v.replace(' ', 'T') + 'Z').toISOString(),
  };
  return {
    getTypeParser: ((oid: number, format?: string) =>
      parsers[oid] ?? types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes(),
      options: '-c timezone=UTC',
    });
    // An idle connection cut by the server (restart, failover) must not take the process down.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: postgresDialect, close: () => db.destroy(), raw: { kind: 'postgres', pool } };
  }
  const path = options.sqlitePath ?? './data/tideline.db';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -131072'); // 128 MB page cache
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('mmap_size = 1073741824');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: sqliteDialect, close: () => db.destroy(), raw: { kind: 'sqlite', sqlite } };
}

/**
 * Kysely prepares every statement afresh; on a hot list endpoint preparing costs as much as running.
 * better-sqlite3 statements are reusable (execution is synchronous), so keep the recent ones.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (query: string) => {
      let statement = cache.get(query);
      if (!statement) {
        statement = sqlite.prepare(query);
        if (cache.size >= size) cache.delete(cache.keys().next().value as string);
        cache.set(query, statement);
      }
      return statement;
    },
  };
}

/** Bring the schema up to date; safe to run from several processes (the migrator takes a lock). */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const ctx = migrationContext(database.dialect.kind);
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(
        Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
          name,
          { up: (db) => m.up(db, ctx) },
        ]),
      ),
  };
  // Branches merge migrations with earlier names than ones a long-lived database already ran; apply
  // whatever is missing rather than refusing to start.
  const migrator = new Migrator({ db: database.db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (database.dialect.kind === 'sqlite') await refreshSqliteStatistics(database, applied.length > 0);
  return applied;
}

/**
 * SQLite plans without statistics until ANALYZE has run: a new index on (workspace, date) then looks
 * as good as (workspace, customer) and a customer page scans every deal (360 view at 1M: 8 ms → 360 ms).
 * Statistics of nearly empty tables mislead it the other way, so a database is analysed once it holds
 * real data (10,000 customers), sampled (analysis_limit: a few seconds at 1M rows), again after a
 * migration changed the schema, and `PRAGMA optimize` keeps them current afterwards (startServer runs
 * it hourly). PostgreSQL's autovacuum keeps its own.
 */
export async function refreshSqliteStatistics(database: Database, schemaChanged: boolean): Promise<void> {
  const db = database.db;
  const { rows: stats } = await sql<{ n: number }>`
    select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db);
  const analysed = Number(stats[0]?.n) > 0;
  if (analysed && !schemaChanged) {
    await sql`PRAGMA optimize`.execute(db);
    return;
  }
  const { rows: size } = await sql<{ n: number }>`
    select count(*) as n from (select 1 from customers limit 10000)`.execute(db);
  if (Number(size[0]?.n) < 10_000) return;
  await sql`PRAGMA analysis_limit = 1000`.execute(db);
  await sql`ANALYZE`.execute(db);
}

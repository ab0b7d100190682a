import { availableParallelism } from 'node:os';
import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import type { AnyRow, BulkLoadOptions, BulkTable } from './bulk-insert';
import { copyFrom, copyText } from './pg-copy';

/** Executes SQL for the shared large-load steps; each dialect supplies its own. */
export interface Runner {
  exec(text: string): Promise<void>;
  rows<T>(text: string, params?: unknown[]): Promise<T[]>;
  insert(table: BulkTable<never>, rows: ReadonlyArray<AnyRow>): Promise<void>;
  /** Session settings for a large load (parallel sorts, sort memory, journaling) and their undoing. */
  tune: { set(): Promise<void>; reset(): Promise<void> };
}

export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
function insertSql(table: BulkTable<never>, rows: number, placeholder: (i: number) => string): string {
  const cols = table.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ps: string[] = [];
    for (let c = 0; c < cols; c++) ps.push(placeholder(r * cols + c + 1));
    tuples.push(`(${ps.join(',')})`);
  }
  return `insert into ${quote(table.name)} (${table.columns.map(quote).join(',')}) values ${tuples.join(',')}`;
}

/** Copy the rows' values, column by column, into one flat parameter array. */
export function flatten(
  table: BulkTable<never>,
  rows: ReadonlyArray<AnyRow>,
  from: number,
  to: number,
  out: unknown[],
) {
  const cols = table.columns as readonly string[];
  let k = 0;
  for (let r = from; r < to; r++) {
    const row = rows[r] as Record<string, unknown>;
    for (let c = 0; c < cols.length; c++) out[k++] = row[cols[c]!];
  }
  return out;
}

const SQLITE_CACHE = new WeakMap<SQLite.Database, number>();

export function sqliteRunner(sqlite: SQLite.Database, options: BulkLoadOptions): Runner {
  // A big page cache keeps the indexes of a million-row load in memory; restored on release.
  SQLITE_CACHE.set(sqlite, sqlite.pragma('cache_size', { simple: true }) as number);
  sqlite.pragma('cache_size = -2097152');
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: BulkTable<never>, rows: number) => {
    const key = `${table.name}:${rows}`;
    let s = statements.get(key);
    if (!s) {
      s = sqlite.prepare(insertSql(table, rows, () => '?'));
      statements.set(key, s);
    }
    return s;
  };
  return {
    tune: sqliteTuning(sqlite, options.trustedReferences ?? false),
    exec: async (text) => void sqlite.exec(text),
    rows: async <T>(text: string, params: unknown[] = []) => sqlite.prepare(text).all(...params) as T[],
    insert: async (table, rows) => {
      // Several rows per statement halve the per-call overhead; 32 766 is SQLite's variable limit.
      const per = Math.max(1, Math.min(64, Math.floor(32_766 / table.columns.length)));
      let i = 0;
      if (rows.length >= per) {
        const many = statement(table, per);
        const args: unknown[] = new Array(per * table.columns.length);
        for (; i + per <= rows.length; i += per) many.run(flatten(table, rows, i, i + per, args));
      }
      const one = statement(table, 1);
      const args: unknown[] = new Array(table.columns.length);
      for (; i < rows.length; i++) one.run(flatten(table, rows, i, i + 1, args));
    },
  };
}

/**
 * For a large load on SQLite: sorts may use the other cores; temporary data (the staged rows, the
 * sorter's runs) goes to files rather than memory; and, when this is the only connection, the load runs
 * with a rollback journal instead of the WAL — new pages are then written once, straight into the
 * database, instead of into the WAL and again at the checkpoint. Still crash-safe: pages that existed
 * before are journaled. Everything is put back afterwards.
 */
function sqliteTuning(sqlite: SQLite.Database, trustedReferences: boolean): Runner['tune'] {
  let journal: string | null = null;
  let tempStore = 0;
  let foreignKeys = 1;
  return {
    set: async () => {
      foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
      if (trustedReferences) sqlite.pragma('foreign_keys = OFF');
      tempStore = sqlite.pragma('temp_store', { simple: true }) as number;
      sqlite.pragma('temp_store = FILE');
      sqlite.pragma(`threads = ${Math.min(4, availableParallelism())}`);
      if (sqlite.pragma('journal_mode', { simple: true }) === 'wal') {
        try {
          if (sqlite.pragma('journal_mode = DELETE', { simple: true }) === 'delete') journal = 'wal';
        } catch {
          // Another connection has the database open: keep the WAL.
        }
      }
    },
    reset: async () => {
      sqlite.pragma('threads = 0');
      sqlite.pragma(`temp_store = ${tempStore}`);
      sqlite.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
      if (journal) sqlite.pragma(`journal_mode = ${journal}`);
      journal = null;
    },
  };
}

export async function sqliteCleanup(sqlite: SQLite.Database) {
  sqlite.pragma(`cache_size = ${SQLITE_CACHE.get(sqlite) ?? -131072}`);
  // A large load leaves a WAL as big as the data; fold it in and give the space back.
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
}

/** Rows go in by COPY (measured 1.5× faster than 60,000-parameter INSERTs for the 1M-customer seed). */
export function postgresRunner(client: pg.PoolClient, trustedReferences: boolean): Runner {
  return {
    // Index builds and the sorted insert get memory to sort in, and parallel workers for the builds.
    tune: {
      set: async () => {
        await client.query(`set maintenance_work_mem = '1GB'`);
        await client.query(`set work_mem = '256MB'`);
        await client.query('set max_parallel_maintenance_workers = 2');
        // Foreign keys are checked by triggers; replica mode skips them for trusted data. Superusers
        // only: anyone else keeps the checks.
        if (trustedReferences)
          await client.query('set session_replication_role = replica').catch(() => undefined);
      },
      reset: async () => {
        await client.query('reset maintenance_work_mem');
        await client.query('reset work_mem');
        await client.query('reset max_parallel_maintenance_workers');
        if (trustedReferences) await client.query('reset session_replication_role').catch(() => undefined);
      },
    },
    exec: async (text) => void (await client.query(text)),
    rows: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    insert: (table, rows) => copyRows(client, table, rows),
  };
}

/** COPY the rows in, as text in chunks of about 1 MB. */
async function copyRows(client: pg.PoolClient, table: BulkTable<never>, rows: ReadonlyArray<AnyRow>) {
  const cols = table.columns as readonly string[];
  const chunks: string[] = [];
  let buffer = '';
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    let line = copyText(r[cols[0]!]);
    for (let c = 1; c < cols.length; c++) line += `\t${copyText(r[cols[c]!])}`;
    buffer += `${line}\n`;
    if (buffer.length > 1 << 20) {
      chunks.push(buffer);
      buffer = '';
    }
  }
  if (buffer) chunks.push(buffer);
  await copyFrom(client, `copy ${quote(table.name)} (${cols.map(quote).join(', ')}) from stdin`, chunks);
}

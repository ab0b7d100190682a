import { sql } from 'kysely';
import type { Database } from './database';
import { flatten, postgresRunner, quote, sqliteCleanup, sqliteRunner } from './bulk-runners';
import type { Runner } from './bulk-runners';

/** A table and the columns written to it (every row object must have each of them). */
export interface BulkTable<Row = Record<string, unknown>> {
  name: string;
  columns: readonly (keyof Row & string)[];
  /** The primary-key columns, when rows should reach the table in key order (see `sorted`). */
  key?: readonly (keyof Row & string)[];
}

export type AnyRow = object;
/** Rows of several tables that are written together. */
export type BulkBatch = ReadonlyArray<readonly [BulkTable<never>, ReadonlyArray<AnyRow>]>;

/** Declare a table for bulk writes; `columns` are checked against the row type. */
export function bulkTable<Row>(
  name: string,
  columns: readonly (keyof Row & string)[],
  key?: readonly (keyof Row & string)[],
): BulkTable<Row> {
  return key ? { name, columns, key } : { name, columns };
}

/** One entry of a batch, with the rows checked against the table's row type. */
export function rowsFor<Row>(table: BulkTable<Row>, rows: readonly Row[]): BulkBatch[number] {
  return [table as BulkTable<never>, rows as ReadonlyArray<AnyRow>];
}

export interface BulkLoadOptions {
  /**
   * A large load runs as ONE transaction: the secondary indexes of `tables` are dropped first and
   * rebuilt at the end (a sorted build is many times faster than millions of random inserts), and rows
   * of `sorted` tables are staged and inserted in primary-key order at the end. Readers keep seeing
   * the old snapshot, indexes included, until the commit; a failure rolls everything back.
   */
  large?: { tables: readonly string[]; sorted: readonly BulkTable<never>[] };
  /**
   * The caller vouches that every reference in the rows holds (generated data): SQLite then skips the
   * per-row foreign-key lookups during a large load.
   */
  trustedReferences?: boolean;
  /** Told how long each step of finishing a large load took (for benchmarks). */
  onStep?: (step: string, ms: number) => void;
}

/**
 * The fastest way each dialect takes many rows: prepared multi-row statements on the raw better-sqlite3
 * handle, COPY on one pg connection. For system imports (seeding) only: it writes no
 * audit entries, events or search grams of its own — callers supply every row they need.
 */
export interface BulkWriter {
  /** Write a batch: its own transaction, or part of the large load's one transaction. */
  write(batch: BulkBatch): Promise<void>;
  /** Finish a large load (sorted inserts, index builds, commit); a no-op otherwise. */
  finish(): Promise<void>;
  /** Roll back an unfinished large load and release the connection. Safe to call after finish. */
  close(): Promise<void>;
}

export async function openBulkWriter(database: Database, options: BulkLoadOptions = {}): Promise<BulkWriter> {
  const raw = database.raw;
  if (raw?.kind === 'sqlite')
    return loader(sqliteRunner(raw.sqlite, options), 'sqlite', options, () => sqliteCleanup(raw.sqlite));
  if (raw?.kind === 'postgres') {
    const client = await raw.pool.connect();
    // Losing the last batches on a crash is fine for an import that is rerun anyway.
    await client.query('set synchronous_commit = off');
    return loader(
      postgresRunner(client, options.trustedReferences ?? false),
      'postgres',
      options,
      async () => {
        await client.query('reset synchronous_commit').catch(() => undefined);
        client.release();
      },
    );
  }
  return kyselyWriter(database);
}

const stagingName = (table: BulkTable<never>) => `bulk_stage_${table.name}`;

async function loader(
  run: Runner,
  kind: 'sqlite' | 'postgres',
  options: BulkLoadOptions,
  release: () => Promise<void>,
): Promise<BulkWriter> {
  const large = options.large;
  if (!large) {
    return {
      write: async (batch) => {
        await run.exec('begin');
        try {
          for (const [table, rows] of batch) if (rows.length) await run.insert(table, rows);
          await run.exec('commit');
        } catch (error) {
          await run.exec('rollback');
          throw error;
        }
      },
      finish: async () => undefined,
      close: release,
    };
  }
  let open = true;
  await run.tune.set();
  const untune = () => run.tune.reset().catch(() => undefined);
  const step = async (name: string, text: string) => {
    const started = performance.now();
    await run.exec(text);
    options.onStep?.(name, performance.now() - started);
  };
  await run.exec(kind === 'sqlite' ? 'begin immediate' : 'begin');
  try {
    const indexes = await secondaryIndexes(run, kind, large.tables);
    for (const ix of indexes) await run.exec(`drop index ${quote(ix.name)}`);
    // PostgreSQL can drop a primary key nobody references and rebuild it by sorting, like any index;
    // SQLite's WITHOUT ROWID key is the table itself, so its rows are staged and inserted in key order.
    const keys = kind === 'postgres' ? await droppableKeys(run, large.sorted) : [];
    for (const k of keys) await run.exec(`alter table ${quote(k.table)} drop constraint ${quote(k.name)}`);
    const staged = large.sorted.filter((t) => !keys.some((k) => k.table === t.name));
    for (const t of staged) {
      await run.exec(
        `create temp table ${quote(stagingName(t))} as select * from ${quote(t.name)} where 1 = 0`,
      );
    }
    const stagedNames = new Set(staged.map((t) => t.name));
    return {
      write: async (batch) => {
        for (const [table, rows] of batch) {
          if (!rows.length) continue;
          await run.insert(
            stagedNames.has(table.name) ? { ...table, name: stagingName(table) } : table,
            rows,
          );
        }
      },
      finish: async () => {
        for (const t of staged) {
          const cols = t.columns.map(quote).join(', ');
          const order = (t.key ?? t.columns).map(quote).join(', ');
          await step(
            `sorted insert ${t.name}`,
            `insert into ${quote(t.name)} (${cols}) select ${cols} from ${quote(stagingName(t))} order by ${order}`,
          );
          await step(`drop staging ${t.name}`, `drop table ${quote(stagingName(t))}`);
        }
        for (const k of keys) {
          await step(
            `key ${k.name}`,
            `alter table ${quote(k.table)} add constraint ${quote(k.name)} ${k.definition}`,
          );
        }
        for (const ix of indexes) await step(`index ${ix.name}`, ix.sql);
        await step('commit', 'commit');
        open = false;
      },
      close: async () => {
        try {
          if (open) await run.exec('rollback');
          await untune();
        } finally {
          await release();
        }
      },
    };
  } catch (error) {
    await run.exec('rollback').catch(() => undefined);
    await untune();
    await release();
    throw error;
  }
}

/** Primary keys of these tables that no foreign key references (PostgreSQL), with their definitions. */
async function droppableKeys(run: Runner, tables: readonly BulkTable<never>[]) {
  const out: { table: string; name: string; definition: string }[] = [];
  for (const t of tables) {
    const rows = await run.rows<{ name: string; definition: string }>(
      `select c.conname as name, pg_get_constraintdef(c.oid) as definition from pg_constraint c
       where c.conrelid = to_regclass($1) and c.contype = 'p'
         and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)`,
      [t.name],
    );
    out.push(...rows.map((r) => ({ table: t.name, ...r })));
  }
  return out;
}

/** Indexes that no constraint needs, with the statement that recreates each exactly. */
async function secondaryIndexes(run: Runner, kind: 'sqlite' | 'postgres', tables: readonly string[]) {
  const out: { name: string; sql: string }[] = [];
  for (const table of tables) {
    const rows =
      kind === 'sqlite'
        ? await run.rows<{ name: string; sql: string }>(
            `select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null`,
            [table],
          )
        : await run.rows<{ name: string; sql: string }>(
            `select i.indexname as name, i.indexdef as sql from pg_indexes i
             where i.schemaname = current_schema() and i.tablename = $1
               and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
            [table],
          );
    out.push(...rows);
  }
  return out;
}

/** Fallback for a Database opened without its raw driver (tests that build one by hand). */
function kyselyWriter(database: Database): BulkWriter {
  return {
    write: async (batch) => {
      await database.db.transaction().execute(async (trx) => {
        for (const [table, rows] of batch) {
          const per = Math.max(1, Math.floor(database.dialect.maxParameters / table.columns.length));
          for (let i = 0; i < rows.length; i += per) {
            const tuples = rows
              .slice(i, i + per)
              .map((r) => sql`(${sql.join(flatten(table, [r], 0, 1, []))})`);
            await sql`insert into ${sql.table(table.name)} (${sql.join(table.columns.map((c) => sql.ref(c)))}) values ${sql.join(tuples)}`.execute(
              trx,
            );
          }
        }
      });
    },
    finish: async () => undefined,
    close: async () => undefined,
  };
}

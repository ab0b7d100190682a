import type { Insertable } from 'kysely';
import { chunkRows } from '../core/chunk';
import type { Executor } from '../core/transaction';
import type { Dialect } from './dialect/dialect';
import type { DB } from './schema';

/**
 * Insert rows with as few multi-row statements as the database's bound-parameter limit allows. The
 * columns per row are counted from the rows themselves (the union of their keys, as Kysely writes them),
 * so a new column cannot silently overflow the limit.
 */
export async function insertRows<T extends keyof DB & string>(
  trx: Executor,
  dialect: Dialect,
  table: T,
  rows: readonly Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) columns.add(k);
  for (const part of chunkRows(rows, columns.size, dialect.maxParameters))
    await trx
      .insertInto(table)
      .values(part as never)
      .execute();
}

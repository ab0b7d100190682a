import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { AppDeps } from './deps';

export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Run `fn` in one transaction: the rows, the audit entries and the domain events of a change commit
 * together or not at all. Nested calls reuse the outer transaction.
 */
export async function inTransaction<T>(
  deps: AppDeps,
  fn: (trx: Transaction<DB>) => Promise<T>,
  outer?: Executor,
): Promise<T> {
  if (outer && outer.isTransaction) return fn(outer as Transaction<DB>);
  return deps.database.db.transaction().execute(fn);
}

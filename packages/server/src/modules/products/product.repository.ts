import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { ProductTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';

export type ProductRow = Selectable<ProductTable>;
export type ProductInsert = Insertable<ProductTable>;
export type ProductPatch = Updateable<ProductTable>;
/** A product as the API shows it: `active` as a boolean, custom values parsed. */
export type Product = Omit<ProductRow, 'custom' | 'active'> & {
  active: boolean;
  custom: Record<string, unknown>;
};

export function toProduct(dialect: Dialect, row: ProductRow): Product {
  return {
    ...row,
    active: row.active === 1,
    custom: dialect.readJson<Record<string, unknown>>(row.custom) ?? {},
  };
}

export async function findProduct(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx.selectFrom('products').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findProducts(
  trx: Executor,
  workspaceId: string,
  ids: string[],
  opts: { lock?: Dialect } = {},
) {
  if (ids.length === 0) return [];
  let q = trx
    .selectFrom('products')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

/** A live product holding this SKU, other than `exceptId`. */
export async function findProductBySku(trx: Executor, workspaceId: string, sku: string, exceptId?: string) {
  let q = trx
    .selectFrom('products')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('sku', '=', sku)
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.executeTakeFirst();
}

export interface ListProductsSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listProductRows(trx: Executor, q: ListProductsSql): Promise<ProductRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<ProductRow>`select * from products
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertProduct(trx: Executor, row: ProductInsert) {
  await trx.insertInto('products').values(row).execute();
}

export async function updateProductRow(trx: Executor, workspaceId: string, id: string, patch: ProductPatch) {
  await trx
    .updateTable('products')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** A unique-index violation on either driver (two writers racing for the same SKU). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

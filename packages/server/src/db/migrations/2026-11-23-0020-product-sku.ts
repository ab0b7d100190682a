import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * One live product per SKU in a workspace. Partial, so a deleted product's SKU can be reused; the
 * product service checks first and answers 409, the index settles races.
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema
    .createIndex('products_sku_uq')
    .on('products')
    .columns(['workspace_id', 'sku'])
    .unique()
    .where(sql.ref('sku'), 'is not', null)
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';
import * as foundation from './2026-11-23-0001-foundation';
import * as listOrderIndexes from './2026-11-23-0002-list-order-indexes';
import * as productSku from './2026-11-23-0020-product-sku';
import * as savedViews from './2026-11-23-0060-saved-views';

export interface TidelineMigration {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** Every migration in order. Names are timestamped and never change once landed. */
export const MIGRATIONS: Record<string, TidelineMigration> = {
  '2026-11-23-0001-foundation': foundation,
  '2026-11-23-0002-list-order-indexes': listOrderIndexes,
  '2026-11-23-0020-product-sku': productSku,
  '2026-11-23-0060-saved-views': savedViews,
};

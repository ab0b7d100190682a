import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';
import * as foundation from './2026-11-23-0001-foundation';
import * as listOrderIndexes from './2026-11-23-0002-list-order-indexes';
import * as productSku from './2026-11-23-0020-product-sku';
import * as savedViews from './2026-11-23-0060-saved-views';
import * as automation from './2026-11-23-0100-automation';
import * as businessCalendar from './2026-11-23-0101-business-calendar';
import * as stageGates from './2026-11-23-0102-stage-gates';
import * as automationCounters from './2026-11-23-0103-automation-counters';
import * as timeRuleIndexes from './2026-11-23-0104-time-rule-indexes';
import * as createdAtIndexes from './2026-11-23-0105-created-at-indexes';
import * as pools from './2026-11-23-0110-pools';
import * as distribution from './2026-11-23-0111-distribution';
import * as handovers from './2026-11-23-0112-handovers';
import * as dedupe from './2026-11-23-0120-dedupe';
import * as imports from './2026-11-23-0121-imports';
import * as customerListIndexes from './2026-11-23-0150-customer-list-indexes';

export interface TidelineMigration {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** Every migration in order. Names are timestamped and never change once landed. */
export const MIGRATIONS: Record<string, TidelineMigration> = {
  '2026-11-23-0001-foundation': foundation,
  '2026-11-23-0002-list-order-indexes': listOrderIndexes,
  '2026-11-23-0020-product-sku': productSku,
  '2026-11-23-0060-saved-views': savedViews,
  '2026-11-23-0100-automation': automation,
  '2026-11-23-0101-business-calendar': businessCalendar,
  '2026-11-23-0102-stage-gates': stageGates,
  '2026-11-23-0103-automation-counters': automationCounters,
  '2026-11-23-0104-time-rule-indexes': timeRuleIndexes,
  '2026-11-23-0105-created-at-indexes': createdAtIndexes,
  '2026-11-23-0110-pools': pools,
  '2026-11-23-0111-distribution': distribution,
  '2026-11-23-0112-handovers': handovers,
  '2026-11-23-0120-dedupe': dedupe,
  '2026-11-23-0121-imports': imports,
  '2026-11-23-0150-customer-list-indexes': customerListIndexes,
};

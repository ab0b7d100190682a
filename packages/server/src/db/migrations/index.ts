import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';
import * as foundation from './2026-11-23-0001-foundation';

export interface TidelineMigration {
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}

/** Every migration in order. Names are timestamped and never change once landed. */
export const MIGRATIONS: Record<string, TidelineMigration> = {
  '2026-11-23-0001-foundation': foundation,
};

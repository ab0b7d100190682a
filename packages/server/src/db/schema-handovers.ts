import type { ColumnType } from 'kysely';

/** Row type of the hand-over table (migration 2026-11-23-0112-handovers). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;
type Bool = number;

export interface HandoverTable {
  workspace_id: string;
  id: string;
  from_user_id: string;
  /** Who started it (the job acts as them); the source of their request goes into the audit. */
  actor_id: string | null;
  source: string;
  status: string;
  to_pool: string | null;
  deals_to: string | null;
  leads: string;
  deactivate: Bool;
  deactivated: ColumnType<Bool, Bool | undefined, Bool>;
  /** [{user_id, share, counts}] — counts moved to each rep so far. */
  targets: Json;
  planned: Json;
  moved: Json;
  total: number;
  done: number;
  pooled: ColumnType<number, number | undefined, number>;
  unassigned_leads: ColumnType<number, number | undefined, number>;
  /** Where the job is: phase, keyset cursor and the round-robin counters (see handover-plan.ts). */
  state: Json;
  error: string | null;
  created_at: Instant;
  started_at: Instant | null;
  finished_at: Instant | null;
  updated_at: Instant;
}

export interface HandoverTables {
  handovers: HandoverTable;
}

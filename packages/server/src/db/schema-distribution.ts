import type { ColumnType } from 'kysely';

/** Row types of the lead distribution tables (migration 2026-11-23-0111-distribution). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;
type Bool = number;

/** One ordered rule of a workspace for one entity (lead or customer). */
export interface DistributionRuleTable {
  workspace_id: string;
  id: string;
  entity: string;
  name: string;
  position: number;
  enabled: Bool;
  conditions: ColumnType<unknown, string | null, string | null>;
  method: Json;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The round-robin pointer of a rule: one row, locked and moved in the assignment's transaction. */
export interface DistributionCursorTable {
  workspace_id: string;
  rule_id: string;
  next_index: number;
}

/** What happens when no rule of an entity chose anyone. No row: the creator keeps the record. */
export interface DistributionSettingTable {
  workspace_id: string;
  entity: string;
  fallback: string;
  pool_id: string | null;
  updated_at: Instant;
  updated_by: string | null;
}

/** Every automatic assignment: which rule chose whom, and why (zh and en), with the rules skipped. */
export interface DistributionLogTable {
  workspace_id: string;
  id: string;
  entity: string;
  record_id: string;
  rule_id: string | null;
  rule_name: string | null;
  owner_id: string | null;
  pool_id: string | null;
  reason: string;
  reason_en: string;
  steps: Json;
  actor_id: string | null;
  created_at: Instant;
}

export interface DistributionTables {
  distribution_rules: DistributionRuleTable;
  distribution_cursors: DistributionCursorTable;
  distribution_settings: DistributionSettingTable;
  distribution_log: DistributionLogTable;
}

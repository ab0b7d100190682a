import type { ColumnType } from 'kysely';

/** Row types of the public pool tables (migration 2026-11-23-0110-pools). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;
type Bool = number;

/**
 * The pool columns of `customers`. They are kept apart from CustomerTable so that code building whole
 * customer rows (create, seeding) does not have to name them; the pools module reads and writes them
 * through `PoolDB`.
 */
export interface CustomerPoolColumns {
  /** The pool the customer waits in; null while someone owns it. */
  pool_id: string | null;
  pool_entered_at: Instant | null;
  /** Who owned it before it last went to a pool. */
  previous_owner_id: string | null;
  /** Why it last went to a pool (release reason or recycle rule). */
  recycle_reason: string | null;
  released_at: Instant | null;
  times_dropped: ColumnType<number, number | undefined, number>;
  /** When the current owner got it from a pool (claim or assignment); restarts the recycle clock. */
  claimed_at: Instant | null;
  /** Key account (锁定客户): exempt from recycling by rules that say so. */
  is_locked: ColumnType<Bool, Bool | undefined, Bool>;
}

export interface PoolTable {
  workspace_id: string;
  id: string;
  name: string;
  description: string | null;
  scope: string;
  department_id: string | null;
  source: string | null;
  hidden_fields: Json;
  daily_claim_limit: number | null;
  cooldown_days: number;
  enabled: Bool;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface PoolMemberTable {
  workspace_id: string;
  pool_id: string;
  member_type: string;
  member_id: string;
}

export interface PoolAdminTable {
  workspace_id: string;
  pool_id: string;
  user_id: string;
}

export interface PoolRecycleRuleTable {
  workspace_id: string;
  id: string;
  pool_id: string;
  position: number;
  kind: string;
  days: number;
  days_by_level: Json;
  warn_days: number;
  warn_email: Bool;
  warn_robot: ColumnType<unknown, string | null, string | null>;
  exempt_locked: Bool;
  exempt_won: Bool;
  exempt_open_deals: Bool;
  enabled: Bool;
  effective_from: Instant;
  swept_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface OwnerCapTable {
  workspace_id: string;
  id: string;
  subject_type: string;
  subject_id: string;
  max_customers: number;
  count_won: Bool;
  created_at: Instant;
  updated_at: Instant;
}

export interface PoolMoveTable {
  workspace_id: string;
  id: string;
  customer_id: string;
  pool_id: string | null;
  kind: string;
  actor_id: string | null;
  from_owner_id: string | null;
  to_owner_id: string | null;
  reason: string | null;
  rule_id: string | null;
  at: Instant;
}

export interface PoolWarningTable {
  workspace_id: string;
  rule_id: string;
  customer_id: string;
  due_at: Instant;
  owner_id: string;
  warned_at: Instant;
}

export interface PoolTables {
  pools: PoolTable;
  pool_members: PoolMemberTable;
  pool_admins: PoolAdminTable;
  pool_recycle_rules: PoolRecycleRuleTable;
  owner_caps: OwnerCapTable;
  pool_moves: PoolMoveTable;
  pool_warnings: PoolWarningTable;
}

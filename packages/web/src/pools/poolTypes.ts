import type { ClaimRefusal, PoolMoveKind, PoolRuleKind, PoolScope } from '@tideline/shared';

/** Shapes the pool endpoints answer with (packages/server/src/modules/pools, docs/pool.md). */

export type Person = { id: string; name: string | null } | null;
export type Bilingual = { zh: string; en: string };

export interface RobotView {
  platform: 'wecom' | 'dingtalk' | 'feishu';
  url?: string;
  secret?: string;
}

export interface RuleView {
  id: string;
  position: number;
  kind: PoolRuleKind;
  days: number;
  days_by_level: Record<string, number>;
  warn_days: number;
  warn_email: boolean;
  warn_robot: RobotView | null;
  exempt_locked: boolean;
  exempt_won: boolean;
  exempt_open_deals: boolean;
  enabled: boolean;
  effective_from: string;
  reason: Bilingual;
}

export interface Pool {
  id: string;
  name: string;
  description: string | null;
  scope: PoolScope;
  department_id: string | null;
  source: string | null;
  hidden_fields: string[];
  daily_claim_limit: number | null;
  cooldown_days: number;
  enabled: boolean;
  customer_count: number;
  is_admin: boolean;
  members: { type: 'user' | 'department'; id: string; name: string | null }[];
  admins: { id: string; name: string | null }[];
  rules: RuleView[];
  updated_at: string;
}

export interface MyUsage {
  cap: { cap_id: string; subject_type: string; max_customers: number; count_won: boolean } | null;
  owned: number;
  claims_today: Record<string, number>;
}

export interface PoolList {
  items: Pool[];
  me: MyUsage | null;
}

export interface PoolCustomer {
  id: string;
  name: string;
  level: string | null;
  source: string | null;
  industry: string | null;
  region: string | null;
  phone: string | null;
  email: string | null;
  pool_entered_at: string | null;
  days_in_pool: number;
  times_dropped: number;
  masked: string[];
  previous_owner?: Person;
  recycle_reason?: string | null;
  released_at?: string | null;
}

export interface PoolMove {
  id: string;
  kind: PoolMoveKind;
  at: string;
  customer: { id: string; name: string | null };
  actor: Person;
  from_owner: Person;
  to_owner: Person;
  reason: string | null;
  rule_id: string | null;
}

export interface Refusal {
  id: string;
  index: number;
  reason: ClaimRefusal | 'pool_disabled';
  message: string;
}

export type PoolStatus =
  | {
      in_pool: false;
      pool: { id: string; name: string } | null;
      rule: { id: string; kind: PoolRuleKind; days: number } | null;
      due_at: string | null;
      warn_at: string | null;
      days_left: number | null;
      reason: Bilingual | null;
      countdown: Bilingual | null;
      exemptions: string[];
      locked: boolean;
    }
  | {
      in_pool: true;
      pool: { id: string; name: string };
      pool_entered_at: string | null;
      days_in_pool: number;
      times_dropped: number;
      recycle_reason?: string | null;
      previous_owner?: Person;
      released_at?: string | null;
    };

export interface OwnerCap {
  id: string;
  subject_type: 'user' | 'role' | 'department';
  subject_id: string;
  subject_name: string | null;
  max_customers: number;
  count_won: boolean;
}

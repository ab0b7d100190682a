import type { ColumnType } from 'kysely';

/** Row types of the duplicate tables (migration 2026-11-23-0120-dedupe). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;

/**
 * The normalised values records are compared by (normalised phone, e-mail, company-name core,
 * 统一社会信用代码 …), kept by the services in the transaction that writes the record, so a check on
 * create is an indexed look-up and the duplicate finder groups by key.
 */
export interface DedupeKeyTable {
  workspace_id: string;
  entity: string;
  /** company, company_block, person, phone, email, uscc, or custom:<key>. */
  kind: string;
  key: string;
  record_id: string;
  /** The record's field the key comes from (phone and mobile share the kind `phone`). */
  field: string;
}

/** A workspace's duplicate rules for one entity; no row means the defaults. */
export interface DuplicateRuleTable {
  workspace_id: string;
  entity: string;
  rules: Json;
  updated_at: Instant;
  updated_by: string | null;
}

/**
 * The merge column of customers, contacts and leads: a merged record is soft-deleted and points at
 * the record it was merged into. Kept apart from the main table types (like the pool columns) so code
 * that builds whole rows does not have to name it; the dedupe module reads and writes it.
 */
export interface MergedColumn {
  merged_into_id: string | null;
}

export interface DedupeTables {
  dedupe_keys: DedupeKeyTable;
  duplicate_rules: DuplicateRuleTable;
}

import { z } from 'zod';
import { idSchema } from './common';
import { CUSTOMER_EDITABLE_FIELDS } from './records';

/**
 * Duplicate rules, the duplicate finder and merge (查重 / 合并). See docs/data-quality.md.
 */

export const DEDUPE_ENTITIES = ['customer', 'contact', 'lead'] as const;
export type DedupeEntity = (typeof DEDUPE_ENTITIES)[number];

/** The built-in fields a rule may name, per entity; custom fields are named `custom.<key>`. */
export const DUPLICATE_RULE_FIELDS: Record<DedupeEntity, readonly string[]> = {
  customer: ['name', 'phone', 'email'],
  contact: ['name', 'mobile', 'phone', 'email'],
  lead: ['name', 'company_name', 'mobile', 'phone', 'email'],
};

/** exact: equal after normalisation; fuzzy: company names only, similar enough (see threshold). */
export const DUPLICATE_MATCHES = ['exact', 'fuzzy'] as const;
/** block: the write is refused (409 duplicate); warn: it goes through and the answer says what matched. */
export const DUPLICATE_ACTIONS = ['block', 'warn'] as const;
/** How a custom field's value is compared: as text, or as a 统一社会信用代码, phone, e-mail or company name. */
export const DUPLICATE_NORMALIZERS = ['text', 'uscc', 'phone', 'email', 'company'] as const;

export const duplicateRuleSchema = z.strictObject({
  field: z.string().trim().min(1).max(90),
  match: z.enum(DUPLICATE_MATCHES).default('exact'),
  action: z.enum(DUPLICATE_ACTIONS),
  /** Which records count as the same: by default those of the rule's own entity. */
  against: z.array(z.enum(DEDUPE_ENTITIES)).min(1).max(3).optional(),
  /** For custom fields: how their values are compared (default text). */
  normalize: z.enum(DUPLICATE_NORMALIZERS).optional(),
  /** For fuzzy rules: the lowest name similarity that matches, 0.5–1 (default 0.85). */
  threshold: z.number().min(0.5).max(1).optional(),
});
export type DuplicateRule = z.infer<typeof duplicateRuleSchema>;

const ruleList = z.array(duplicateRuleSchema).max(20);
export const duplicateRulesSchema = z.strictObject({
  customer: ruleList.optional(),
  contact: ruleList.optional(),
  lead: ruleList.optional(),
});
export type DuplicateRulesInput = z.infer<typeof duplicateRulesSchema>;
export type DuplicateRules = Record<DedupeEntity, DuplicateRule[]>;

/**
 * `?allow_duplicate=` on create, update and lead conversion. false: stop at warning rules too (409
 * duplicate_warning), so a person can confirm; true: confirmed. Absent: warnings never stop a write.
 */
export const duplicateQuerySchema = z.object({ allow_duplicate: z.enum(['true', 'false']).optional() });

/** One record a write collided with, as the caller may see it. */
export interface DuplicateMatch {
  entity: DedupeEntity;
  /** The field of the existing record that matched. */
  field: string;
  rule: { field: string; match: 'exact' | 'fuzzy'; action: 'block' | 'warn' };
  /** Whether the caller may open the record; record_id and name are given only then. */
  visible: boolean;
  record_id?: string;
  name?: string;
  owner_name: string | null;
  /** A customer (or a contact's customer) waiting in a public pool. */
  in_pool: boolean;
  /** For fuzzy matches, how alike the names are (0–1). */
  similarity?: number;
}

export const duplicateListQuerySchema = z.strictObject({
  entity: z.enum(DEDUPE_ENTITIES),
  min_confidence: z.coerce.number().min(0.5).max(1).default(0.8),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional(),
  /** true: scan again instead of using the last scan (kept a few minutes). */
  refresh: z.enum(['true', 'false']).optional(),
});

export const duplicateMergeSchema = z.strictObject({
  entity: z.enum(DEDUPE_ENTITIES),
  survivor_id: idSchema,
  merged_ids: z.array(idSchema).min(1).max(20),
  /** Which record's value each field keeps: { "phone": "<id>", "custom.budget": "<id>" }. */
  fields: z.record(z.string().max(90), idSchema).default({}),
});
export type DuplicateMergeInput = z.infer<typeof duplicateMergeSchema>;

export const duplicateBulkMergeSchema = z.strictObject({
  entity: z.enum(DEDUPE_ENTITIES),
  /** Only groups at least this sure are merged (0.9–1, default 0.95). */
  min_confidence: z.number().min(0.9).max(1).default(0.95),
  /** true (the default): say what would be merged, change nothing. */
  preview: z.boolean().default(true),
  limit: z.number().int().min(1).max(500).default(100),
});

/** Fields a merge may take from any of the merged records (`custom.<key>` come on top). */
export const MERGE_FIELDS: Record<DedupeEntity, readonly string[]> = {
  customer: CUSTOMER_EDITABLE_FIELDS,
  contact: ['name', 'title', 'mobile', 'phone', 'email', 'wechat', 'notes'],
  lead: [
    'name',
    'company_name',
    'title',
    'mobile',
    'phone',
    'email',
    'source',
    'channel',
    'region',
    'industry',
    'grade',
    'score',
    'description',
    'owner_id',
  ],
};

import { z } from 'zod';
import { idSchema, instantSchema, nameSchema } from './common';
import { conditionNodeSchema } from './automation';

/**
 * Lead distribution (线索分配): ordered rules per entity that choose the owner of a new lead or
 * customer, with a fallback when no rule finds anyone. See docs/pool.md (Lead distribution).
 */

export const DISTRIBUTION_ENTITIES = ['lead', 'customer'] as const;
export type DistributionEntity = (typeof DISTRIBUTION_ENTITIES)[number];

export const DISTRIBUTION_METHODS = ['round_robin', 'least_loaded', 'mapping', 'sticky'] as const;
export type DistributionMethodType = (typeof DISTRIBUTION_METHODS)[number];

/** What a sticky rule compares with existing contacts, customers and leads (their duplicate keys). */
export const STICKY_KEYS = ['phone', 'email', 'company'] as const;
export type StickyKey = (typeof STICKY_KEYS)[number];

/** What happens when no rule chose anyone: a pool (customers only), no owner, or whoever created it. */
export const DISTRIBUTION_FALLBACKS = ['creator', 'unassigned', 'pool'] as const;
export type DistributionFallbackKind = (typeof DISTRIBUTION_FALLBACKS)[number];

const userList = z.array(idSchema).max(500);

export const distributionMethodSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('round_robin'),
    /** Either a list of users (in this order) or a department (its active users and those below it). */
    user_ids: userList.optional(),
    department_id: idSchema.nullish(),
  }),
  z.strictObject({
    type: z.literal('least_loaded'),
    user_ids: userList,
    /** Most open records a user may hold; at capacity a user is skipped. */
    capacity: z.number().int().max(1_000_000),
  }),
  z.strictObject({
    type: z.literal('mapping'),
    /** The record field looked up, e.g. `region`, `industry`, `source`, `custom.province`. */
    field: z.string().min(1).max(120),
    table: z.array(z.strictObject({ value: z.string().trim().max(200), user_id: idSchema })).max(1000),
  }),
  z.strictObject({
    type: z.literal('sticky'),
    match: z.array(z.enum(STICKY_KEYS)).max(3).default(['phone', 'email', 'company']),
  }),
]);
export type DistributionMethod = z.infer<typeof distributionMethodSchema>;

export const distributionRuleCreateSchema = z.strictObject({
  entity: z.enum(DISTRIBUTION_ENTITIES),
  name: nameSchema,
  enabled: z.boolean().default(true),
  conditions: conditionNodeSchema.nullish(),
  method: distributionMethodSchema,
});
export const distributionRuleUpdateSchema = distributionRuleCreateSchema
  .omit({ entity: true })
  .partial()
  .extend({ enabled: z.boolean().optional() });
export type DistributionRuleCreate = z.infer<typeof distributionRuleCreateSchema>;
export type DistributionRuleUpdate = z.infer<typeof distributionRuleUpdateSchema>;

export const distributionReorderSchema = z.strictObject({
  entity: z.enum(DISTRIBUTION_ENTITIES),
  ids: z.array(idSchema).min(1).max(500),
});

export const distributionFallbackSchema = z.strictObject({
  entity: z.enum(DISTRIBUTION_ENTITIES),
  kind: z.enum(DISTRIBUTION_FALLBACKS),
  pool_id: idSchema.nullish(),
});
export type DistributionFallbackInput = z.infer<typeof distributionFallbackSchema>;

/** The tester: the values of a lead or customer that does not exist yet. */
export const distributionTestSchema = z.strictObject({
  entity: z.enum(DISTRIBUTION_ENTITIES),
  record: z.record(z.string().max(120), z.unknown()),
});

export const distributionLogQuerySchema = z.strictObject({
  record_id: idSchema,
});

/** How a new record asks to be distributed: `auto` runs the rules even from the web app. */
export const assignModeSchema = z.enum(['auto', 'manual']).optional();

/** A user's leave: distribution skips them until this instant; null means back at work. */
export const userAwaySchema = z.strictObject({ away_until: instantSchema.nullable() });

export interface DistributionRule {
  id: string;
  entity: DistributionEntity;
  name: string;
  position: number;
  enabled: boolean;
  conditions: z.infer<typeof conditionNodeSchema> | null;
  method: DistributionMethod;
  created_at: string;
  updated_at: string;
}

export interface DistributionFallback {
  entity: DistributionEntity;
  kind: DistributionFallbackKind;
  pool_id: string | null;
  pool_name: string | null;
}

/** One rule's part in a decision: chosen, skipped (with why) or not matching its conditions. */
export interface DistributionStep {
  rule_id: string | null;
  rule_name: string;
  outcome: 'chosen' | 'skipped' | 'no_match';
  reason: string;
  reason_en: string;
}

export interface DistributionDecision {
  owner_id: string | null;
  owner_name: string | null;
  pool_id: string | null;
  pool_name: string | null;
  rule_id: string | null;
  rule_name: string | null;
  reason: string;
  reason_en: string;
  steps: DistributionStep[];
}

export interface DistributionLogEntry {
  id: string;
  entity: DistributionEntity;
  record_id: string;
  rule_id: string | null;
  rule_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  pool_id: string | null;
  reason: string;
  reason_en: string;
  steps: DistributionStep[];
  actor_id: string | null;
  created_at: string;
}

import { z } from 'zod';
import { idSchema, nameSchema, shortText } from './common';
import { ROBOT_PLATFORMS } from './automation';

/**
 * Public pools (公海): where unowned customers wait to be claimed, the caps that keep reps from
 * hoarding them, and the rules that recycle idle customers. See docs/pool.md.
 */

/** Whose customers a pool's recycling rules cover: everyone, a department subtree, or one lead source. */
export const POOL_SCOPES = ['company', 'department', 'source'] as const;
export type PoolScope = (typeof POOL_SCOPES)[number];

/** no_follow_up: no follow-up for N days; no_open_deal / not_won: N days after claim; no_repurchase: N days after the last purchase. */
export const POOL_RULE_KINDS = ['no_follow_up', 'no_open_deal', 'not_won', 'no_repurchase'] as const;
export type PoolRuleKind = (typeof POOL_RULE_KINDS)[number];

/** Customer fields a pool can hide from members until they claim the customer (`custom` hides every custom field). */
export const POOL_HIDEABLE_FIELDS = [
  'phone',
  'email',
  'website',
  'address',
  'description',
  'custom',
] as const;

/** Why a claim of one customer was refused; the UI shows a message per reason. */
export const CLAIM_REFUSALS = [
  'cap_reached',
  'daily_limit',
  'cooldown',
  'already_claimed',
  'not_member',
  'not_in_pool',
] as const;
export type ClaimRefusal = (typeof CLAIM_REFUSALS)[number];

export const POOL_MOVE_KINDS = ['claim', 'release', 'assign', 'recycle', 'transfer'] as const;
export type PoolMoveKind = (typeof POOL_MOVE_KINDS)[number];

const days = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(3650, 'must be at most 3650 days');

const hiddenField = z
  .string()
  .regex(
    /^(phone|email|website|address|description|custom|custom\.[a-z][a-z0-9_]{0,79})$/,
    `must be one of ${POOL_HIDEABLE_FIELDS.join(', ')} or custom.<key>`,
  );

export const poolRobotSchema = z.strictObject({
  platform: z.enum(ROBOT_PLATFORMS),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  secret: z.string().max(200).optional(),
});

export const recycleRuleSchema = z
  .strictObject({
    /** Keep the id of an existing rule to edit it; rules left out of an update are deleted. */
    id: idSchema.optional(),
    kind: z.enum(POOL_RULE_KINDS),
    days,
    /** Days per customer level (客户等级), e.g. {"高价值": 60}; other levels use `days`. */
    days_by_level: z.record(z.string().trim().min(1).max(200), days).default({}),
    /** Warn the owner this many days before the recycle; 0 for no warning. */
    warn_days: z.number().int().min(0, 'must not be negative').max(3650).default(0),
    /** Besides the in-app notice: e-mail to the owner, and/or a message to a group robot. */
    warn_email: z.boolean().default(false),
    warn_robot: poolRobotSchema.nullish(),
    exempt_locked: z.boolean().default(true),
    exempt_won: z.boolean().default(false),
    exempt_open_deals: z.boolean().default(true),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    const shortest = Math.min(rule.days, ...Object.values(rule.days_by_level));
    if (rule.warn_days > 0 && rule.warn_days >= shortest) {
      ctx.addIssue({
        code: 'custom',
        path: ['warn_days'],
        message: `the warning (${rule.warn_days} days before) must be shorter than the recycle period (${shortest} days)`,
      });
    }
  });
export type RecycleRuleInput = z.input<typeof recycleRuleSchema>;
export type RecycleRule = z.output<typeof recycleRuleSchema>;

export const poolMemberSchema = z.strictObject({
  type: z.enum(['user', 'department']),
  id: idSchema,
});
export type PoolMember = z.infer<typeof poolMemberSchema>;

/** Fields shared by create and update, without defaults so that an update changes only what it names. */
const poolFields = {
  name: nameSchema,
  description: z.string().max(2000).nullish(),
  scope: z.enum(POOL_SCOPES),
  /** scope department: this department and the ones below it. */
  department_id: idSchema.nullish(),
  /** scope source: customers from this lead channel (客户来源). */
  source: shortText.nullish(),
  members: z.array(poolMemberSchema).min(1, 'a pool needs at least one member').max(500),
  admin_ids: z.array(idSchema).max(50),
  hidden_fields: z.array(hiddenField).max(50),
  /** Claims one rep may make from this pool per day (workspace time zone); null for no limit. */
  daily_claim_limit: z.number().int().min(1, 'must be at least 1').max(100_000).nullish(),
  /** Days during which the previous owner may not claim back a customer they lost. */
  cooldown_days: z.number().int().min(0, 'must not be negative').max(3650),
  enabled: z.boolean(),
  rules: z.array(recycleRuleSchema).max(20),
};

function checkScope(
  p: { scope?: PoolScope | undefined; department_id?: string | null; source?: string | null },
  ctx: z.RefinementCtx,
) {
  if (p.scope === 'department' && !p.department_id)
    ctx.addIssue({
      code: 'custom',
      path: ['department_id'],
      message: 'a department pool needs its department',
    });
  if (p.scope === 'source' && !p.source)
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'a source pool needs its lead source' });
}

export const poolCreateSchema = z
  .strictObject({
    ...poolFields,
    scope: poolFields.scope.default('company'),
    admin_ids: poolFields.admin_ids.default([]),
    hidden_fields: poolFields.hidden_fields.default([]),
    cooldown_days: poolFields.cooldown_days.default(0),
    enabled: poolFields.enabled.default(true),
    rules: poolFields.rules.default([]),
  })
  .superRefine(checkScope);
export type PoolCreate = z.output<typeof poolCreateSchema>;

export const poolUpdateSchema = z.strictObject(poolFields).partial().superRefine(checkScope);
export type PoolUpdate = z.output<typeof poolUpdateSchema>;

const claimIds = z.array(idSchema).min(1).max(200);

export const poolClaimSchema = z.strictObject({ ids: claimIds });
export const poolAssignSchema = z.strictObject({ ids: claimIds, owner_id: idSchema });
export const poolReleaseSchema = z.strictObject({
  ids: z.array(idSchema).min(1).max(1000),
  /** The pool to release into; the customer's home pool (by scope) when left out. */
  pool_id: idSchema.optional(),
  reason: z.string().trim().min(1, 'say why the customer goes back to the pool').max(500),
});
export const customerLockSchema = z.strictObject({
  ids: z.array(idSchema).min(1).max(1000),
  locked: z.boolean(),
});

export const OWNER_CAP_SUBJECTS = ['user', 'role', 'department'] as const;
export const ownerCapCreateSchema = z.strictObject({
  subject_type: z.enum(OWNER_CAP_SUBJECTS),
  subject_id: idSchema,
  /** Customers one rep may own at once (私海上限). */
  max_customers: z.number().int().min(0, 'must not be negative').max(1_000_000),
  /** Whether customers with a won deal count against the cap. */
  count_won: z.boolean().default(true),
});
export const ownerCapUpdateSchema = z.strictObject({
  max_customers: ownerCapCreateSchema.shape.max_customers.optional(),
  count_won: z.boolean().optional(),
});

export const poolCustomerQuerySchema = z.strictObject({
  filter: z.string().max(20_000).optional(),
  sort: z
    .string()
    .max(80)
    .regex(/^-?[a-z_][a-z0-9_.]*$/, 'sort is a field name, with a leading "-" for descending')
    .optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(100).optional(),
});

export const poolMovesQuerySchema = z.strictObject({
  customer_id: idSchema.optional(),
  kind: z.enum(POOL_MOVE_KINDS).optional(),
  before: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

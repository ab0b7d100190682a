import { z } from 'zod';
import {
  ACTIVITY_KINDS,
  CUSTOMER_SIZES,
  CUSTOMER_STATUSES,
  LEAD_STATUSES,
  STAGE_KINDS,
  TASK_RELATED_TYPES,
  TASK_STATUSES,
} from './enums';
import {
  currencySchema,
  customValuesSchema,
  dateSchema,
  emailSchema,
  idSchema,
  instantSchema,
  longText,
  moneySchema,
  nameSchema,
  phoneSchema,
  shortText,
} from './common';
import { stageGateSchema } from './stage-gates';

/** Input schemas for business records. Create schemas are strict: unknown fields are refused. */

export const customerCreateSchema = z.strictObject({
  name: nameSchema,
  industry: shortText.nullish(),
  region: shortText.nullish(),
  size: z.enum(CUSTOMER_SIZES).nullish(),
  level: shortText.nullish(),
  source: shortText.nullish(),
  status: z.enum(CUSTOMER_STATUSES).default('potential'),
  phone: phoneSchema.nullish(),
  email: emailSchema.nullish(),
  website: z.string().trim().max(300).nullish(),
  address: z.string().trim().max(500).nullish(),
  description: longText.nullish(),
  owner_id: idSchema.nullish(),
  custom: customValuesSchema.optional(),
  /** `auto`: the distribution rules choose the owner (docs/pool.md, Lead distribution). */
  assign: z.enum(['auto', 'manual']).optional(),
});
export const customerUpdateSchema = customerCreateSchema
  .omit({ assign: true })
  .partial()
  .extend({
    status: z.enum(CUSTOMER_STATUSES).optional(),
  });
export type CustomerCreate = z.infer<typeof customerCreateSchema>;
/** The customer's own fields a person may set (custom fields come on top): merges and automations offer these. */
export const CUSTOMER_EDITABLE_FIELDS: readonly string[] = Object.keys(customerUpdateSchema.shape).filter(
  (k) => k !== 'custom',
);
export type CustomerUpdate = z.infer<typeof customerUpdateSchema>;

export const contactCreateSchema = z.strictObject({
  customer_id: idSchema,
  name: nameSchema,
  title: shortText.nullish(),
  mobile: phoneSchema.nullish(),
  phone: phoneSchema.nullish(),
  email: emailSchema.nullish(),
  wechat: shortText.nullish(),
  is_primary: z.boolean().default(false),
  notes: longText.nullish(),
  custom: customValuesSchema.optional(),
});
export const contactUpdateSchema = contactCreateSchema.omit({ customer_id: true }).partial().extend({
  is_primary: z.boolean().optional(),
});

export const leadCreateSchema = z.strictObject({
  name: nameSchema,
  company_name: shortText.nullish(),
  title: shortText.nullish(),
  mobile: phoneSchema.nullish(),
  phone: phoneSchema.nullish(),
  email: emailSchema.nullish(),
  source: shortText.nullish(),
  channel: shortText.nullish(),
  region: shortText.nullish(),
  industry: shortText.nullish(),
  status: z.enum(LEAD_STATUSES).exclude(['converted']).default('new'),
  grade: shortText.nullish(),
  score: z.number().int().min(-100000).max(100000).default(0),
  description: longText.nullish(),
  owner_id: idSchema.nullish(),
  custom: customValuesSchema.optional(),
  /** `auto`: the distribution rules choose the owner (docs/pool.md, Lead distribution). */
  assign: z.enum(['auto', 'manual']).optional(),
});
export const leadUpdateSchema = leadCreateSchema
  .omit({ assign: true })
  .partial()
  .extend({
    status: z.enum(LEAD_STATUSES).exclude(['converted']).optional(),
    score: z.number().int().min(-100000).max(100000).optional(),
  });
export const leadConvertSchema = z.strictObject({
  customer: customerCreateSchema.partial().optional(),
  /** Attach the lead to an existing customer instead of creating one. */
  customer_id: idSchema.optional(),
  /** false: no contact; true or an object: a contact from the lead's person fields, overridden by the object. */
  contact: z
    .union([z.boolean(), contactCreateSchema.omit({ customer_id: true, is_primary: true }).partial()])
    .default(true),
  deal: z
    .strictObject({
      name: nameSchema,
      pipeline_id: idSchema,
      stage_id: idSchema.optional(),
      amount: moneySchema.default(0),
      expected_close_date: dateSchema.nullish(),
      custom: customValuesSchema.optional(),
    })
    .optional(),
  owner_id: idSchema.optional(),
});

export const pipelineStageInputSchema = z.strictObject({
  id: idSchema.optional(),
  name: nameSchema,
  kind: z.enum(STAGE_KINDS),
  probability: z.number().int().min(0).max(100),
  /** The stage gate; omitted keeps a stage's current gate, null removes it. */
  gate: stageGateSchema.nullish(),
});
export const pipelineCreateSchema = z.strictObject({
  name: nameSchema,
  is_default: z.boolean().default(false),
  stages: z.array(pipelineStageInputSchema).min(2).max(30),
});
export const pipelineUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  is_default: z.boolean().optional(),
  /** The full ordered list of stages; stages left out are removed (refused while deals are in them). */
  stages: z.array(pipelineStageInputSchema).min(2).max(30).optional(),
});

export const dealCreateSchema = z.strictObject({
  name: nameSchema,
  customer_id: idSchema,
  contact_id: idSchema.nullish(),
  pipeline_id: idSchema,
  stage_id: idSchema.optional(),
  amount: moneySchema.default(0),
  currency: currencySchema.default('CNY'),
  expected_close_date: dateSchema.nullish(),
  owner_id: idSchema.nullish(),
  lost_reason: z.string().trim().max(500).nullish(),
  description: longText.nullish(),
  custom: customValuesSchema.optional(),
});
// Defaults of the create schema must not leak into a patch (a PATCH of the name would zero the amount).
export const dealUpdateSchema = dealCreateSchema
  .omit({ customer_id: true, currency: true })
  .partial()
  .extend({ amount: moneySchema.optional() });

export const dealItemInputSchema = z.strictObject({
  product_id: idSchema,
  quantity: z.number().positive().max(1e9),
  unit_price: moneySchema.optional(),
  discount_percent: z.number().min(0).max(100).default(0),
});
export const dealItemsReplaceSchema = z.strictObject({ items: z.array(dealItemInputSchema).max(200) });

export const productCreateSchema = z.strictObject({
  name: nameSchema,
  sku: z.string().trim().max(80).nullish(),
  unit: z.string().trim().max(20).nullish(),
  price: moneySchema.default(0),
  currency: currencySchema.default('CNY'),
  description: longText.nullish(),
  active: z.boolean().default(true),
  custom: customValuesSchema.optional(),
});
// Create defaults must not fill in a patch: partial() keeps them, so the defaulted fields are redeclared.
export const productUpdateSchema = productCreateSchema.partial().extend({
  price: moneySchema.optional(),
  currency: currencySchema.optional(),
  active: z.boolean().optional(),
});

export const activityCreateSchema = z
  .strictObject({
    kind: z.enum(ACTIVITY_KINDS),
    content: z.string().trim().min(1).max(20_000),
    customer_id: idSchema.nullish(),
    contact_id: idSchema.nullish(),
    deal_id: idSchema.nullish(),
    lead_id: idSchema.nullish(),
    occurred_at: instantSchema.optional(),
  })
  .refine((a) => a.customer_id || a.lead_id || a.deal_id || a.contact_id, {
    message: 'a follow-up belongs to a customer, contact, deal or lead',
    path: ['customer_id'],
  });
export const activityUpdateSchema = z.strictObject({
  kind: z.enum(ACTIVITY_KINDS).optional(),
  content: z.string().trim().min(1).max(20_000).optional(),
  occurred_at: instantSchema.optional(),
});

export const taskCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  description: longText.nullish(),
  assignee_id: idSchema.optional(),
  due_at: instantSchema.nullish(),
  start_at: instantSchema.nullish(),
  status: z.enum(TASK_STATUSES).default('open'),
  related_type: z.enum(TASK_RELATED_TYPES).nullish(),
  related_id: idSchema.nullish(),
});
export const taskUpdateSchema = taskCreateSchema
  .partial()
  .extend({ status: z.enum(TASK_STATUSES).optional() });

export const tagCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(50),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1677ff')
    .default('#1677ff'),
});
export const tagUpdateSchema = tagCreateSchema.partial().extend({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1677ff')
    .optional(),
});
export const tagAssignSchema = z.strictObject({
  record_type: z.enum(['lead', 'customer', 'contact', 'deal']),
  record_ids: z.array(idSchema).min(1).max(1000),
  tag_ids: z.array(idSchema).min(1).max(50),
});

export const transferSchema = z.strictObject({
  ids: z.array(idSchema).min(1).max(1000),
  owner_id: idSchema,
  /** Also move the customers' open deals and open tasks to the new owner. */
  include_related: z.boolean().default(true),
});
export const handoverSchema = z
  .strictObject({
    from_user_id: idSchema,
    /** Not needed for a preview: what would move does not depend on who receives it. */
    to_user_id: idSchema.optional(),
    /** When true only count what would move. */
    preview: z.boolean().default(false),
  })
  .refine((h) => h.preview || h.to_user_id, { message: 'who receives the records', path: ['to_user_id'] });

import { z } from 'zod';
import { FILTER_OPS } from './filters';

/**
 * Automation definitions: trigger + conditions + steps, stored as versioned JSON. The server validates
 * a definition against the workspace's fields on save; the engine (packages/engine) decides with it.
 */

export const AUTOMATION_ENTITIES = ['lead', 'customer', 'contact', 'deal', 'task', 'activity'] as const;
export type AutomationEntity = (typeof AUTOMATION_ENTITIES)[number];

/** The value types a condition or a field write understands; each has its own operators. */
export const VALUE_TYPES = [
  'text',
  'enum',
  'id',
  'user',
  'number',
  'money',
  'instant',
  'date',
  'boolean',
  'multi',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** What a field path (e.g. `amount`, `custom.budget`, `customer.level`, `owner.department_id`) holds. */
export interface FieldInfo {
  type: ValueType;
  /** Allowed values for enum and multi fields. */
  values?: readonly string[];
  /** Whether automations may write the field (set_fields). */
  writable?: boolean;
  label?: string;
}
export type FieldCatalog = Record<string, FieldInfo>;

// ---------------------------------------------------------------- durations

export const DURATION_UNITS = ['minutes', 'hours', 'days', 'business_days', 'business_hours'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const durationSchema = z.strictObject({
  amount: z.number().int().min(0).max(100_000),
  unit: z.enum(DURATION_UNITS),
});
export type Duration = z.infer<typeof durationSchema>;

// ---------------------------------------------------------------- conditions

const conditionScalar = z.union([z.string().max(2000), z.number(), z.boolean()]);

export const conditionLeafSchema = z.strictObject({
  /** A field path: `name`, `custom.budget`, `customer.level`, `customer.won_deals_count`, `tags`, `owner.department_id`, `event.keyword`. */
  field: z.string().min(1).max(120),
  op: z.enum(FILTER_OPS),
  value: z.union([conditionScalar, z.array(conditionScalar).max(500), z.null()]).optional(),
});
export type ConditionLeaf = z.infer<typeof conditionLeafSchema>;

export type ConditionNode = ConditionLeaf | { all: ConditionNode[] } | { any: ConditionNode[] };

export const conditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    conditionLeafSchema,
    z.strictObject({ all: z.array(conditionNodeSchema).max(50) }),
    z.strictObject({ any: z.array(conditionNodeSchema).max(50) }),
  ]),
);

// ---------------------------------------------------------------- triggers

export const CLIENT_EVENT_TYPES = [
  'email_opened',
  'link_clicked',
  'form_submitted',
  'message_received',
] as const;
export type ClientEventType = (typeof CLIENT_EVENT_TYPES)[number];

const entity = z.enum(AUTOMATION_ENTITIES);
const idList = z.array(z.string().min(1).max(40)).max(100);

export const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('record_created'), entity }),
  z.strictObject({
    type: z.literal('record_updated'),
    entity,
    /** Fire only when one of these changed; empty means any field. */
    fields: z.array(z.string().min(1).max(120)).max(50).default([]),
    /** With exactly one watched field: fire only when it changed from / to this value. */
    from: conditionScalar.nullable().optional(),
    to: conditionScalar.nullable().optional(),
    /** A burst of edits to one record inside this window fires once, after the last edit. */
    debounce_seconds: z.number().int().min(0).max(86_400).default(0),
  }),
  z.strictObject({
    type: z.literal('stage_changed'),
    pipeline_id: z.string().min(1).max(40).optional(),
    from_stage_ids: idList.default([]),
    to_stage_ids: idList.default([]),
  }),
  z.strictObject({ type: z.literal('owner_changed'), entity }),
  z.strictObject({
    type: z.literal('relative_time'),
    entity,
    /** A date or datetime field, e.g. `last_contact_at`, `stage_entered_at`, `custom.contract_end`. */
    field: z.string().min(1).max(120),
    direction: z.enum(['before', 'after']),
    offset: durationSchema,
  }),
  z.strictObject({
    type: z.literal('schedule'),
    /** Five-field cron in the workspace's time zone. */
    cron: z.string().min(9).max(120),
    /** When set, the run starts once per record of this entity that meets the conditions. */
    entity: entity.optional(),
  }),
  z.strictObject({ type: z.literal('webhook') }),
  z.strictObject({
    type: z.literal('client_event'),
    event: z.enum(CLIENT_EVENT_TYPES),
    /** Only events about records of this entity; required for conditions on the record's fields. */
    entity: z.enum(['lead', 'customer', 'contact', 'deal']).optional(),
    /** For message_received: fire only when the text contains one of these keywords. */
    keywords: z.array(z.string().min(1).max(100)).max(50).default([]),
  }),
]);
export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerType = Trigger['type'];

// ---------------------------------------------------------------- steps

/** How a step names people: the record's owner, the owner's manager, the previous owner, or a user. */
export const recipientSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('owner') }),
  z.strictObject({ type: z.literal('owner_manager') }),
  z.strictObject({ type: z.literal('previous_owner') }),
  z.strictObject({ type: z.literal('user'), user_id: z.string().min(1).max(40) }),
]);
export type Recipient = z.infer<typeof recipientSchema>;

/** A value written by set_fields. Templates are Liquid over the record (`{{ record.name }}`). */
export const valueExprSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('const'),
    value: z.union([conditionScalar, z.array(z.string()), z.null()]),
  }),
  z.strictObject({ type: z.literal('now') }),
  z.strictObject({ type: z.literal('relative'), amount: z.number().int(), unit: z.enum(DURATION_UNITS) }),
  z.strictObject({ type: z.literal('template'), template: z.string().max(5000) }),
]);
export type ValueExpr = z.infer<typeof valueExprSchema>;

export const ROBOT_PLATFORMS = ['wecom', 'dingtalk', 'feishu'] as const;
export type RobotPlatform = (typeof ROBOT_PLATFORMS)[number];

const url = z.url({ protocol: /^https?$/ }).max(2000);
const template = z.string().max(20_000);

export const actionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('set_fields'), values: z.record(z.string().max(120), valueExprSchema) }),
  z.strictObject({ action: z.literal('add_tags'), tags: z.array(z.string().min(1).max(40)).min(1).max(20) }),
  z.strictObject({
    action: z.literal('remove_tags'),
    tags: z.array(z.string().min(1).max(40)).min(1).max(20),
  }),
  z.strictObject({
    action: z.literal('assign_owner'),
    strategy: z.enum(['user', 'round_robin', 'least_loaded', 'mapping']),
    user_id: z.string().min(1).max(40).optional(),
    /** The group for round_robin and least_loaded. */
    user_ids: idList.optional(),
    /** least_loaded: open records a user may hold; users at capacity are skipped. */
    capacity: z.number().int().min(1).max(1_000_000).optional(),
    /** mapping: the field whose value picks the user, e.g. region → rep. */
    mapping_field: z.string().min(1).max(120).optional(),
    mapping: z.record(z.string().max(200), z.string().min(1).max(40)).optional(),
    fallback_user_id: z.string().min(1).max(40).optional(),
  }),
  z.strictObject({
    action: z.literal('create_task'),
    title: z.string().min(1).max(500),
    description: template.optional(),
    assignee: recipientSchema,
    due_in: durationSchema.optional(),
    start_after: durationSchema.optional(),
  }),
  z.strictObject({
    action: z.literal('notify'),
    channel: z.enum(['in_app', 'email', 'robot', 'webhook']),
    recipients: z.array(recipientSchema).max(20).default([]),
    /** robot: the platform and its group robot's address and signing secret. */
    platform: z.enum(ROBOT_PLATFORMS).optional(),
    url: url.optional(),
    secret: z.string().max(200).optional(),
    title: z.string().min(1).max(500),
    body: template.default(''),
  }),
  z.strictObject({
    action: z.literal('send_email'),
    /** The record's contact (a contact record, the customer's or deal's primary contact, or the lead). */
    to: z.enum(['record_contact']),
    subject: z.string().min(1).max(500),
    body: template,
  }),
  z.strictObject({ action: z.literal('move_stage'), stage_id: z.string().min(1).max(40) }),
  z.strictObject({
    action: z.literal('call_webhook'),
    url,
    method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
    secret: z.string().max(200).optional(),
    /** A Liquid template rendering the JSON body; empty sends the record and the run. */
    body: template.default(''),
  }),
]);
export type ActionParams = z.infer<typeof actionSchema>;
export type ActionType = ActionParams['action'];

export const stepIdSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-zA-Z0-9_-]+$/, 'a step id is letters, digits, _ or -');

export type Step =
  | { id: string; kind: 'action'; params: ActionParams }
  | {
      id: string;
      kind: 'delay';
      /** Wait this long; or until a date field (+ offset); or until the next business hour. */
      duration?: Duration;
      until_field?: string;
      offset?: Duration & { direction: 'before' | 'after' };
      next_business_hour?: boolean;
    }
  | { id: string; kind: 'branch'; condition: ConditionNode; then: Step[]; else: Step[] }
  | {
      id: string;
      kind: 'wait';
      /** The client or domain event to wait for on the run's record, e.g. email_opened or deal.stage_changed. */
      event: string;
      timeout: Duration;
      then: Step[];
      on_timeout: Step[];
    };

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ id: stepIdSchema, kind: z.literal('action'), params: actionSchema }),
    z.strictObject({
      id: stepIdSchema,
      kind: z.literal('delay'),
      duration: durationSchema.optional(),
      until_field: z.string().min(1).max(120).optional(),
      offset: durationSchema.extend({ direction: z.enum(['before', 'after']) }).optional(),
      next_business_hour: z.boolean().optional(),
    }),
    z.strictObject({
      id: stepIdSchema,
      kind: z.literal('branch'),
      condition: conditionNodeSchema,
      then: z.array(stepSchema).max(50),
      else: z.array(stepSchema).max(50),
    }),
    z.strictObject({
      id: stepIdSchema,
      kind: z.literal('wait'),
      event: z.string().min(1).max(60),
      timeout: durationSchema,
      then: z.array(stepSchema).max(50),
      on_timeout: z.array(stepSchema).max(50),
    }),
  ]),
) as z.ZodType<Step>;

export const automationDefinitionSchema = z.strictObject({
  trigger: triggerSchema,
  conditions: conditionNodeSchema.optional(),
  steps: z.array(stepSchema).min(1).max(50),
});
export type AutomationDefinition = z.infer<typeof automationDefinitionSchema>;

// ---------------------------------------------------------------- API bodies

export const automationCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  notes: z.string().max(5000).optional(),
  owner_id: z.string().min(1).max(40).optional(),
  enabled: z.boolean().default(false),
  definition: automationDefinitionSchema,
});
export type AutomationCreate = z.infer<typeof automationCreateSchema>;

export const automationUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  notes: z.string().max(5000).nullable().optional(),
  owner_id: z.string().min(1).max(40).optional(),
  enabled: z.boolean().optional(),
  definition: automationDefinitionSchema.optional(),
});
export type AutomationUpdate = z.infer<typeof automationUpdateSchema>;

export const RUN_STATUSES = ['pending', 'running', 'waiting', 'completed', 'failed', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_STATUSES = ['completed', 'failed', 'skipped', 'waiting', 'dry_run'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Client and channel events ingested through POST /api/v1/events. */
export const clientEventSchema = z.strictObject({
  type: z.enum(CLIENT_EVENT_TYPES),
  entity: z.enum(['lead', 'customer', 'contact', 'deal']),
  record_id: z.string().min(1).max(40),
  /** Free data such as the link, the form fields or the message text. */
  data: z.record(z.string().max(100), z.unknown()).default({}),
  /** The integration's own id for the event; a repeat with the same id is accepted once. */
  external_id: z.string().max(200).optional(),
});
export type ClientEvent = z.infer<typeof clientEventSchema>;

/** A business calendar: working days and hours, public holidays and swapped working days (调休). */
export const businessCalendarSchema = z.strictObject({
  /** ISO weekdays that are working days (1 = Monday … 7 = Sunday). */
  working_days: z.array(z.number().int().min(1).max(7)).max(7),
  /** Working hours as "HH:mm" pairs, e.g. 09:00–12:00 and 13:30–18:00. */
  hours: z
    .array(
      z.strictObject({
        start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:mm'),
        end: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time is HH:mm'),
      }),
    )
    .min(1)
    .max(6),
  /** Days off that would otherwise be working days (public holidays), 'YYYY-MM-DD'. */
  holidays: z.array(z.iso.date()).max(400),
  /** Days that are working days although their weekday is not (调休), 'YYYY-MM-DD'. */
  extra_working_days: z.array(z.iso.date()).max(200),
});
export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

/** Enumerations shared by the API, the server and the web app. Names follow shared/GLOSSARY.md. */
export const ROLE_KEYS = ['admin', 'manager', 'rep', 'marketing', 'service', 'custom'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

export const DATA_SCOPES = ['own', 'department', 'all'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const WRITE_SOURCES = ['ui', 'api', 'import', 'automation', 'system'] as const;
export type WriteSource = (typeof WRITE_SOURCES)[number];

export const ENTITIES = ['lead', 'customer', 'contact', 'deal', 'product', 'activity', 'task'] as const;
export type Entity = (typeof ENTITIES)[number];

/** Entities that carry custom fields. */
export const CUSTOM_FIELD_ENTITIES = ['lead', 'customer', 'contact', 'deal', 'product'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];

export const CUSTOM_FIELD_TYPES = [
  'text',
  'long_text',
  'number',
  'money',
  'date',
  'datetime',
  'select',
  'multi_select',
  'user',
  'boolean',
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'disqualified', 'converted'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const CUSTOMER_STATUSES = ['potential', 'active', 'inactive', 'lost'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

export const CUSTOMER_SIZES = ['1-9', '10-49', '50-99', '100-499', '500-999', '1000+'] as const;
export type CustomerSize = (typeof CUSTOMER_SIZES)[number];

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const DEAL_STATUSES = STAGE_KINDS;
export type DealStatus = StageKind;

export const ACTIVITY_KINDS = ['call', 'visit', 'email', 'message', 'note'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_RELATED_TYPES = ['lead', 'customer', 'contact', 'deal'] as const;
export type TaskRelatedType = (typeof TASK_RELATED_TYPES)[number];

export const DOMAIN_EVENT_KINDS = [
  'created',
  'updated',
  'deleted',
  'restored',
  'stage_changed',
  'owner_changed',
  'converted',
] as const;
export type DomainEventKind = (typeof DOMAIN_EVENT_KINDS)[number];

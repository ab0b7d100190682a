import { CUSTOMER_EDITABLE_FIELDS } from '@tideline/shared';
import type { AutomationEntity, FieldCatalog, FieldInfo, ValueType } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import type { FieldMap } from '../../db/list-query';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { catalogFromFields, dealCatalogFrom } from '../deals/deal.catalog';
import { LEAD_FIELDS } from '../leads/lead.fields';
import { CUSTOMER_FIELDS } from '../customers/customer.fields';
import { CONTACT_FIELDS } from '../contacts/contact.fields';
import { TASK_FIELDS } from '../tasks/task.fields';
import { ACTIVITY_FIELDS } from '../activities/activity.fields';

/**
 * The fields an automation may read (conditions, templates, time triggers) and write (set_fields) for
 * each entity: the record's own and custom fields, its tags, its owner's department, and for records
 * that belong to a customer the customer's fields, tags and deal counts.
 */

interface EntitySpec {
  fields: FieldMap;
  writable: readonly string[];
  types: Record<string, ValueType>;
  customFields: boolean;
  tags: boolean;
  /** The column that points at the record's customer. */
  customerColumn?: string;
}

const OWNER_TYPES: Record<string, ValueType> = { owner_id: 'user', created_by: 'user' };

export const ENTITY_SPECS: Record<AutomationEntity, EntitySpec> = {
  lead: {
    fields: LEAD_FIELDS,
    writable: [
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
      'status',
      'grade',
      'score',
      'description',
      'owner_id',
    ],
    types: OWNER_TYPES,
    customFields: true,
    tags: true,
  },
  customer: {
    fields: CUSTOMER_FIELDS,
    writable: CUSTOMER_EDITABLE_FIELDS,
    types: OWNER_TYPES,
    customFields: true,
    tags: true,
  },
  contact: {
    fields: CONTACT_FIELDS,
    writable: ['name', 'title', 'phone', 'mobile', 'email', 'wechat', 'description', 'owner_id'],
    types: OWNER_TYPES,
    customFields: true,
    tags: true,
    customerColumn: 'customer_id',
  },
  deal: {
    fields: {},
    writable: [],
    types: {},
    customFields: true,
    tags: true,
    customerColumn: 'customer_id',
  },
  task: {
    fields: TASK_FIELDS,
    writable: ['title', 'description', 'due_at', 'start_at', 'status', 'assignee_id'],
    types: { assignee_id: 'user', created_by: 'user' },
    customFields: false,
    tags: false,
  },
  activity: {
    fields: ACTIVITY_FIELDS,
    writable: [],
    types: { created_by: 'user', owner_id: 'user' },
    customFields: false,
    tags: false,
    customerColumn: 'customer_id',
  },
};

/** Fields computed from related records; the runner's value loader knows how to fill each. */
export const DERIVED_FIELDS: FieldCatalog = {
  'owner.department_id': { type: 'id', label: "Owner's department" },
  'customer.won_deals_count': { type: 'number', label: "Customer's won deals" },
  'customer.open_deals_count': { type: 'number', label: "Customer's open deals" },
  'customer.tags': { type: 'multi', label: "Customer's tags" },
};

/** Data of the event that started the run (client events, webhooks). */
const EVENT_FIELDS: FieldCatalog = {
  'event.type': { type: 'text', label: 'Event type' },
  'event.text': { type: 'text', label: 'Message text' },
  'event.url': { type: 'text', label: 'Link' },
};

export async function automationCatalog(
  deps: AppDeps,
  workspaceId: string,
  entity: AutomationEntity,
  executor: Executor = deps.database.db,
): Promise<FieldCatalog> {
  const spec = ENTITY_SPECS[entity];
  const defs = spec.customFields ? await cachedFieldDefs(deps, workspaceId, entity, executor) : [];
  const own =
    entity === 'deal'
      ? dealCatalogFrom(defs)
      : catalogFromFields(spec.fields, defs, { labels: {}, writable: spec.writable, types: spec.types });
  const catalog: FieldCatalog = { ...own, ...EVENT_FIELDS };
  // Long text the lists do not filter on is still read by conditions and written by set_fields.
  if (entity !== 'task' && entity !== 'activity' && !catalog.description)
    catalog.description = { type: 'text', label: 'Description', writable: true };
  if (spec.tags) catalog.tags = { type: 'multi', label: 'Tags' };
  if ('owner_id' in own) catalog['owner.department_id'] = DERIVED_FIELDS['owner.department_id']!;
  if (spec.customerColumn) {
    const customerDefs = await cachedFieldDefs(deps, workspaceId, 'customer', executor);
    const customer = catalogFromFields(CUSTOMER_FIELDS, customerDefs, {
      labels: {},
      writable: [],
      types: OWNER_TYPES,
    });
    for (const [path, info] of Object.entries(customer)) catalog[`customer.${path}`] = readOnly(info);
    for (const path of ['customer.won_deals_count', 'customer.open_deals_count', 'customer.tags'])
      catalog[path] = DERIVED_FIELDS[path]!;
  } else if (entity === 'customer') {
    catalog.won_deals_count = { type: 'number', label: 'Won deals' };
    catalog.open_deals_count = { type: 'number', label: 'Open deals' };
  }
  return catalog;
}

function readOnly(info: FieldInfo): FieldInfo {
  const { writable: _writable, ...rest } = info;
  return rest;
}

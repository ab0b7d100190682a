import type { CustomFieldType, FieldCatalog, FieldInfo, ValueType } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { FieldMap } from '../../db/list-query';
import { loadCustomFieldDefs } from '../custom-fields/custom-field.repository';
import type { CustomFieldDef } from '../custom-fields/custom-field-values';
import type { Deal } from './deal.repository';
import { DEAL_FIELDS } from './deal.fields';

/** How each custom field type reads in a condition or a field write. */
const CUSTOM_VALUE_TYPES: Record<CustomFieldType, ValueType> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'money',
  date: 'date',
  datetime: 'instant',
  select: 'enum',
  multi_select: 'multi',
  user: 'user',
  boolean: 'boolean',
};

export interface CatalogOptions {
  /** English labels of built-in fields (the web app has its own translations). */
  labels: Record<string, string>;
  /** Built-in fields an automation may write; custom fields are always writable. */
  writable: readonly string[];
  /** Built-in fields whose type is more precise than the list filter's (money, user). */
  types?: Record<string, ValueType>;
}

/**
 * A FieldCatalog from a module's list fields and its custom field definitions: `amount`,
 * `custom.contract_no`… with their value type, allowed values, label and whether they are writable.
 */
export function catalogFromFields(
  fields: FieldMap,
  defs: readonly CustomFieldDef[],
  opts: CatalogOptions,
): FieldCatalog {
  const catalog: FieldCatalog = {};
  for (const [path, spec] of Object.entries(fields)) {
    const info: FieldInfo = { type: opts.types?.[path] ?? spec.type, label: opts.labels[path] ?? path };
    if (spec.values) info.values = spec.values;
    if (opts.writable.includes(path)) info.writable = true;
    catalog[path] = info;
  }
  for (const def of defs) {
    const info: FieldInfo = { type: CUSTOM_VALUE_TYPES[def.type], label: def.label, writable: true };
    if (def.type === 'select' || def.type === 'multi_select') info.values = def.options.map((o) => o.value);
    catalog[`custom.${def.key}`] = info;
  }
  return catalog;
}

export const DEAL_LABELS: Record<string, string> = {
  name: 'Name',
  customer_id: 'Customer',
  contact_id: 'Contact',
  pipeline_id: 'Pipeline',
  stage_id: 'Stage',
  status: 'Status',
  amount: 'Amount',
  currency: 'Currency',
  expected_close_date: 'Expected close date',
  stage_entered_at: 'Entered stage at',
  won_at: 'Won at',
  lost_at: 'Lost at',
  lost_reason: 'Lost reason',
  description: 'Description',
  owner_id: 'Owner',
  created_by: 'Created by',
  created_at: 'Created at',
  updated_at: 'Updated at',
  deleted_at: 'Deleted at',
};

/** Built-in deal fields an automation's set_fields may write; the stage moves with move_stage. */
export const DEAL_WRITABLE = [
  'name',
  'contact_id',
  'amount',
  'expected_close_date',
  'description',
  'owner_id',
] as const;

/** The deal catalog from already loaded custom field definitions. */
export function dealCatalogFrom(defs: readonly CustomFieldDef[]): FieldCatalog {
  return catalogFromFields(DEAL_FIELDS, defs, {
    labels: DEAL_LABELS,
    writable: DEAL_WRITABLE,
    types: { amount: 'money', owner_id: 'user', created_by: 'user' },
  });
}

/** The fields of the workspace's deals (built-in and custom) for conditions, gates and automations. */
export async function dealFieldCatalog(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
): Promise<FieldCatalog> {
  return dealCatalogFrom(await loadCustomFieldDefs(trx, dialect, workspaceId, 'deal'));
}

/** A deal as the flat path → value record conditions read: `amount`, `custom.contract_no`… */
export function dealValues(deal: Deal): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const path of Object.keys(DEAL_FIELDS)) values[path] = (deal as Record<string, unknown>)[path];
  for (const [key, value] of Object.entries(deal.custom)) values[`custom.${key}`] = value;
  return values;
}

import { useMemo } from 'react';
import type { AutomationEntity, FieldCatalog, FieldInfo } from '@tideline/shared';
import type { Messages } from '../i18n/zh-CN';
import { useI18n } from '../i18n/I18nProvider';
import type { AutomationMessages } from '../i18n/automations.zh-CN';
import { builtinFields } from '../records/entityFields';
import type { ListEntity } from '../records/entityFields';
import { useAutomationText } from './useAutomationText';

/**
 * Names and groups of catalog fields in the UI's language. The catalog labels built-in fields with
 * their code name (or in English), custom fields with the label people gave them; the app's own
 * field names come first so a rule reads like the rest of the product.
 */

const LIST_ENTITIES: readonly string[] = ['customer', 'lead', 'contact', 'deal'];

export type FieldLabeler = (path: string) => string;

export function fieldLabel(
  entity: AutomationEntity | null,
  path: string,
  catalog: FieldCatalog | undefined,
  m: Messages,
  t: AutomationMessages,
): string {
  const info = catalog?.[path];
  if (path.startsWith('custom.')) return info?.label ?? path.slice('custom.'.length);
  const extra = (t.fieldNames as Record<string, string>)[path];
  if (extra && (path.includes('.') || path.endsWith('_count'))) return extra;
  if (path.startsWith('customer.')) {
    const rest = path.slice('customer.'.length);
    const sub = rest.startsWith('custom.')
      ? (info?.label ?? rest.slice('custom.'.length))
      : fieldLabel('customer', rest, undefined, m, t);
    return `${t.entities.customer} · ${sub}`;
  }
  if (entity && LIST_ENTITIES.includes(entity)) {
    const builtin = builtinFields(entity as ListEntity, m).find((f) => f.key === path);
    if (builtin) return builtin.label;
  }
  if (entity === 'task') {
    const task = (m.fields.task as Record<string, string>)[path];
    if (task) return task;
  }
  if (extra) return extra;
  const common = (m.fields as Record<string, unknown>)[path];
  if (typeof common === 'string') return common;
  return info?.label ?? path;
}

/** The labeler for one entity's catalog, in the current language. */
export function useFieldLabeler(entity: AutomationEntity | null, catalog?: FieldCatalog): FieldLabeler {
  const { m } = useI18n();
  const t = useAutomationText();
  return useMemo(() => {
    const cache = new Map<string, string>();
    return (path: string) => {
      let label = cache.get(path);
      if (label === undefined) {
        label = fieldLabel(entity, path, catalog, m, t);
        cache.set(path, label);
      }
      return label;
    };
  }, [entity, catalog, m, t]);
}

export type FieldGroup = keyof AutomationMessages['fieldGroups'];

export function fieldGroup(path: string): FieldGroup {
  if (path.startsWith('custom.')) return 'custom';
  if (path.startsWith('customer.')) return 'customer';
  if (path.startsWith('event.')) return 'event';
  return 'record';
}

export type FieldFilter = (info: FieldInfo, path: string) => boolean;

export const isDateField: FieldFilter = (info, path) =>
  (info.type === 'date' || info.type === 'instant') && fieldGroup(path) !== 'event';
/** Fields of the record itself (its own and custom fields, tags), not related records or the event. */
export const isOwnField: FieldFilter = (_info, path) => {
  const group = fieldGroup(path);
  return (group === 'record' || group === 'custom') && path !== 'owner.department_id';
};
export const isWritable: FieldFilter = (info) => info.writable === true;

/** Select options grouped by where the field comes from, in catalog order within each group. */
export function groupedFieldOptions(
  catalog: FieldCatalog,
  label: FieldLabeler,
  groupLabels: AutomationMessages['fieldGroups'],
  filter: FieldFilter = () => true,
) {
  const groups = new Map<FieldGroup, { value: string; label: string }[]>();
  for (const [path, info] of Object.entries(catalog)) {
    if (!filter(info, path)) continue;
    const group = fieldGroup(path);
    const list = groups.get(group) ?? [];
    list.push({ value: path, label: label(path) });
    groups.set(group, list);
  }
  const order: FieldGroup[] = ['record', 'custom', 'customer', 'event'];
  return order
    .filter((g) => groups.has(g))
    .map((g) => ({ label: groupLabels[g], title: groupLabels[g], options: groups.get(g)! }));
}

import type { KeyNormalizer } from '@tideline/engine';
import type { DedupeEntity, DuplicateRule } from '@tideline/shared';

/** A field whose normalised value is kept as a duplicate key. */
export interface KeyField {
  field: string;
  normalizer: KeyNormalizer;
  /** The key kind: values of one kind are comparable across fields and entities. */
  kind: string;
}

const phone = (field: string): KeyField => ({ field, normalizer: 'phone', kind: 'phone' });
const email: KeyField = { field: 'email', normalizer: 'email', kind: 'email' };

/**
 * The built-in keys of each entity, kept whatever the rules say: the finder uses them all. A contact's
 * name is keyed with its customer ("same name at the same customer"); a company name also gets fuzzy
 * block keys (kind company_block).
 */
export const BUILTIN_KEY_FIELDS: Record<DedupeEntity, KeyField[]> = {
  customer: [{ field: 'name', normalizer: 'company', kind: 'company' }, phone('phone'), email],
  contact: [{ field: 'name', normalizer: 'person', kind: 'person' }, phone('mobile'), phone('phone'), email],
  lead: [
    { field: 'name', normalizer: 'person', kind: 'person' },
    { field: 'company_name', normalizer: 'company', kind: 'company' },
    phone('mobile'),
    phone('phone'),
    email,
  ],
};

/** Company-name fields: the only ones a fuzzy rule may name. */
export const COMPANY_FIELDS: Record<DedupeEntity, string | null> = {
  customer: 'name',
  contact: null,
  lead: 'company_name',
};

/** The key field a custom-field rule asks for: its values compared as text or as a typed value. */
export function customKeyField(rule: DuplicateRule): KeyField {
  const normalizer = rule.normalize ?? 'text';
  const key = rule.field.slice('custom.'.length);
  return { field: rule.field, normalizer, kind: normalizer === 'text' ? `custom:${key}` : normalizer };
}

/** Every key field of an entity under a workspace's rules for it. */
export function keyFieldsFor(entity: DedupeEntity, rules: readonly DuplicateRule[]): KeyField[] {
  const custom = rules.filter((r) => r.field.startsWith('custom.')).map(customKeyField);
  const seen = new Set<string>();
  return [...BUILTIN_KEY_FIELDS[entity], ...custom].filter((f) => {
    const id = `${f.field}:${f.kind}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The key field a rule checks (built-in or custom). */
export function ruleKeyField(entity: DedupeEntity, rule: DuplicateRule): KeyField | null {
  if (rule.field.startsWith('custom.')) return customKeyField(rule);
  return BUILTIN_KEY_FIELDS[entity].find((f) => f.field === rule.field) ?? null;
}

/** The table and display columns of each entity. */
export const ENTITY_TABLES: Record<DedupeEntity, 'customers' | 'contacts' | 'leads'> = {
  customer: 'customers',
  contact: 'contacts',
  lead: 'leads',
};

/** Fields a merge may take from any of the merged records: one list for the server and the merge screen. */
export { MERGE_FIELDS } from '@tideline/shared';

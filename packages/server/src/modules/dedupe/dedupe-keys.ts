import { companyBlockKeys, normalizeForKey } from '@tideline/engine';
import type { DedupeEntity } from '@tideline/shared';
import type { KeyField } from './dedupe.fields';

export interface DedupeKey {
  kind: string;
  key: string;
  field: string;
}

/** A field of a record, `custom.<key>` read from its custom values. */
export function fieldValue(record: Record<string, unknown>, field: string): unknown {
  if (!field.startsWith('custom.')) return record[field];
  const custom = record.custom;
  return custom && typeof custom === 'object'
    ? (custom as Record<string, unknown>)[field.slice(7)]
    : undefined;
}

/** The key of one field of a record (a contact's name is keyed with its customer). */
export function keyOf(entity: DedupeEntity, record: Record<string, unknown>, f: KeyField): string | null {
  const key = normalizeForKey(f.normalizer, fieldValue(record, f.field));
  if (key === null) return null;
  return entity === 'contact' && f.kind === 'person' ? `${String(record.customer_id)}|${key}` : key;
}

/** All keys of a record: one per keyed field with a value, plus fuzzy block keys of company names. */
export function keysOf(entity: DedupeEntity, record: Record<string, unknown>, fields: readonly KeyField[]) {
  const keys: DedupeKey[] = [];
  const seen = new Set<string>();
  const add = (k: DedupeKey) => {
    const id = `${k.kind}\u0000${k.key}\u0000${k.field}`;
    if (seen.has(id)) return;
    seen.add(id);
    keys.push(k);
  };
  for (const f of fields) {
    const key = keyOf(entity, record, f);
    if (key === null) continue;
    add({ kind: f.kind, key, field: f.field });
    if (f.normalizer === 'company' && !f.field.startsWith('custom.'))
      for (const block of companyBlockKeys(key)) add({ kind: 'company_block', key: block, field: f.field });
  }
  return keys;
}

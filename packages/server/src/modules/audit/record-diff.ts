/** Field-level before/after of a change, as the audit log and `updated` events carry it. */
export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

const same = (a: unknown, b: unknown): boolean =>
  a === b || (a !== null && b !== null && typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * Compare two versions of a record over the given fields. Custom fields are compared key by key and
 * reported as `custom.<key>`.
 */
export function diffRecords(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  fields: readonly string[],
): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of fields) {
    if (field === 'custom') {
      const b = (before?.custom ?? {}) as Record<string, unknown>;
      const a = (after?.custom ?? {}) as Record<string, unknown>;
      for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
        const bv = b[key] ?? null;
        const av = a[key] ?? null;
        if (!same(bv, av)) changes[`custom.${key}`] = { before: bv, after: av };
      }
      continue;
    }
    const bv = before?.[field] ?? null;
    const av = after?.[field] ?? null;
    if (!same(bv, av)) changes[field] = { before: bv, after: av };
  }
  return changes;
}

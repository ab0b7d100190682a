import type { ColumnMapping, ImportField, ImportUpload } from './importTypes';

/** The server's suggestion for every header (headers it did not recognise start unmapped). */
export function initialMapping(upload: Pick<ImportUpload, 'headers' | 'suggested_mapping' | 'fields'>) {
  const known = new Set(upload.fields.map((f) => f.key));
  const mapping: ColumnMapping = {};
  for (const header of upload.headers) {
    const suggested = upload.suggested_mapping[header] ?? null;
    mapping[header] = suggested && known.has(suggested) ? suggested : null;
  }
  return mapping;
}

/** Required fields no column fills: the import cannot start without them. */
export function unmappedRequired(mapping: ColumnMapping, fields: readonly ImportField[]): ImportField[] {
  const targets = new Set(Object.values(mapping).filter((v): v is string => v !== null));
  return fields.filter((f) => f.required && !targets.has(f.key));
}

/** Field keys that more than one column fills, with those columns (the later column would win). */
export function duplicateTargets(mapping: ColumnMapping): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const [header, key] of Object.entries(mapping)) {
    if (key !== null) byField.set(key, [...(byField.get(key) ?? []), header]);
  }
  return new Map([...byField].filter(([, headers]) => headers.length > 1));
}

/** The first few non-empty values of one column, to recognise what it holds. */
export function sampleValues(rows: readonly string[][], column: number, max = 3): string[] {
  const values: string[] = [];
  for (const row of rows) {
    const v = (row[column] ?? '').trim();
    if (v) values.push(v);
    if (values.length === max) break;
  }
  return values;
}

/** Fields that columns fill, in the server's field order (the candidates for the update key). */
export function mappedFields(mapping: ColumnMapping, fields: readonly ImportField[]): ImportField[] {
  const targets = new Set(Object.values(mapping));
  return fields.filter((f) => targets.has(f.key));
}

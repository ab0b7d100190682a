import { sql } from 'kysely';
import type { Dialect } from './dialect';
import { escapeLike } from './dialect';

export const sqliteDialect: Dialect = {
  kind: 'sqlite',
  maxParameters: 32_000,
  jsonText: (column, key) =>
    sql<string | null>`json_extract(${sql.ref(column)}, ${'$.' + JSON.stringify(key)})`,
  jsonNumber: (column, key) =>
    sql<number | null>`json_extract(${sql.ref(column)}, ${'$.' + JSON.stringify(key)})`,
  // SQLite's LIKE folds ASCII case only, which is what users expect of names and emails.
  containsText: (expr, needle) => sql<boolean>`${expr} like ${'%' + escapeLike(needle) + '%'} escape '\\'`,
  startsWithText: (expr, prefix) => sql<boolean>`${expr} like ${escapeLike(prefix) + '%'} escape '\\'`,
  unindexed: (expr) => sql`+${expr}`,
  writeJson: (value) => JSON.stringify(value ?? null),
  readJson: <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  forUpdate: (qb) => qb,
  forUpdateSkipLocked: (qb) => qb,
  jsonArrayContains: (column, key, value) =>
    sql<boolean>`exists (select 1 from json_each(${sql.ref(column)}, ${'$.' + JSON.stringify(key)}) where value = ${value})`,
  jsonBoolean: (column, key) =>
    sql<number | null>`json_extract(${sql.ref(column)}, ${'$.' + JSON.stringify(key)})`,
};

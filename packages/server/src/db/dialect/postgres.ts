import { sql } from 'kysely';
import type { Dialect } from './dialect';
import { escapeLike } from './dialect';

export const postgresDialect: Dialect = {
  kind: 'postgres',
  maxParameters: 60_000,
  jsonText: (column, key) => sql<string | null>`(${sql.ref(column)} ->> ${key})`,
  // A value that is not a number reads as null instead of failing the whole query.
  jsonNumber: (column, key) =>
    sql<
      number | null
    >`(case when jsonb_typeof(${sql.ref(column)} -> ${key}) = 'number' then (${sql.ref(column)} ->> ${key})::double precision end)`,
  containsText: (expr, needle) => sql<boolean>`${expr}::text ilike ${'%' + escapeLike(needle) + '%'}`,
  startsWithText: (expr, prefix) => sql<boolean>`${expr}::text ilike ${escapeLike(prefix) + '%'}`,
  unindexed: (expr) => sql`${expr}`,
  writeJson: (value) => JSON.stringify(value ?? null),
  readJson: <T>(value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T)),
  forUpdate: (qb) => qb.forUpdate(),
  forUpdateSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  // coalesce: a record without the key must read as "does not contain" (as on SQLite), not NULL.
  jsonArrayContains: (column, key, value) =>
    sql<boolean>`coalesce((${sql.ref(column)} -> ${key}) ? ${value}, false)`,
  jsonBoolean: (column, key) =>
    sql<
      number | null
    >`(case ${sql.ref(column)} -> ${key} when 'true'::jsonb then 1 when 'false'::jsonb then 0 end)`,
};

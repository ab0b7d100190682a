import type { Expression, RawBuilder, SelectQueryBuilder } from 'kysely';

export type DialectKind = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface, so services and
 * repositories never branch on the database.
 */
export interface Dialect extends JsonArrayDialect {
  readonly kind: DialectKind;
  /** A custom-field value as text: json_extract on SQLite, ->> on PostgreSQL. */
  jsonText(column: string, key: string): RawBuilder<string | null>;
  /** A custom-field value as a number, for comparisons and sorting. */
  jsonNumber(column: string, key: string): RawBuilder<number | null>;
  /** Case-insensitive "contains" for ASCII and exact for CJK; the value is escaped. */
  containsText(expr: Expression<unknown>, needle: string): RawBuilder<boolean>;
  startsWithText(expr: Expression<unknown>, prefix: string): RawBuilder<boolean>;
  /**
   * The same value, as an operand the planner will not seek an index with. SQLite plans without
   * statistics: given a range on an indexed column it seeks that index and sorts every match, even
   * when a list's order comes straight from another index and 50 rows are wanted (unary plus).
   * PostgreSQL's statistics weigh both, so it gets the expression unchanged.
   */
  unindexed(expr: Expression<unknown>): RawBuilder<unknown>;
  /** JSON column value as stored (both dialects accept text on write). */
  writeJson(value: unknown): string;
  /** JSON column value as read: SQLite returns text, PostgreSQL returns parsed jsonb. */
  readJson<T = unknown>(value: unknown): T;
  /** Lock the selected rows for the rest of the transaction (SQLite serialises writers already). */
  forUpdate<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Lock the selected rows and skip rows other transactions hold (job claims by several workers). */
  forUpdateSkipLocked<DB, TB extends keyof DB, O>(
    qb: SelectQueryBuilder<DB, TB, O>,
  ): SelectQueryBuilder<DB, TB, O>;
  /** Largest number of bound parameters one statement may carry. */
  readonly maxParameters: number;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** count(*) is a string from pg and a number from SQLite. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

export interface JsonArrayDialect {
  /** Whether the JSON array at column.key holds `value` (multi-select custom fields). */
  jsonArrayContains(column: string, key: string, value: string): RawBuilder<boolean>;
  /** A JSON boolean as 1/0/null, so both dialects compare it the same way. */
  jsonBoolean(column: string, key: string): RawBuilder<number | null>;
}

import { z } from 'zod';

/** Operators a list filter may use. Relative date operators resolve in the workspace's time zone. */
export const FILTER_OPS = [
  'eq',
  'ne',
  'in',
  'nin',
  'contains',
  'not_contains',
  'starts_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'empty',
  'not_empty',
  'last_n_days',
  'next_n_days',
  'older_than_days',
  'period',
] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export const RELATIVE_PERIODS = [
  'today',
  'yesterday',
  'tomorrow',
  'this_week',
  'last_week',
  'next_week',
  'this_month',
  'last_month',
  'next_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const scalar = z.union([z.string().max(500), z.number(), z.boolean()]);

export const filterConditionSchema = z.strictObject({
  field: z.string().min(1).max(80),
  op: z.enum(FILTER_OPS),
  value: z.union([scalar, z.array(scalar).max(500), z.null()]).optional(),
});
export type FilterCondition = z.infer<typeof filterConditionSchema>;

export const filterListSchema = z.array(filterConditionSchema).max(30);

export const LIST_LIMIT_MAX = 200;

/** Query-string parameters every list endpoint accepts. `filter` is a JSON array of conditions. */
export const listQuerySchema = z.strictObject({
  filter: z.string().max(20_000).optional(),
  sort: z
    .string()
    .max(80)
    .regex(/^-?[a-z_][a-z0-9_.]*$/, 'sort is a field name, with a leading "-" for descending')
    .optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(50),
  q: z.string().trim().max(100).optional(),
  include_deleted: z.enum(['true', 'false', 'only']).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

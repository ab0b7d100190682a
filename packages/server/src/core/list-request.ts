import { filterListSchema } from '@tideline/shared';
import type { FilterCondition, ListQuery } from '@tideline/shared';
import { ValidationError } from './errors';
import type { FieldIssue } from './errors';

/** Parse the `filter` query parameter (a JSON array of conditions) with paths for every bad part. */
export function parseFilterParam(raw: string | undefined): FilterCondition[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw ValidationError.field('filter', 'must be a JSON array of {field, op, value}', 'invalid_json');
  }
  const parsed = filterListSchema.safeParse(json);
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.map((i) => ({
      path: ['filter', ...i.path]
        .map((p, n) => (typeof p === 'number' ? `[${p}]` : n ? `.${String(p)}` : String(p)))
        .join(''),
      message: i.message,
      code: i.code,
    }));
    throw new ValidationError(issues, 'The filter has invalid conditions');
  }
  return parsed.data;
}

export type { ListQuery };

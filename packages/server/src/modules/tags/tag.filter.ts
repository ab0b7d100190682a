import type { RawBuilder } from 'kysely';
import { sql } from 'kysely';
import type { FilterCondition } from '@tideline/shared';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { isId } from '../../core/ids';
import { buildFilterPredicate } from '../../db/list-query';
import type { ListContext } from '../../db/list-query';
import { tagFilterPredicate } from './record-tags.repository';

/** Operators the `tags` pseudo-field accepts: any of, none of, all of, no tags, some tag. */
const TAG_OPS = ['in', 'nin', 'contains', 'empty', 'not_empty'] as const;

function tagIdsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every(isId))
    throw new Error('must be a tag id or a non-empty list of tag ids');
  return [...new Set(list.map((v) => (v as string).toLowerCase()))];
}

/** One `{field: 'tags', ...}` condition as SQL over the list's `id` column. */
export function tagCondition(
  workspaceId: string,
  recordType: string,
  c: FilterCondition,
): RawBuilder<boolean> {
  switch (c.op) {
    case 'in':
      return tagFilterPredicate(workspaceId, recordType, tagIdsOf(c.value));
    case 'nin':
      return sql<boolean>`not ${tagFilterPredicate(workspaceId, recordType, tagIdsOf(c.value))}`;
    case 'contains':
      return tagFilterPredicate(workspaceId, recordType, tagIdsOf(c.value), { all: true });
    case 'empty':
      return sql<boolean>`not ${tagFilterPredicate(workspaceId, recordType, null)}`;
    case 'not_empty':
      return tagFilterPredicate(workspaceId, recordType, null);
    default:
      throw new Error(`operator ${c.op} does not apply to tags; use one of ${TAG_OPS.join(', ')}`);
  }
}

/**
 * `buildFilterPredicate` plus the `tags` pseudo-field. Error paths keep the position the condition
 * had in the request, so `filter[2].value` still names the third condition.
 */
export function buildFilterWithTags(
  ctx: ListContext,
  workspaceId: string,
  recordType: string,
  conditions: readonly FilterCondition[],
): RawBuilder<boolean> | null {
  const rest: FilterCondition[] = [];
  const restIndex: number[] = [];
  const parts: RawBuilder<boolean>[] = [];
  const issues: FieldIssue[] = [];
  conditions.forEach((c, i) => {
    if (c.field !== 'tags') {
      rest.push(c);
      restIndex.push(i);
      return;
    }
    if (!(TAG_OPS as readonly string[]).includes(c.op)) {
      issues.push({
        path: `filter[${i}].op`,
        message: `operator ${c.op} does not apply to tags`,
        code: 'invalid_op',
      });
      return;
    }
    try {
      parts.push(tagCondition(workspaceId, recordType, c));
    } catch (e) {
      issues.push({ path: `filter[${i}].value`, message: (e as Error).message, code: 'invalid_value' });
    }
  });
  try {
    const built = buildFilterPredicate(ctx, rest);
    if (built) parts.push(built);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const f of e.fields) {
      issues.push({
        ...f,
        path: f.path.replace(/^filter\[(\d+)\]/, (_m, n: string) => `filter[${restIndex[Number(n)]}]`),
      });
    }
  }
  if (issues.length) {
    issues.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
    throw new ValidationError(issues, 'The filter has invalid conditions');
  }
  return parts.length ? sql<boolean>`(${sql.join(parts, sql` and `)})` : null;
}

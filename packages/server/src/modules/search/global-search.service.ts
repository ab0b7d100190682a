import type { Permission } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { ValidationError } from '../../core/errors';
import { displayRows } from './search.repository';
import { searchIds } from './search.service';
import { SEARCH_TARGETS } from './search.targets';

/** Search every entity the actor may read; each list newest first, `limit` per entity. */
export async function globalSearch(
  deps: AppDeps,
  actor: Actor,
  query: { q: string; types?: string | undefined; limit: number },
) {
  const wanted = query.types ? query.types.split(',').map((t) => t.trim()) : Object.keys(SEARCH_TARGETS);
  const unknown = wanted.find((t) => !SEARCH_TARGETS[t]);
  if (unknown)
    throw ValidationError.field(
      'types',
      `unknown type ${unknown}; use ${Object.keys(SEARCH_TARGETS).join(', ')}`,
    );
  const db = deps.database.db;
  const results: Record<string, Record<string, unknown>[]> = {};
  let partial = false;
  for (const type of wanted) {
    const { target, permission } = SEARCH_TARGETS[type]!;
    if (!actor.permissions.has(permission as Permission)) continue;
    const hits = await searchIds(db, deps.database.dialect.containsText, actor, target, query.q, {
      limit: query.limit,
      scanCap: 20_000,
    });
    partial ||= hits.partial;
    results[type] = await displayRows(
      db,
      actor.workspaceId,
      target.table,
      target.displayColumns ?? ['id', 'name'],
      hits.ids,
    );
  }
  return { q: query.q, results, partial };
}

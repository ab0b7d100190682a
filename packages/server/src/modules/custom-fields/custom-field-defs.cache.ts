import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { loadCustomFieldDefs } from './custom-field.repository';
import type { CustomFieldDef } from './custom-field-values';

const TTL_MS = 5_000;
const cache = new Map<string, { defs: CustomFieldDef[]; until: number }>();

/**
 * Field definitions for list filters and sorting, cached per process for a few seconds: every list
 * request needs them and they rarely change. Writes validate against fresh definitions instead
 * (checkCustomValues), and a change here clears the cache at once; other processes follow within 5 s.
 */
export async function cachedFieldDefs(
  deps: AppDeps,
  workspaceId: string,
  entity: string,
  /** Inside a transaction pass it: SQLite has one connection, and a query beside it would wait forever. */
  executor: Executor = deps.database.db,
): Promise<CustomFieldDef[]> {
  const key = `${workspaceId}:${entity}`;
  const now = deps.clock.now().getTime();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.defs;
  const defs = await loadCustomFieldDefs(executor, deps.database.dialect, workspaceId, entity);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { defs, until: now + TTL_MS });
  return defs;
}

export function forgetFieldDefs(workspaceId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${workspaceId}:`)) cache.delete(key);
}

import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../core/transaction';

/**
 * Which pool a customer belongs to (its home pool): the enabled pool of its lead source, else the
 * enabled pool of the deepest department above its owner, else the company pool. Only the home pool's
 * rules recycle a customer, and a release without a pool goes there.
 */
export interface ScopePool {
  id: string;
  name: string;
  scope: 'company' | 'department' | 'source';
  department_id: string | null;
  source: string | null;
  created_at: string;
}

export interface ScopeMap {
  pools: ScopePool[];
  bySource: Map<string, ScopePool>;
  /** Department pools with their department's path, deepest first. */
  byDepartment: { pool: ScopePool; path: string }[];
  company: ScopePool | null;
  /** Every user with their department path, to turn department scopes into owner lists. */
  userPaths: Map<string, string>;
}

export async function loadScopeMap(trx: Executor, workspaceId: string): Promise<ScopeMap> {
  const pools = (await trx
    .selectFrom('pools')
    .select(['id', 'name', 'scope', 'department_id', 'source', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('enabled', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .execute()) as ScopePool[];
  const departments = await trx
    .selectFrom('departments')
    .select(['id', 'path'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const paths = new Map(departments.map((d) => [d.id, d.path]));
  const users = await trx
    .selectFrom('users')
    .select(['id', 'department_id'])
    .where('workspace_id', '=', workspaceId)
    .execute();
  const userPaths = new Map(users.map((u) => [u.id, (u.department_id && paths.get(u.department_id)) || '']));
  const bySource = new Map<string, ScopePool>();
  const byDepartment: ScopeMap['byDepartment'] = [];
  let company: ScopePool | null = null;
  // Pools come oldest first: the first pool of a scope keeps it.
  for (const p of pools) {
    if (p.scope === 'source' && p.source && !bySource.has(p.source)) bySource.set(p.source, p);
    else if (p.scope === 'department' && p.department_id && paths.has(p.department_id)) {
      if (!byDepartment.some((d) => d.pool.department_id === p.department_id))
        byDepartment.push({ pool: p, path: paths.get(p.department_id)! });
    } else if (p.scope === 'company' && !company) company = p;
  }
  byDepartment.sort((a, b) => b.path.length - a.path.length);
  return { pools, bySource, byDepartment, company, userPaths };
}

/** The home pool of an owned customer, or null when no enabled pool covers it. */
export function homePoolOf(
  map: ScopeMap,
  c: { source: string | null; owner_id: string | null },
): ScopePool | null {
  if (c.source && map.bySource.has(c.source)) return map.bySource.get(c.source)!;
  const path = c.owner_id ? map.userPaths.get(c.owner_id) : undefined;
  if (path) {
    const dept = map.byDepartment.find((d) => path.startsWith(d.path));
    if (dept) return dept.pool;
  }
  return map.company;
}

/** Owners whose deepest department pool is `pool`. */
function ownersOf(map: ScopeMap, poolId: string): string[] {
  const out: string[] = [];
  for (const [userId, path] of map.userPaths) {
    if (!path) continue;
    const dept = map.byDepartment.find((d) => path.startsWith(d.path));
    if (dept?.pool.id === poolId) out.push(userId);
  }
  return out;
}

/** SQL over `customers` for the owned customers whose home pool is `pool`; null when it has none. */
export function homeScopeSql(map: ScopeMap, pool: ScopePool): RawBuilder<boolean> | null {
  // "Owned" written so that no index can serve it: as a plain `is not null` SQLite walks an owner index
  // over nearly the whole workspace (random reads) where a scan, or a date index of the rule, is cheaper.
  const where: RawBuilder<boolean>[] = [
    sql<boolean>`(case when customers.owner_id is null then 0 else 1 end) = 1`,
  ];
  if (pool.scope === 'source') {
    if (map.bySource.get(pool.source ?? '')?.id !== pool.id) return null;
    where.push(sql<boolean>`customers.source = ${pool.source}`);
    return sql<boolean>`${sql.join(where, sql` and `)}`;
  }
  const sources = [...map.bySource.keys()];
  if (sources.length)
    where.push(sql<boolean>`(customers.source is null or customers.source not in (${sql.join(sources)}))`);
  if (pool.scope === 'department') {
    const owners = ownersOf(map, pool.id);
    if (owners.length === 0) return null;
    where.push(sql<boolean>`customers.owner_id in (${sql.join(owners)})`);
  } else {
    if (map.company?.id !== pool.id) return null;
    const covered = map.byDepartment.flatMap((d) => ownersOf(map, d.pool.id));
    if (covered.length) where.push(sql<boolean>`customers.owner_id not in (${sql.join(covered)})`);
  }
  return sql<boolean>`${sql.join(where, sql` and `)}`;
}

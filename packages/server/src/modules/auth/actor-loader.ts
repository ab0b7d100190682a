import { sql } from 'kysely';
import { PERMISSIONS } from '@tideline/shared';
import type { DataScope, Permission, WriteSource } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';

export interface LoadedUser {
  id: string;
  workspace_id: string;
  status: string;
  department_id: string | null;
}

/**
 * Build the actor for a user: role permissions (narrowed to token scopes when a token acts) and the
 * owners inside the data scope — self; self and everyone in the department subtree; or everyone.
 */
export async function loadActor(
  trx: Executor,
  dialect: Dialect,
  userId: string,
  workspaceId: string,
  opts: { source: WriteSource; tokenId?: string; tokenScopes?: readonly Permission[] },
): Promise<Actor | null> {
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .innerJoin('workspaces as w', 'w.id', 'u.workspace_id')
    .leftJoin('departments as d', (j) =>
      j.onRef('d.workspace_id', '=', 'u.workspace_id').onRef('d.id', '=', 'u.department_id'),
    )
    .select([
      'u.id',
      'u.status',
      'r.key',
      'r.permissions',
      'r.data_scope',
      'd.path',
      'w.timezone',
      'w.currency',
    ])
    .where('u.workspace_id', '=', workspaceId)
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row || row.status !== 'active') return null;
  // Admins hold every permission, including ones added to the product after their role was stored.
  let permissions = new Set(
    row.key === 'admin' ? PERMISSIONS : dialect.readJson<Permission[]>(row.permissions),
  );
  if (opts.tokenScopes) {
    const scopes = new Set(opts.tokenScopes);
    permissions = new Set([...permissions].filter((p) => scopes.has(p)));
  }
  const dataScope = row.data_scope as DataScope;
  let visibleOwnerIds: Set<string> | null = null;
  if (dataScope === 'own' || (dataScope === 'department' && !row.path)) visibleOwnerIds = new Set([userId]);
  else if (dataScope === 'department') {
    const { rows } = await sql<{ id: string }>`select u.id from users u join departments d
      on d.workspace_id = u.workspace_id and d.id = u.department_id
      where u.workspace_id = ${workspaceId} and d.path like ${row.path + '%'}`.execute(trx);
    visibleOwnerIds = new Set([userId, ...rows.map((r) => r.id)]);
  }
  return {
    workspaceId,
    userId,
    actorType: opts.tokenId ? 'token' : 'user',
    ...(opts.tokenId ? { tokenId: opts.tokenId } : {}),
    source: opts.source,
    permissions,
    dataScope,
    visibleOwnerIds,
    timezone: row.timezone,
    currency: row.currency,
    depth: 0,
  };
}

import type { DataScope, Permission, WriteSource } from '@tideline/shared';
import { ForbiddenError } from './errors';

/** Who is acting, with what rights, from where. Every service call receives one. */
export interface Actor {
  workspaceId: string;
  /** The user acting (for tokens, the token's user); null for the system itself. */
  userId: string | null;
  actorType: 'user' | 'token' | 'system' | 'automation';
  tokenId?: string;
  source: WriteSource;
  permissions: ReadonlySet<Permission>;
  dataScope: DataScope;
  /** Owners whose records this actor may see; null means every owner (and unowned records). */
  visibleOwnerIds: ReadonlySet<string> | null;
  timezone: string;
  currency: string;
  /** How deep in an automation chain this write is; 0 for people. */
  depth: number;
  /**
   * How duplicate rules that only warn treat this request's writes: 'ask' stops them (409
   * duplicate_warning) so a person can confirm; absent or 'allow' lets them through with warnings.
   */
  duplicates?: 'ask' | 'allow';
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions.has(permission)) {
    throw new ForbiddenError(`Missing permission ${permission}`, 'permission_denied');
  }
}

/** Whether a record owned by `ownerId` is inside the actor's data scope. */
export function canSeeOwner(actor: Actor, ownerId: string | null): boolean {
  if (actor.visibleOwnerIds === null) return true;
  return ownerId !== null && actor.visibleOwnerIds.has(ownerId);
}

/** A system actor for migrations, seeding and jobs: all permissions, all data. */
export function systemActor(
  workspaceId: string,
  permissions: Iterable<Permission>,
  opts: { timezone?: string; currency?: string; source?: WriteSource; userId?: string | null } = {},
): Actor {
  return {
    workspaceId,
    userId: opts.userId ?? null,
    actorType: 'system',
    source: opts.source ?? 'system',
    permissions: new Set(permissions),
    dataScope: 'all',
    visibleOwnerIds: null,
    timezone: opts.timezone ?? 'Asia/Shanghai',
    currency: opts.currency ?? 'CNY',
    depth: 0,
  };
}

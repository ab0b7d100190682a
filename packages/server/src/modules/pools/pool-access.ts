import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import {
  findPool,
  poolWithAccess,
  poolIdsForAdmin,
  poolIdsForMember,
  toPool,
  userPlacement,
} from './pool.repository';
import type { Placement } from './pool.repository';
import type { PoolRecord } from './pool.repository';

export interface PoolAccess {
  pool: PoolRecord;
  /** A member may see the pool's customers (hidden fields masked) and claim them. */
  member: boolean;
  /** A pool admin (or a holder of pools:manage) sees everything of the pool and assigns from it. */
  admin: boolean;
  /** The actor's role and departments (nearest first), when the actor is a person. */
  placement: Placement | null;
}

/** The pools the actor belongs to and the ones they administer. */
export async function poolsOfActor(trx: Executor, actor: Actor) {
  if (!actor.userId) return { member: new Set<string>(), admin: new Set<string>() };
  const placement = await userPlacement(trx, actor.workspaceId, actor.userId);
  const member = await poolIdsForMember(trx, actor.workspaceId, actor.userId, placement?.departmentIds ?? []);
  const admin = await poolIdsForAdmin(trx, actor.workspaceId, actor.userId);
  return { member: new Set(member), admin: new Set(admin) };
}

export async function poolAccess(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  poolId: string,
  opts: { lock?: boolean } = {},
): Promise<PoolAccess> {
  if (opts.lock) await findPool(trx, actor.workspaceId, poolId, deps.database.dialect);
  const found = await poolWithAccess(trx, actor.workspaceId, poolId, actor.userId);
  if (!found) throw new NotFoundError('pool', poolId);
  const admin = actor.permissions.has('pools:manage') || found.admin;
  return {
    pool: toPool(deps.database.dialect, found.pool),
    member: found.member || admin,
    admin,
    placement: found.placement,
  };
}

/** Members and admins only; everyone else gets a clear refusal rather than an empty list. */
export function requireMember(access: PoolAccess): void {
  if (!access.member)
    throw new ForbiddenError(`You are not a member of the pool ${access.pool.name}`, 'not_member');
}

import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import { ValidationError } from '../../core/errors';

/**
 * An owner must be an active user of the same workspace and, unless the actor sees everything,
 * inside the actor's data scope. Leaving a record without owner is for those who see everything.
 */
export async function assertAssignableOwner(
  trx: Executor,
  actor: Actor,
  ownerId: string | null | undefined,
  path: string,
) {
  if (ownerId === null || ownerId === undefined) {
    if (actor.visibleOwnerIds !== null)
      throw ValidationError.field(path, 'a record needs an owner', 'required');
    return;
  }
  if (ownerId !== actor.userId && !actor.permissions.has('records:transfer')) {
    throw ValidationError.field(path, 'you may only make yourself the owner', 'owner_not_allowed');
  }
  const user = await trx
    .selectFrom('users')
    .select(['id', 'status'])
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!user) throw ValidationError.field(path, 'no such user in this workspace', 'not_found');
  if (user.status !== 'active') throw ValidationError.field(path, 'this user is disabled', 'user_disabled');
  if (actor.visibleOwnerIds !== null && !actor.visibleOwnerIds.has(ownerId)) {
    throw ValidationError.field(path, 'this user is outside your department', 'owner_out_of_scope');
  }
}

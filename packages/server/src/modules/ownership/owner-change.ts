import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { logChanges } from '../audit/change-log';
import { setOwner } from './ownership.repository';
import type { OwnedRow, OwnedType } from './ownership.repository';

/**
 * Give rows of one type to `to` (null: a lead left unassigned) in the caller's transaction: the owner
 * column, an audit entry per record and its `<type>.owner_changed` event. Returns the rows that moved
 * (those already held by `to` are left alone).
 */
export async function writeOwners(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  type: OwnedType,
  rows: OwnedRow[],
  to: string | null,
): Promise<OwnedRow[]> {
  const moving = rows.filter((r) => r.owner !== to);
  if (moving.length === 0) return moving;
  const at = deps.clock.now().toISOString();
  await setOwner(
    trx,
    deps.database.dialect,
    actor.workspaceId,
    type,
    moving.map((r) => r.id),
    to,
    at,
  );
  const field = type === 'task' ? 'assignee_id' : 'owner_id';
  await logChanges(
    trx,
    deps,
    actor,
    moving.map((r) => ({
      entity: type,
      recordId: r.id,
      customerId: r.customer_id,
      before: { [field]: r.owner },
      after: { [field]: to },
      fields: [field],
    })),
  );
  return moving;
}

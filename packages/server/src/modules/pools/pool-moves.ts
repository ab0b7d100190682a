import type { ClaimRefusal, PoolMoveKind } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Executor } from '../../core/transaction';
import { logChanges } from '../audit/change-log';
import type { RecordChange } from '../audit/change-log';
import { insertMoves, restartClocks } from './pool-customer.repository';

/**
 * A pool move is audited like any owner change (so automations get `customer.owner_changed` and the
 * timeline shows it), with two descriptive fields: `pool_move` (claim, release, assign, recycle) and
 * `pool_reason` (the release reason or the rule's reason).
 */
export const POOL_AUDITED = ['owner_id', 'pool_id', 'pool_move', 'pool_reason'] as const;

export interface Move {
  customerId: string;
  kind: PoolMoveKind;
  poolId: string | null;
  fromOwner: string | null;
  toOwner: string | null;
  reason?: string | null;
  ruleId?: string | null;
}

/** Write the audit entries, events and pool_moves rows of a set of moves, in the caller's transaction. */
export async function recordMoves(trx: Executor, deps: AppDeps, actor: Actor, moves: Move[]): Promise<void> {
  if (moves.length === 0) return;
  const at = deps.clock.now().toISOString();
  const changes: RecordChange[] = moves.map((m) => {
    const toPool = m.kind === 'release' || m.kind === 'recycle';
    return {
      entity: 'customer',
      recordId: m.customerId,
      customerId: m.customerId,
      before: {
        owner_id: m.fromOwner,
        pool_id: toPool ? null : m.poolId,
        pool_move: null,
        pool_reason: null,
      },
      after: {
        owner_id: m.toOwner,
        pool_id: toPool ? m.poolId : null,
        pool_move: m.kind,
        pool_reason: m.reason ?? null,
      },
      fields: POOL_AUDITED,
    };
  });
  await logChanges(trx, deps, actor, changes);
  await insertMoves(
    trx,
    deps.database.dialect,
    moves.map((m) => ({
      workspace_id: actor.workspaceId,
      id: newId(),
      customer_id: m.customerId,
      pool_id: m.poolId,
      kind: m.kind,
      actor_id: actor.userId,
      from_owner_id: m.fromOwner,
      to_owner_id: m.toOwner,
      reason: m.reason ?? null,
      rule_id: m.ruleId ?? null,
      at,
    })),
  );
}

export interface Refusal {
  id: string;
  index: number;
  reason: ClaimRefusal;
  message: string;
}

export const REFUSAL_MESSAGES: Record<ClaimRefusal, string> = {
  cap_reached: 'You own as many customers as your cap allows; release some first',
  daily_limit: "You reached today's claim limit for this pool",
  cooldown: 'You lost this customer recently and cannot claim it back yet',
  already_claimed: 'Someone else has just claimed this customer',
  not_member: 'You are not a member of this pool',
  not_in_pool: 'This customer is not in this pool',
};

/**
 * When nothing was taken, the request failed as a whole: 409 with one error per refused id (the code
 * is the shared reason when they all agree, so a single claim answers `already_claimed`).
 */
export function refuseAll(refused: Refusal[]): ConflictError {
  const reasons = new Set(refused.map((r) => r.reason));
  const code = reasons.size === 1 ? [...reasons][0]! : 'claim_refused';
  const title = reasons.size === 1 ? refused[0]!.message : 'None of these customers could be taken';
  return new ConflictError(
    code,
    title,
    refused.map((r) => ({ path: `ids[${r.index}]`, message: r.message, code: r.reason })),
    { refused },
  );
}

/**
 * For the ownership service (transfer, hand-over): customers that changed hands outside a pool restart
 * their recycle clock (`claimed_at` = now: the new owner gets every rule's full period) and appear in
 * the pool history as `transfer`. Call it in the transfer's transaction, after the owners are written.
 */
export async function noteTransfers(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  transfers: { customerId: string; fromOwner: string | null; toOwner: string }[],
): Promise<void> {
  if (transfers.length === 0) return;
  const at = deps.clock.now().toISOString();
  await restartClocks(
    trx,
    deps.database.dialect,
    actor.workspaceId,
    transfers.map((t) => t.customerId),
    at,
  );
  await insertMoves(
    trx,
    deps.database.dialect,
    transfers.map((t) => ({
      workspace_id: actor.workspaceId,
      id: newId(),
      customer_id: t.customerId,
      pool_id: null,
      kind: 'transfer',
      actor_id: actor.userId,
      from_owner_id: t.fromOwner,
      to_owner_id: t.toOwner,
      reason: null,
      rule_id: null,
      at,
    })),
  );
}

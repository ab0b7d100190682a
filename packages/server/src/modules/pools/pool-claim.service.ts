import { DateTime } from 'luxon';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { DAY_MS } from '../../core/clock';
import type { AppDeps } from '../../core/deps';
import { ForbiddenError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { notifyUsers } from '../notifications/notification.service';
import { assertAssignableOwner } from '../users/owner-check';
import { poolAccess, requireMember } from './pool-access';
import type { PoolAccess } from './pool-access';
import { effectiveCap } from './pool-cap.service';
import { countOwned } from './pool-cap.repository';
import { claimHistory, findPoolCustomers, lockUser, takeFromPool } from './pool-customer.repository';
import type { PoolCustomerRow } from './pool-customer.repository';
import { recordMoves, refuseAll, REFUSAL_MESSAGES } from './pool-moves';
import type { Move, Refusal } from './pool-moves';

export interface TakeResult {
  /** Ids now owned by the claimer (or the assignee). */
  taken: string[];
  refused: Refusal[];
}

interface TakeRules {
  /** The previous owner's cooldown and the daily limit apply to claims, not to a manager's assignment. */
  claim: boolean;
}

/**
 * Take customers out of a pool for `ownerId`, each on its own merits: a refused customer does not stop
 * the others (a rep claiming ten when their cap allows three gets three and seven reasons). Runs in
 * the caller's transaction; the owner's row is locked first so their concurrent requests queue up.
 */
async function take(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  access: PoolAccess,
  ids: string[],
  ownerId: string,
  rules: TakeRules,
): Promise<{ result: TakeResult; moves: Move[] }> {
  const { dialect } = deps.database;
  const ws = actor.workspaceId;
  const pool = access.pool;
  const now = deps.clock.now();
  const at = now.toISOString();
  await lockUser(trx, dialect, ws, ownerId);
  const rows = new Map(
    (await findPoolCustomers(trx, ws, [...new Set(ids)])).map((r): [string, PoolCustomerRow] => [r.id, r]),
  );
  const cap = await effectiveCap(trx, ws, ownerId, ownerId === actor.userId ? access.placement : null);
  let owned = cap ? await countOwned(trx, ws, ownerId, cap.count_won) : 0;
  const history = await claimHistory(trx, {
    workspaceId: ws,
    poolId: pool.id,
    userId: ownerId,
    claimsSince:
      rules.claim && pool.daily_claim_limit !== null
        ? DateTime.fromJSDate(now, { zone: actor.timezone }).startOf('day').toUTC().toISO()!
        : null,
    customerIds: [...rows.keys()],
    lostAfter:
      rules.claim && pool.cooldown_days > 0
        ? new Date(now.getTime() - pool.cooldown_days * DAY_MS).toISOString()
        : null,
  });
  let claimedToday = history.claims;
  const lost = history.lost;

  const taken: string[] = [];
  const refused: Refusal[] = [];
  const moves: Move[] = [];
  const seen = new Set<string>();
  const refuse = (id: string, index: number, reason: Refusal['reason'], message = REFUSAL_MESSAGES[reason]) =>
    refused.push({ id, index, reason, message });
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const row = rows.get(id);
    if (!row || row.deleted_at) refuse(id, index, 'not_in_pool');
    else if (row.owner_id === ownerId)
      refuse(id, index, 'already_claimed', 'This customer is already owned by this person');
    else if (row.owner_id) refuse(id, index, 'already_claimed');
    else if (row.pool_id !== pool.id) refuse(id, index, 'not_in_pool');
    else if (lost.has(id)) {
      const until = new Date(Date.parse(lost.get(id)!) + pool.cooldown_days * DAY_MS);
      const days = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / DAY_MS));
      refuse(
        id,
        index,
        'cooldown',
        `You lost this customer recently; you can claim it again in ${days} day${days === 1 ? '' : 's'} (${until.toISOString()})`,
      );
    } else if (cap && owned >= cap.max_customers && (cap.count_won || !row.last_won_at))
      refuse(id, index, 'cap_reached', `${REFUSAL_MESSAGES.cap_reached} (cap ${cap.max_customers})`);
    else if (rules.claim && pool.daily_claim_limit !== null && claimedToday >= pool.daily_claim_limit)
      refuse(id, index, 'daily_limit', `${REFUSAL_MESSAGES.daily_limit} (${pool.daily_claim_limit} a day)`);
    else if (!(await takeFromPool(trx, ws, id, pool.id, ownerId, at))) refuse(id, index, 'already_claimed');
    else {
      taken.push(id);
      if (cap?.count_won || !row.last_won_at) owned += 1;
      claimedToday += 1;
      moves.push({
        customerId: id,
        kind: rules.claim ? 'claim' : 'assign',
        poolId: pool.id,
        fromOwner: null,
        toOwner: ownerId,
      });
    }
  }
  return { result: { taken, refused }, moves };
}

/** A rep claims customers from a pool (领取). Nothing taken → 409 with a reason per id. */
export async function claimCustomers(
  deps: AppDeps,
  actor: Actor,
  poolId: string,
  ids: string[],
): Promise<{ claimed: string[]; refused: Refusal[] }> {
  requirePermission(actor, 'customers:write');
  if (!actor.userId) throw new ForbiddenError('Only a person can claim customers', 'user_required');
  const me = actor.userId;
  const { result } = await inTransaction(deps, async (trx) => {
    const access = await poolAccess(trx, deps, actor, poolId);
    requireMember(access);
    if (!access.pool.enabled) throw new ForbiddenError('This pool is switched off', 'pool_disabled');
    const out = await take(trx, deps, actor, access, ids, me, { claim: true });
    if (out.result.taken.length === 0) throw refuseAll(out.result.refused);
    await recordMoves(trx, deps, actor, out.moves);
    return out;
  });
  return { claimed: result.taken, refused: result.refused };
}

/** A pool admin (or a manager who is a member) gives pool customers to a rep (分配). */
export async function assignFromPool(
  deps: AppDeps,
  actor: Actor,
  poolId: string,
  input: { ids: string[]; owner_id: string },
): Promise<{ assigned: string[]; refused: Refusal[] }> {
  requirePermission(actor, 'customers:write');
  let publish: () => void = () => undefined;
  const { result } = await inTransaction(deps, async (trx) => {
    const access = await poolAccess(trx, deps, actor, poolId);
    requireMember(access);
    if (!access.admin && !actor.permissions.has('records:transfer'))
      throw new ForbiddenError('Only pool admins and managers assign from a pool', 'not_pool_admin');
    // A pool admin may give to anyone active; a manager only to people inside their data scope.
    const checker = access.admin ? { ...actor, visibleOwnerIds: null } : actor;
    await assertAssignableOwner(
      trx,
      { ...checker, permissions: new Set([...actor.permissions, 'records:transfer']) },
      input.owner_id,
      'owner_id',
    );
    const out = await take(trx, deps, actor, access, input.ids, input.owner_id, { claim: false });
    if (out.result.taken.length === 0) throw refuseAll(out.result.refused);
    await recordMoves(trx, deps, actor, out.moves);
    const n = out.result.taken.length;
    publish = await notifyUsers(trx, deps, actor, [
      {
        userId: input.owner_id,
        kind: 'pool_assigned',
        title: `你从公海「${access.pool.name}」分配到 ${n} 个客户`,
        entity: n === 1 ? 'customer' : null,
        recordId: n === 1 ? out.result.taken[0]! : null,
      },
    ]);
    return out;
  });
  publish();
  return { assigned: result.taken, refused: result.refused };
}

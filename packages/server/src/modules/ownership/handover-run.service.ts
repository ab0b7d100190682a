import type { HandoverInput, HandoverPreview, HandoverView } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import { logChange } from '../audit/change-log';
import { findPool } from '../pools/pool.repository';
import { assertAssignableOwner } from '../users/owner-check';
import type { HandoverSetup } from './handover-batch';
import { HANDOVER_JOB } from './handover-job-kind';
import { emptyCounts, initialState } from './handover-plan';
import { countHandover } from './handover-preview';
import { findHandover, findUnfinished, insertHandover, listHandovers } from './handover-run.repository';
import { toHandoverView } from './handover-view';

/** Hand-overs are for user admins and managers who may transfer records. */
function authorize(actor: Actor) {
  if (!actor.permissions.has('users:manage')) requirePermission(actor, 'records:transfer');
}

/**
 * Check a hand-over request, naming the field of every refusal: the leaving user exists and is in the
 * actor's scope; exactly one of `to` (active, distinct users other than the leaving one) and `to_pool`
 * (an enabled pool, with `deals_to` for the open deals and tasks). Caps are not applied: a hand-over is
 * an admin's action, like a transfer (docs/pool.md).
 */
async function resolveSetup(trx: Executor, actor: Actor, input: HandoverInput): Promise<HandoverSetup> {
  if (!canSeeOwner(actor, input.from_user_id))
    throw new ForbiddenError('This user is outside your department', 'user_out_of_scope');
  const from = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', input.from_user_id)
    .executeTakeFirst();
  if (!from) throw ValidationError.field('from_user_id', 'no such user in this workspace', 'not_found');
  if (input.to && input.to_pool)
    throw ValidationError.field('to_pool', 'give either to (users) or to_pool, not both', 'conflict');
  if (!input.to && !input.to_pool)
    throw ValidationError.field('to', 'name who receives the records, or to_pool', 'required');
  if (input.to && input.deals_to)
    throw ValidationError.field('deals_to', 'only with to_pool: deals follow their customers', 'not_allowed');
  // Managers hand over within their scope; the transfer right is what `assertAssignableOwner` asks for.
  const assigner: Actor = { ...actor, permissions: new Set([...actor.permissions, 'records:transfer']) };
  const receiver = async (id: string, path: string) => {
    if (id === input.from_user_id)
      throw ValidationError.field(path, 'must differ from the leaving user', 'same_user');
    await assertAssignableOwner(trx, assigner, id, path);
  };
  let targets: HandoverSetup['targets'];
  let poolId: string | null = null;
  if (input.to) {
    const seen = new Set<string>();
    for (const [i, t] of input.to.entries()) {
      if (seen.has(t.user_id))
        throw ValidationError.field(`to[${i}].user_id`, 'this user is named twice', 'duplicate');
      seen.add(t.user_id);
      await receiver(t.user_id, `to[${i}].user_id`);
    }
    targets = input.to.map((t) => ({ user_id: t.user_id, share: t.share }));
  } else {
    const pool = await findPool(trx, actor.workspaceId, input.to_pool!);
    if (!pool) throw ValidationError.field('to_pool', 'no pool with this id', 'not_found');
    if (pool.enabled !== 1)
      throw ValidationError.field('to_pool', 'this pool is switched off', 'pool_disabled');
    if (!input.deals_to)
      throw ValidationError.field(
        'deals_to',
        'who takes the open deals and tasks (a deal needs an owner)',
        'required',
      );
    await receiver(input.deals_to, 'deals_to');
    poolId = pool.id;
    targets = [{ user_id: input.deals_to, share: 1 }];
  }
  if (input.deactivate) {
    if (!actor.permissions.has('users:manage'))
      throw new ForbiddenError('Only user admins deactivate users', 'deactivate_not_allowed');
    if (input.from_user_id === actor.userId)
      throw ValidationError.field('deactivate', 'you cannot disable yourself', 'cannot_disable_self');
  }
  return {
    workspaceId: actor.workspaceId,
    fromUserId: input.from_user_id,
    targets,
    poolId,
    leads: input.leads ?? (poolId ? 'unassigned' : 'targets'),
  };
}

/** What would move to whom; nothing is written. */
export async function previewHandover(
  deps: AppDeps,
  actor: Actor,
  input: HandoverInput,
): Promise<HandoverPreview> {
  authorize(actor);
  return inTransaction(deps, async (trx) => countHandover(trx, await resolveSetup(trx, actor, input)));
}

/**
 * Start a hand-over: the row with its plan, an audit entry and (unless `inline`) the background job, in
 * one transaction. The job moves the records in batches; `GET /handovers/:id` shows how far it got.
 */
export async function startHandover(
  deps: AppDeps & { queue?: JobQueue },
  actor: Actor,
  input: HandoverInput,
): Promise<HandoverView> {
  authorize(actor);
  return inTransaction(deps, async (trx) => {
    const setup = await resolveSetup(trx, actor, input);
    const running = await findUnfinished(trx, actor.workspaceId, setup.fromUserId);
    if (running)
      throw new ConflictError('handover_running', 'A hand-over of this user is still running', [
        {
          path: 'from_user_id',
          message: `hand-over ${running.id} is still running`,
          code: 'handover_running',
        },
      ]);
    const plan = await countHandover(trx, setup);
    const now = deps.clock.now().toISOString();
    const id = newId();
    const json = (v: unknown) => deps.database.dialect.writeJson(v);
    const row = {
      workspace_id: actor.workspaceId,
      id,
      from_user_id: setup.fromUserId,
      actor_id: actor.userId,
      source: actor.source,
      status: 'queued',
      to_pool: setup.poolId,
      deals_to: setup.poolId ? setup.targets[0]!.user_id : null,
      leads: setup.leads,
      deactivate: input.deactivate ? 1 : 0,
      deactivated: 0,
      targets: json(setup.targets.map((t) => ({ ...t, counts: emptyCounts() }))),
      planned: json(plan.counts),
      moved: json(emptyCounts()),
      total: plan.total,
      done: 0,
      pooled: 0,
      unassigned_leads: 0,
      state: json(initialState(setup.targets.length)),
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
      updated_at: now,
    };
    await insertHandover(trx, row);
    await logChange(trx, deps, actor, {
      entity: 'handover',
      recordId: id,
      before: null,
      after: {
        from_user_id: setup.fromUserId,
        to: setup.poolId ? null : setup.targets,
        to_pool: setup.poolId,
        deals_to: row.deals_to,
        leads: setup.leads,
        deactivate: input.deactivate,
        planned: plan.counts,
      },
      fields: [],
    });
    if (deps.queue)
      await deps.queue.enqueue(trx, [
        {
          kind: HANDOVER_JOB,
          workspaceId: actor.workspaceId,
          payload: { workspaceId: actor.workspaceId, handoverId: id },
        },
      ]);
    return toHandoverView(deps, (await findHandover(trx, actor.workspaceId, id))!);
  });
}

/** Managers see the hand-overs they started; those who see everyone see all of them. */
function mayRead(actor: Actor, row: { actor_id: string | null }) {
  return actor.visibleOwnerIds === null || row.actor_id === actor.userId;
}

export async function getHandover(deps: AppDeps, actor: Actor, id: string): Promise<HandoverView> {
  authorize(actor);
  const row = await findHandover(deps.database.db, actor.workspaceId, id);
  if (!row || !mayRead(actor, row)) throw new NotFoundError('handover', id);
  return toHandoverView(deps, row);
}

export async function listHandoversFor(
  deps: AppDeps,
  actor: Actor,
  query: { limit: number; before?: string | undefined },
): Promise<{ items: HandoverView[]; next_cursor: string | null }> {
  authorize(actor);
  const rows = await listHandovers(deps.database.db, actor.workspaceId, {
    ...(actor.visibleOwnerIds === null ? {} : { actorId: actor.userId ?? '' }),
    ...(query.before ? { before: query.before } : {}),
    limit: query.limit + 1,
  });
  const items = rows.slice(0, query.limit).map((r) => toHandoverView(deps, r));
  return { items, next_cursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}

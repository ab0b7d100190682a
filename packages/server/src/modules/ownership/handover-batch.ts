import type { HandoverCounts } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { putIntoPool } from '../pools/pool-customer.repository';
import { noteTransfers, recordMoves } from '../pools/pool-moves';
import { writeOwners } from './owner-change';
import { nextPhase, pickTarget } from './handover-plan';
import type { HandoverState } from './handover-plan';
import { selectOwned, selectOwnedPage } from './ownership.repository';
import type { OwnedRow, OwnedType } from './ownership.repository';

/** The reason a hand-over's customers carry into the pool (what pool admins and the history show). */
export const HANDOVER_POOL_REASON = '交接退回';

/** Who gets what: reps by share, or (to a pool) one user — `deals_to` — as the only target. */
export interface HandoverSetup {
  workspaceId: string;
  fromUserId: string;
  targets: { user_id: string; share: number }[];
  poolId: string | null;
  leads: 'targets' | 'unassigned';
}

/** What has moved so far; saved with the state after every batch. */
export interface HandoverProgress {
  moved: HandoverCounts;
  perTarget: HandoverCounts[];
  pooled: number;
  unassignedLeads: number;
}

const PHASE_TYPE = { customers: 'customer', deals: 'deal', tasks: 'task', leads: 'lead' } as const;

/**
 * One batch of a hand-over in the caller's transaction: the next `size` records of the current phase
 * (customers with their open deals and tasks, then the remaining open deals, tasks, leads) move, and
 * `state` and `progress` advance. A phase with nothing left moves the state on to the next one.
 */
export async function runBatch(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  setup: HandoverSetup,
  state: HandoverState,
  progress: HandoverProgress,
  size: number,
): Promise<void> {
  if (state.phase === 'finish') return;
  const type = PHASE_TYPE[state.phase];
  const rows = await selectOwnedPage(
    trx,
    deps.database.dialect,
    setup.workspaceId,
    type,
    setup.fromUserId,
    state.cursor,
    size,
  );
  if (rows.length === 0) {
    state.phase = nextPhase(state.phase);
    state.cursor = null;
    return;
  }
  state.cursor = rows[rows.length - 1]!.id;
  if (type === 'customer' && setup.poolId) return poolCustomers(trx, deps, actor, setup, rows, progress);
  if (type === 'lead' && setup.leads === 'unassigned') {
    const moved = await writeOwners(trx, deps, actor, 'lead', rows, null);
    progress.unassignedLeads += moved.length;
    progress.moved.lead += moved.length;
    return;
  }
  const shares = setup.targets.map((t) => t.share);
  const groups = new Map<number, OwnedRow[]>();
  for (const r of rows) {
    const i = pickTarget(shares, state.given[type]);
    groups.set(i, [...(groups.get(i) ?? []), r]);
  }
  for (const [i, group] of groups) {
    const to = setup.targets[i]!.user_id;
    const moved = await writeOwners(trx, deps, actor, type, group, to);
    count(progress, i, type, moved.length);
    if (type !== 'customer') continue;
    // The new owner gets every recycling rule's full period, and the pool history shows the transfer.
    await noteTransfers(
      trx,
      deps,
      actor,
      moved.map((r) => ({ customerId: r.id, fromOwner: r.owner, toOwner: to })),
    );
    await moveFollowers(
      trx,
      deps,
      actor,
      setup,
      group.map((r) => r.id),
      i,
      progress,
    );
  }
}

/** To a pool: the customers go in as released (reason 交接退回); their open deals and tasks to `deals_to`. */
async function poolCustomers(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  setup: HandoverSetup,
  rows: OwnedRow[],
  progress: HandoverProgress,
): Promise<void> {
  const poolId = setup.poolId!;
  const moved = await putIntoPool(trx, deps.database.dialect, {
    workspaceId: setup.workspaceId,
    ids: rows.map((r) => r.id),
    ownerId: setup.fromUserId,
    poolId,
    reason: HANDOVER_POOL_REASON,
    at: deps.clock.now().toISOString(),
  });
  await recordMoves(
    trx,
    deps,
    actor,
    moved.map((m) => ({
      customerId: m.id,
      kind: 'release',
      poolId,
      fromOwner: setup.fromUserId,
      toOwner: null,
      reason: HANDOVER_POOL_REASON,
    })),
  );
  progress.pooled += moved.length;
  progress.moved.customer += moved.length;
  await moveFollowers(
    trx,
    deps,
    actor,
    setup,
    rows.map((r) => r.id),
    0,
    progress,
  );
}

/** The leaving user's open deals and open tasks of these customers go with them to target `i`. */
async function moveFollowers(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  setup: HandoverSetup,
  customerIds: string[],
  i: number,
  progress: HandoverProgress,
): Promise<void> {
  const to = setup.targets[i]!.user_id;
  for (const type of ['deal', 'task'] as const) {
    const rows = await selectOwned(trx, deps.database.dialect, setup.workspaceId, type, {
      owner: setup.fromUserId,
      customerIds,
      openOnly: true,
    });
    const moved = await writeOwners(trx, deps, actor, type, rows, to);
    count(progress, i, type, moved.length);
  }
}

function count(progress: HandoverProgress, i: number, type: OwnedType, n: number) {
  progress.moved[type] += n;
  progress.perTarget[i]![type] += n;
}

import type { HandoverCounts, HandoverTargetCounts, WriteSource } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { inTransaction } from '../../core/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import { logChange } from '../audit/change-log';
import { loadActor } from '../auth/actor-loader';
import { notifyUsers } from '../notifications/notification.service';
import { updateUser } from '../users/user.service';
import { runBatch } from './handover-batch';
import type { HandoverProgress, HandoverSetup } from './handover-batch';
import { HANDOVER_JOB } from './handover-job-kind';
import type { HandoverJobPayload } from './handover-job-kind';
import { handoverNotices } from './handover-notices';
import { sumCounts } from './handover-plan';
import { findHandover, updateHandover } from './handover-run.repository';
import { stateOf } from './handover-view';

export interface RunOptions {
  /** Records of one phase per transaction. */
  batchSize?: number;
  /** Stop after this long and leave the rest to a follow-up job (keeps well inside the job's lease). */
  budgetMs?: number;
  /** Stop after this many batches (tests watch the progress between them). */
  maxBatches?: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The job handler: move batches until done or out of budget; then queue a follow-up job. */
export async function runHandoverJob(deps: AppDeps & { queue: JobQueue }, payload: unknown): Promise<void> {
  const { workspaceId, handoverId } = payload as HandoverJobPayload;
  const finished = await runHandover(deps, workspaceId, handoverId, { budgetMs: 10_000 });
  if (!finished)
    await deps.queue.enqueue(deps.database.db, [
      { kind: HANDOVER_JOB, workspaceId, payload: { workspaceId, handoverId } },
    ]);
}

/**
 * Advance a hand-over, each batch in its own transaction with the hand-over row locked, so a second
 * worker that picks up the same job (an expired lease) waits and then continues from the saved state.
 * Returns true when the hand-over has finished (completed or failed).
 */
export async function runHandover(
  deps: AppDeps,
  workspaceId: string,
  id: string,
  opts: RunOptions = {},
): Promise<boolean> {
  const row = await findHandover(deps.database.db, workspaceId, id);
  if (!row || row.status === 'completed' || row.status === 'failed') return true;
  const actor = row.actor_id
    ? await loadActor(deps.database.db, deps.database.dialect, row.actor_id, workspaceId, {
        source: row.source as WriteSource,
      })
    : null;
  if (!actor) {
    await fail(deps, workspaceId, id, 'the user who started this hand-over is no longer active');
    return true;
  }
  const started = Date.now();
  let batches = 0;
  try {
    for (;;) {
      const phase = await advance(deps, actor, workspaceId, id, opts.batchSize ?? 500);
      if (phase === 'done') return true;
      if (phase === 'finish') {
        await finish(deps, actor, workspaceId, id);
        return true;
      }
      batches += 1;
      if (opts.maxBatches !== undefined && batches >= opts.maxBatches) return false;
      if (Date.now() - started > (opts.budgetMs ?? Infinity)) return false;
      // SQLite answers synchronously: let HTTP requests (progress polls) in between batches.
      await yieldToEventLoop();
    }
  } catch (err) {
    // A failed batch rolled back whole; what moved before stays moved and the rest stays with the
    // leaving user, so a new hand-over (its preview shows the rest) picks up where this one stopped.
    await fail(deps, workspaceId, id, err instanceof Error ? err.message : String(err));
    return true;
  }
}

/** One batch; returns the phase it left the hand-over in ('done' when it had already finished). */
async function advance(deps: AppDeps, actor: Actor, workspaceId: string, id: string, size: number) {
  return inTransaction(deps, async (trx) => {
    const row = await findHandover(trx, workspaceId, id, deps.database.dialect);
    if (!row || row.status === 'completed' || row.status === 'failed') return 'done' as const;
    const { dialect } = deps.database;
    const state = stateOf(deps, row);
    if (state.phase === 'finish') return state.phase;
    const targets = dialect.readJson<HandoverTargetCounts[]>(row.targets);
    const setup: HandoverSetup = {
      workspaceId,
      fromUserId: row.from_user_id,
      targets: targets.map((t) => ({ user_id: t.user_id, share: t.share })),
      poolId: row.to_pool,
      leads: row.leads as HandoverSetup['leads'],
    };
    const progress: HandoverProgress = {
      moved: dialect.readJson<HandoverCounts>(row.moved),
      perTarget: targets.map((t) => t.counts),
      pooled: row.pooled,
      unassignedLeads: row.unassigned_leads,
    };
    await runBatch(trx, deps, actor, setup, state, progress, size);
    const now = deps.clock.now().toISOString();
    await updateHandover(trx, workspaceId, id, {
      status: 'running',
      started_at: row.started_at ?? now,
      state: dialect.writeJson(state),
      moved: dialect.writeJson(progress.moved),
      targets: dialect.writeJson(targets.map((t, i) => ({ ...t, counts: progress.perTarget[i] }))),
      done: sumCounts(progress.moved),
      pooled: progress.pooled,
      unassigned_leads: progress.unassignedLeads,
      updated_at: now,
    });
    return state.phase;
  });
}

/** Everything moved: deactivate the leaving user when asked, then tell the receivers and the admin. */
async function finish(deps: AppDeps, actor: Actor, workspaceId: string, id: string): Promise<void> {
  const before = await findHandover(deps.database.db, workspaceId, id);
  if (!before || before.status !== 'running') return;
  let deactivated = false;
  let error: string | null = null;
  if (before.deactivate === 1) {
    try {
      const user = await updateUser(deps, actor, before.from_user_id, { status: 'disabled' });
      deactivated = user.status === 'disabled';
    } catch (err) {
      // The records have moved; a refused deactivation (e.g. the last admin) is reported, not undone.
      error = `deactivation failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  let publish: () => void = () => undefined;
  await inTransaction(deps, async (trx) => {
    const row = await findHandover(trx, workspaceId, id, deps.database.dialect);
    if (!row || row.status !== 'running') return;
    const now = deps.clock.now().toISOString();
    await updateHandover(trx, workspaceId, id, {
      status: 'completed',
      deactivated: deactivated ? 1 : 0,
      error,
      finished_at: now,
      updated_at: now,
    });
    const moved = deps.database.dialect.readJson<HandoverCounts>(row.moved);
    await logChange(trx, deps, actor, {
      entity: 'handover',
      recordId: id,
      action: 'completed',
      before: null,
      after: { moved, pooled: row.pooled, deactivated },
      fields: [],
    });
    const { receivers, admin } = await handoverNotices(trx, deps, row, deactivated);
    publish = await notifyUsers(trx, deps, actor, receivers);
    // The admin started this a while ago and may have left the page: they are told it finished.
    const asSystem: Actor = { ...actor, userId: null };
    const publishAdmin = admin ? await notifyUsers(trx, deps, asSystem, [admin]) : () => undefined;
    const publishReceivers = publish;
    publish = () => (publishReceivers(), publishAdmin());
  });
  publish();
}

async function fail(deps: AppDeps, workspaceId: string, id: string, message: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await updateHandover(deps.database.db, workspaceId, id, {
    status: 'failed',
    error: message.slice(0, 2000),
    finished_at: now,
    updated_at: now,
  });
}

import type { AutomationDefinition, Step } from '@tideline/shared';
import {
  compileCondition,
  cursorPath,
  enterArm,
  explainCondition,
  nextCursor,
  stepAt,
} from '@tideline/engine';
import type { StepCursor } from '@tideline/engine';
import { AppError, OperationalError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { automationCatalog } from './automation.catalog';
import { findEffect, findRun, insertEffect, insertRunStep, updateRun } from './automation-run.repository';
import type { RunRow } from './automation-run.repository';
import { actionHandler } from './actions/action-registry';
import type { AutomationDeps, StepContext, StepOutput } from './run-context';
import { automationMeta, buildStepContext, definitionOf } from './run-support';
import { resumeTime } from './run-delay';

/** How a job asks a run to move on. */
export interface AdvanceRequest {
  workspaceId: string;
  runId: string;
  /** A delay ended, or a wait's timeout passed (for the wait at `cursor`). */
  resume?: 'delay' | 'timeout';
  cursor?: string;
}

const MAX_STEPS_PER_JOB = 100;

/** A step failed for good: the run is marked failed with the step's error. */
class StepFailed extends Error {}

/**
 * Move a run forward from its saved cursor until it finishes, waits or fails. Every step commits with
 * the run's new cursor, so a worker killed between steps resumes at the next one; database effects
 * commit with their step (exactly once), outside effects are looked up by idempotency key first.
 * Retryable failures throw, so the job comes back with backoff.
 */
export async function advanceRun(deps: AutomationDeps, req: AdvanceRequest): Promise<void> {
  const { dialect, db } = deps.database;
  let run = await findRun(db, dialect, req.workspaceId, req.runId);
  if (!run) return;
  if (run.status === 'waiting') {
    if (!(await resume(deps, run, req))) return;
    run = (await findRun(db, dialect, req.workspaceId, req.runId))!;
  }
  if (run.status !== 'running' && run.status !== 'pending') return;
  const meta = await automationMeta(deps, run.workspace_id, run.automation_id);
  const def = await definitionOf(deps, db, run.workspace_id, run.automation_id, run.version);
  if (run.status === 'pending' && !(await startPending(deps, run, def, meta))) return;

  for (let i = 0; i < MAX_STEPS_PER_JOB; i++) {
    const cursor = dialect.readJson<StepCursor | null>(run.cursor);
    const step = cursor ? stepAt(def.steps, cursor) : null;
    if (!cursor || !step) {
      await finish(deps, run, 'completed', null);
      return;
    }
    const outcome = await runStep(deps, run, def, step, cursor, meta);
    if (outcome.paused) return;
    // The step saved the run; carry its new state on instead of reading it back.
    run = { ...run, cursor: outcome.next, step_count: run.step_count + 1 };
    if (outcome.next === null) return;
  }
  // A very long run yields the worker and continues in a fresh job.
  await deps.queue.enqueue(db, [advanceJob(run.workspace_id, run.id)]);
}

export function advanceJob(
  workspaceId: string,
  runId: string,
  extra: Partial<AdvanceRequest> = {},
  runAt?: Date,
) {
  return {
    kind: 'automation.advance',
    workspaceId,
    payload: { workspaceId, runId, ...extra },
    ...(runAt ? { runAt } : {}),
  };
}

type Meta = { id: string; name: string; ownerId: string };

/** A debounced run starts after the burst of edits: its conditions are checked on the record as it is now. */
async function startPending(deps: AutomationDeps, run: RunRow, def: AutomationDefinition, meta: Meta) {
  const ctx = await contextFor(deps, run, null, meta, 'start');
  if (def.conditions && ctx.entity) {
    const catalog = await automationCatalog(deps, run.workspace_id, ctx.entity);
    const ok = compileCondition(def.conditions, catalog)(await ctx.values(def.conditions), ctx);
    if (!ok) {
      await finish(deps, run, 'stopped', 'the conditions were no longer met when the edits settled');
      return false;
    }
  }
  await updateRun(deps.database.db, run.workspace_id, run.id, {
    status: 'running',
    updated_at: ctx.now.toISOString(),
  });
  run.status = 'running';
  return true;
}

async function contextFor(
  deps: AutomationDeps,
  run: RunRow,
  trx: StepContext['trx'],
  meta: Meta,
  stepKey: string,
  afterCommit?: (fn: () => void) => void,
): Promise<StepContext> {
  return buildStepContext({
    deps,
    trx,
    run,
    automation: meta,
    event: deps.database.dialect.readJson<Record<string, unknown>>(run.trigger_data) ?? {},
    idempotencyKey: `${run.id}:${stepKey}`,
    dryRun: false,
    ...(afterCommit ? { afterCommit } : {}),
  });
}

async function runStep(
  deps: AutomationDeps,
  run: RunRow,
  def: AutomationDefinition,
  step: Step,
  cursor: StepCursor,
  meta: Meta,
): Promise<{ paused: true } | { paused: false; next: StepCursor | null }> {
  const key = cursorPath(cursor);
  const started = deps.clock.now().toISOString();
  const record = (
    trx: Executor,
    status: string,
    output: StepOutput | null,
    error: string | null,
    input: unknown,
  ) =>
    insertRunStep(trx, {
      workspace_id: run.workspace_id,
      run_id: run.id,
      seq: run.step_count + 1,
      step_id: step.id,
      kind: step.kind,
      action: step.kind === 'action' ? step.params.action : null,
      status,
      input: deps.database.dialect.writeJson(input),
      output: output === null ? null : deps.database.dialect.writeJson(output),
      error,
      attempts: 1,
      started_at: started,
      finished_at: deps.clock.now().toISOString(),
    });
  // Saving the last step also ends the run, in the same statement.
  const advance = (trx: Executor, next: StepCursor | null, extra: Record<string, unknown> = {}) => {
    const at = deps.clock.now().toISOString();
    const done =
      next === null && !('status' in extra) ? { status: 'completed', finished_at: at, error: null } : {};
    return updateRun(trx, run.workspace_id, run.id, {
      cursor: deps.database.dialect.writeJson(next),
      step_count: run.step_count + 1,
      updated_at: at,
      ...done,
      ...extra,
    });
  };

  try {
    if (step.kind === 'action' && actionHandler(step.params).external(step.params)) {
      // Outside effects: at most once per key, recorded before the cursor moves.
      const done = await findEffect(
        deps.database.db,
        deps.database.dialect,
        run.workspace_id,
        `${run.id}:${key}`,
      );
      const ctx = await contextFor(deps, run, null, meta, key);
      const output = done
        ? (done.result as StepOutput)
        : await actionHandler(step.params).run(ctx, step.params);
      const next = nextCursor(def.steps, cursor);
      const saved = await inTransaction(deps, async (trx) => {
        if (!(await stillAt(deps, trx, run, cursor))) return false;
        await insertEffect(trx, deps.database.dialect, {
          workspaceId: run.workspace_id,
          key: `${run.id}:${key}`,
          result: output,
          at: deps.clock.now().toISOString(),
        });
        await record(trx, 'completed', output, null, step.params);
        await advance(trx, next);
        return true;
      });
      return saved ? { paused: false, next } : { paused: true };
    }
    const publishes: (() => void)[] = [];
    const outcome = await inTransaction(deps, async (trx) => {
      if (!(await stillAt(deps, trx, run, cursor))) return { paused: true } as const;
      const ctx = await contextFor(deps, run, trx, meta, key, (fn) => publishes.push(fn));
      switch (step.kind) {
        case 'action': {
          const output = await actionHandler(step.params).run(ctx, step.params);
          await record(trx, 'completed', output, null, step.params);
          const next = nextCursor(def.steps, cursor);
          await advance(trx, next);
          return { paused: false, next } as const;
        }
        case 'branch': {
          const catalog = await automationCatalog(deps, run.workspace_id, ctx.entity!, trx);
          const values = await ctx.values(step.condition);
          const passed = compileCondition(step.condition, catalog)(values, ctx);
          const explained = explainCondition(step.condition, catalog, values, ctx);
          await record(
            trx,
            'completed',
            { branch: passed ? 'then' : 'else', condition: explained },
            null,
            null,
          );
          const next = enterArm(def.steps, cursor, passed ? 'then' : 'else');
          await advance(trx, next);
          return { paused: false, next } as const;
        }
        case 'delay': {
          const at = await resumeTime(ctx, step);
          const next = nextCursor(def.steps, cursor);
          if (at.getTime() <= ctx.now.getTime()) {
            await record(trx, 'completed', { resume_at: at.toISOString(), waited: false }, null, null);
            await advance(trx, next);
            return { paused: false, next } as const;
          }
          await record(trx, 'completed', { resume_at: at.toISOString() }, null, null);
          await advance(trx, next, { status: 'waiting', resume_at: at.toISOString(), wait_event: null });
          await deps.queue.enqueue(trx, [advanceJob(run.workspace_id, run.id, { resume: 'delay' }, at)]);
          return { paused: true } as const;
        }
        case 'wait': {
          const until = await resumeTime(ctx, { id: step.id, kind: 'delay', duration: step.timeout });
          await record(trx, 'waiting', { event: step.event, until: until.toISOString() }, null, null);
          // The cursor stays on the wait: the event or the timeout picks the arm.
          await updateRun(trx, run.workspace_id, run.id, {
            status: 'waiting',
            wait_event: step.event,
            resume_at: until.toISOString(),
            step_count: run.step_count + 1,
            updated_at: ctx.now.toISOString(),
          });
          await deps.queue.enqueue(trx, [
            advanceJob(
              run.workspace_id,
              run.id,
              { resume: 'timeout', cursor: JSON.stringify(cursor) },
              until,
            ),
          ]);
          return { paused: true } as const;
        }
      }
    });
    for (const p of publishes) p();
    return outcome;
  } catch (err) {
    if (isRetryable(err)) throw err;
    const message = err instanceof AppError ? describe(err) : (err as Error).message;
    await inTransaction(deps, async (trx) => {
      await record(trx, 'failed', null, message, step.kind === 'action' ? step.params : null);
      await updateRun(trx, run.workspace_id, run.id, { step_count: run.step_count + 1 });
    });
    await finish(deps, run, 'failed', `step ${step.id}: ${message}`);
    throw new StepFailed(message);
  }
}

/** Errors of the business (bad data, a stage gate, a refused delivery) fail the run; the rest retry. */
function isRetryable(err: unknown): boolean {
  if (err instanceof OperationalError) return true;
  return !(err instanceof AppError);
}

function describe(err: AppError): string {
  const fields = err.fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return fields ? `${err.message} (${fields})` : err.message;
}

export function isStepFailure(err: unknown): boolean {
  return err instanceof StepFailed;
}

/** Guard against two workers advancing the same run: the cursor must still be where we read it. */
async function stillAt(
  deps: AutomationDeps,
  trx: Executor,
  run: RunRow,
  cursor: StepCursor,
): Promise<boolean> {
  const fresh = await findRun(trx, deps.database.dialect, run.workspace_id, run.id, true);
  if (!fresh || fresh.status !== 'running') return false;
  return JSON.stringify(deps.database.dialect.readJson(fresh.cursor)) === JSON.stringify(cursor);
}

async function resume(deps: AutomationDeps, run: RunRow, req: AdvanceRequest): Promise<boolean> {
  const { dialect } = deps.database;
  const now = deps.clock.now();
  return inTransaction(deps, async (trx) => {
    const fresh = await findRun(trx, dialect, run.workspace_id, run.id, true);
    if (!fresh || fresh.status !== 'waiting') return false;
    if (fresh.resume_at && new Date(fresh.resume_at).getTime() > now.getTime()) return false;
    if (req.resume === 'delay' && fresh.wait_event === null) {
      await updateRun(trx, run.workspace_id, run.id, {
        status: 'running',
        resume_at: null,
        updated_at: now.toISOString(),
      });
      return true;
    }
    if (
      req.resume === 'timeout' &&
      fresh.wait_event !== null &&
      req.cursor === JSON.stringify(dialect.readJson(fresh.cursor))
    ) {
      const def = await definitionOf(deps, trx, run.workspace_id, run.automation_id, run.version);
      const cursor = dialect.readJson<StepCursor>(fresh.cursor);
      await updateRun(trx, run.workspace_id, run.id, {
        status: 'running',
        wait_event: null,
        resume_at: null,
        cursor: dialect.writeJson(enterArm(def.steps, cursor, 'on_timeout')),
        updated_at: now.toISOString(),
      });
      return true;
    }
    return false;
  });
}

/** End a run (the automation list reads its health from the runs, so no shared row is touched). */
export async function finish(
  deps: AutomationDeps,
  run: Pick<RunRow, 'workspace_id' | 'id' | 'automation_id'>,
  status: 'completed' | 'failed' | 'stopped',
  error: string | null,
): Promise<void> {
  const at = deps.clock.now().toISOString();
  await updateRun(deps.database.db, run.workspace_id, run.id, {
    status,
    error,
    finished_at: at,
    updated_at: at,
    wait_event: null,
    resume_at: null,
  });
}

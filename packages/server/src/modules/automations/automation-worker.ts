import { hostname } from 'node:os';
import type { ClaimedJob } from '../../jobs/job-queue';
import { insertRunStep, findRun, updateRun } from './automation-run.repository';
import { dispatchEvents } from './dispatcher';
import type { AutomationDeps } from './run-context';
import { advanceRun, finish, isStepFailure } from './run-executor';
import type { AdvanceRequest } from './run-executor';
import { fireSchedules, sweepRelativeTime } from './time-triggers';
import { sweepPools } from '../pools/pool-sweep';
import { handleImportJob, IMPORT_JOB_KIND } from '../imports/import-runner';
import { HANDOVER_JOB } from '../ownership/handover-job-kind';
import { runHandoverJob } from '../ownership/handover-job';

/** Let timers and I/O (HTTP requests) run between pieces of work. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface WorkerOptions {
  workerId?: string;
  /** Jobs claimed per pass. */
  batch?: number;
  /** Jobs handled at once; outside calls (mail, webhooks) wait on the network, not the CPU. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** How often time rules and schedules are checked. */
  sweepEveryMs?: number;
  /** Events dispatched per pass; kept near the job batch so runs start as fast as they are made. */
  dispatchBatch?: number;
  log?: (msg: string, err?: unknown) => void;
}

/**
 * One worker: dispatches new events into runs, claims due jobs and advances their runs, and sweeps
 * time rules. Any number of workers can share PostgreSQL; on SQLite one runs inside the server.
 */
export class AutomationWorker {
  private running = false;
  private loop: Promise<void> | null = null;
  private lastSweep = 0;
  private wake: (() => void) | null = null;
  readonly id: string;

  constructor(
    private readonly deps: AutomationDeps,
    private readonly opts: WorkerOptions = {},
  ) {
    this.id = opts.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Ask for a pass now instead of after the poll interval (e.g. right after a write). */
  kick(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.tick();
      } catch (err) {
        this.opts.log?.('automation worker pass failed', err);
      }
      if (worked === 0 && this.running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.pollMs ?? 250);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  /** One pass; returns how much it did (events read + jobs handled + runs started by sweeps). */
  async tick(): Promise<number> {
    let worked = await dispatchEvents(this.deps, this.opts.dispatchBatch ?? 100);
    await yieldToEventLoop();
    const now = this.deps.clock.now().getTime();
    if (now - this.lastSweep >= (this.opts.sweepEveryMs ?? 60_000)) {
      this.lastSweep = now;
      worked += await sweepRelativeTime(this.deps);
      worked += await sweepPools(this.deps);
      worked += await fireSchedules(this.deps);
    }
    const jobs = await this.deps.queue.claim(this.id, this.opts.batch ?? 50, this.opts.leaseMs ?? 60_000);
    const concurrency = Math.max(1, this.opts.concurrency ?? 4);
    const done: string[] = [];
    for (let i = 0; i < jobs.length; i += concurrency) {
      // SQLite answers synchronously: without this a backlog would keep HTTP requests waiting.
      await yieldToEventLoop();
      await Promise.all(
        jobs.slice(i, i + concurrency).map(async (job) => (await this.handle(job)) && done.push(job.id)),
      );
    }
    // One statement for the batch: a job that outlives a crash finds its run already moved on.
    await this.deps.queue.complete(this.deps.database.db, done);
    return worked + jobs.length;
  }

  /** Run passes until nothing is left to do (tests and the CLI's `--drain`). */
  async drain(maxPasses = 1000): Promise<void> {
    this.lastSweep = 0;
    for (let i = 0; i < maxPasses; i++) if ((await this.tick()) === 0) return;
  }

  /** Handle one job; true when it is finished (done, or failed for good with its run marked). */
  private async handle(job: ClaimedJob): Promise<boolean> {
    try {
      if (job.kind === 'automation.advance') await advanceRun(this.deps, job.payload as AdvanceRequest);
      else if (job.kind === IMPORT_JOB_KIND) await handleImportJob(this.deps, job);
      else if (job.kind === HANDOVER_JOB) await runHandoverJob(this.deps, job.payload);
      return true;
    } catch (err) {
      // The run already shows the failed step; retrying cannot help.
      if (isStepFailure(err)) return true;
      const message = err instanceof Error ? err.message : String(err);
      const dead = await this.deps.queue.fail(job, message, true);
      if (dead && job.kind === 'automation.advance') await this.giveUp(job, message);
      return false;
    }
  }

  /** A step kept failing until its retries ran out: the run fails and shows the last error. */
  private async giveUp(job: ClaimedJob, message: string): Promise<void> {
    const req = job.payload as AdvanceRequest;
    const { db, dialect } = this.deps.database;
    const run = await findRun(db, dialect, req.workspaceId, req.runId);
    if (!run || run.status === 'completed' || run.status === 'failed') return;
    const at = this.deps.clock.now().toISOString();
    await insertRunStep(db, {
      workspace_id: run.workspace_id,
      run_id: run.id,
      seq: run.step_count + 1,
      step_id: 'retry',
      kind: 'retry',
      action: null,
      status: 'failed',
      input: null,
      output: null,
      error: message,
      attempts: job.attempts,
      started_at: at,
      finished_at: at,
    });
    await updateRun(db, run.workspace_id, run.id, { step_count: run.step_count + 1 });
    await finish(this.deps, run, 'failed', `gave up after ${job.attempts} attempts: ${message}`);
  }
}

import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { Executor } from '../core/transaction';
import type { Clock } from '../core/clock';
import { newId } from '../core/ids';
import { chunkRows } from '../core/chunk';

/**
 * The durable queue on the `jobs` table, the same code on SQLite and PostgreSQL: jobs become due at
 * run_at, a claim leases them until locked_until (a crashed worker's jobs come back when the lease
 * ends), failures retry with exponential backoff and end as `dead` after max_attempts. On PostgreSQL
 * claims use FOR UPDATE SKIP LOCKED so any number of worker processes share the table.
 */

export interface NewJob {
  kind: string;
  workspaceId?: string | null;
  payload: unknown;
  runAt?: Date;
  maxAttempts?: number;
  /** At most one live job per key: enqueueing a second one is a no-op. */
  dedupeKey?: string;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  workspaceId: string | null;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export const DEFAULT_MAX_ATTEMPTS = 8;

/** Backoff before attempt n+1: 2^n seconds with ±20 % jitter, at most an hour. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class JobQueue {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Add jobs inside the caller's transaction, so they exist exactly when its change commits. */
  async enqueue(trx: Executor, jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = this.clock.now().toISOString();
    const rows = jobs.map((j) => ({
      id: newId(),
      workspace_id: j.workspaceId ?? null,
      kind: j.kind,
      payload: this.database.dialect.writeJson(j.payload),
      status: 'queued',
      run_at: (j.runAt ?? this.clock.now()).toISOString(),
      max_attempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      locked_until: null,
      locked_by: null,
      dedupe_key: j.dedupeKey ?? null,
      last_error: null,
      created_at: now,
      updated_at: now,
    }));
    for (const chunk of chunkRows(rows, 14, this.database.dialect.maxParameters)) {
      await trx
        .insertInto('jobs')
        .values(chunk)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
    }
  }

  /** Lease up to `limit` due jobs for `leaseMs`; each claim counts as an attempt. */
  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const { db, dialect } = this.database;
    return db.transaction().execute(async (trx) => {
      const due = await dialect
        .forUpdateSkipLocked(
          trx
            .selectFrom('jobs')
            .select('id')
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', nowIso)]),
                eb.and([eb('status', '=', 'running'), eb('locked_until', '<', nowIso)]),
              ]),
            )
            .orderBy('run_at')
            .limit(limit),
        )
        .execute();
      if (due.length === 0) return [];
      const rows = await trx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_until: until,
          locked_by: workerId,
          attempts: sql`attempts + 1`,
          updated_at: nowIso,
        })
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returning(['id', 'kind', 'workspace_id', 'payload', 'attempts', 'max_attempts'])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        workspaceId: r.workspace_id,
        payload: dialect.readJson(r.payload),
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
      }));
    });
  }

  /** Finished jobs leave the queue (their outcome lives with the runs they served). */
  async complete(trx: Executor, jobIds: string[]): Promise<void> {
    if (jobIds.length) await trx.deleteFrom('jobs').where('id', 'in', jobIds).execute();
  }

  /**
   * Record a failure: retryable failures come back after a backoff until max_attempts, then the job is
   * dead; permanent failures are dead at once. Returns whether the job is dead.
   */
  async fail(job: ClaimedJob, error: string, retryable: boolean): Promise<boolean> {
    const dead = !retryable || job.attempts >= job.maxAttempts;
    const now = this.clock.now();
    await this.database.db
      .updateTable('jobs')
      .set({
        status: dead ? 'dead' : 'queued',
        run_at: new Date(now.getTime() + (dead ? 0 : backoffMs(job.attempts))).toISOString(),
        locked_until: null,
        locked_by: null,
        last_error: error.slice(0, 4000),
        updated_at: now.toISOString(),
      })
      .where('id', '=', job.id)
      .execute();
    return dead;
  }

  /** Move a queued job with this dedupe key to a new time (debounce windows slide with each edit). */
  async reschedule(trx: Executor, dedupeKey: string, runAt: Date): Promise<boolean> {
    const result = await trx
      .updateTable('jobs')
      .set({ run_at: runAt.toISOString(), updated_at: this.clock.now().toISOString() })
      .where('dedupe_key', '=', dedupeKey)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Put dead jobs back in the queue with fresh attempts (admins retry failures in bulk). */
  async retryDead(trx: Executor, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const now = this.clock.now().toISOString();
    const result = await trx
      .updateTable('jobs')
      .set({ status: 'queued', attempts: 0, run_at: now, last_error: null, updated_at: now })
      .where('id', 'in', ids)
      .where('status', '=', 'dead')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}

import { importStartSchema } from '@tideline/shared';
import type { ImportRowStatus } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { ClaimedJob, JobQueue } from '../../jobs/job-queue';
import { loadActor } from '../auth/actor-loader';
import { markFileDuplicates, prepareRows, writeRows } from './import-batch';
import type { BatchRow } from './import-batch';
import { buildContext, fileKeys } from './import-context';
import type { ImportContext } from './import-context';
import { advanceImport, findImport, insertImportRows, updateImport } from './import.repository';
import { readRecords, sniffSource } from './import-source';
import type { SourceRecord } from './import-source';

export const IMPORT_JOB_KIND = 'import.run';
export interface ImportJobPayload {
  workspaceId: string;
  importId: string;
}

/** Rows per transaction: a batch commits whole or not at all. */
export const IMPORT_BATCH_ROWS = 1000;
/** A job works this long, then leaves a continuation job, so one import never holds a worker for long. */
const SLICE_MS = 15_000;

export interface RunOptions {
  batchRows?: number;
  /** How long this run may work before it hands over to a continuation job (needs `queue`). */
  sliceMs?: number;
  queue?: JobQueue;
  onProgress?: (processed: number) => void;
}

/** The batch lost the import: cancelled, or another worker moved its checkpoint. */
class Superseded extends Error {}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function counts(rows: BatchRow[]): Record<ImportRowStatus, number> {
  const c = { created: 0, updated: 0, skipped: 0, failed: 0 };
  for (const r of rows) c[r.status ?? 'failed'] += 1;
  return c;
}

/** Commit a batch's outcome rows and move the checkpoint; false when the import is no longer ours. */
async function commitBatch(
  ctx: ImportContext,
  rows: BatchRow[],
  from: number,
  write: boolean,
): Promise<boolean> {
  const { db, dialect } = ctx.deps.database;
  const ws = ctx.imp.workspace_id;
  try {
    await db.transaction().execute(async (trx) => {
      if (write) await writeRows(trx, ctx, rows);
      await insertImportRows(
        trx,
        dialect,
        rows.map((r) => ({
          workspace_id: ws,
          import_id: ctx.imp.id,
          row_number: r.row,
          status: r.status ?? 'failed',
          message: r.message ?? null,
          record_id: r.recordId ?? null,
        })),
      );
      const at = ctx.deps.clock.now().toISOString();
      if (!(await advanceImport(trx, ws, ctx.imp.id, from, from + rows.length, counts(rows), at)))
        throw new Superseded();
    });
    return true;
  } catch (error) {
    if (error instanceof Superseded) return false;
    if (!write) throw error;
    // The batch rolled back whole: none of its rows were written, and each says why.
    const why = `Not imported: the batch of rows ${rows[0]?.row}–${rows.at(-1)?.row} failed and was rolled back (${message(error)})`;
    for (const r of rows)
      if (r.status !== 'failed' && r.status !== 'skipped')
        Object.assign(r, { status: 'failed', message: why, recordId: null });
    return commitBatch(ctx, rows, from, false);
  }
}

async function fail(deps: AppDeps, workspaceId: string, id: string, error: string) {
  const at = deps.clock.now().toISOString();
  await updateImport(
    deps.database.db,
    workspaceId,
    id,
    { status: 'failed', error: error.slice(0, 4000), finished_at: at, updated_at: at },
    { status: ['queued', 'running'] },
  );
}

/**
 * Run (or resume) an import: stream the file, skip the rows earlier runs committed, write the rest in
 * batches. Returns 'more' when it handed over to a continuation job, 'done' when the import ended
 * (completed, failed, cancelled) or is not this run's to do.
 */
export async function runImport(
  deps: AppDeps,
  workspaceId: string,
  id: string,
  opts: RunOptions = {},
): Promise<'done' | 'more'> {
  const { db, dialect } = deps.database;
  let imp = await findImport(db, workspaceId, id);
  if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return 'done';
  const startedAt = deps.clock.now().toISOString();
  if (imp.status === 'queued') {
    await updateImport(
      db,
      workspaceId,
      id,
      { status: 'running', started_at: startedAt, updated_at: startedAt },
      {
        status: ['queued'],
      },
    );
    imp = (await findImport(db, workspaceId, id))!;
    if (imp.status !== 'running') return 'done';
  }
  const actor = imp.created_by
    ? await loadActor(db, dialect, imp.created_by, workspaceId, { source: 'import' })
    : null;
  if (!actor || !actor.permissions.has('imports:run')) {
    await fail(deps, workspaceId, id, 'The user who started this import can no longer run imports');
    return 'done';
  }
  const options = importStartSchema.parse(dialect.readJson(imp.options));
  const ctx = await buildContext(db, deps, { ...actor, duplicates: 'allow' }, imp, options);
  const batchRows = opts.batchRows ?? IMPORT_BATCH_ROWS;
  const until = Date.now() + (opts.queue ? (opts.sliceMs ?? SLICE_MS) : Infinity);
  let processed = imp.processed_rows;
  let ordinal = 0;
  let batch: SourceRecord[] = [];
  const flush = async () => {
    const rows = prepareRows(ctx, batch);
    markFileDuplicates(ctx, rows);
    const ok = await commitBatch(ctx, rows, processed, true);
    processed += batch.length;
    batch = [];
    opts.onProgress?.(processed);
    return ok;
  };
  const records = readRecords(imp.file_path, await sniffSource(imp.file_path));
  try {
    let header = true;
    for await (const rec of records) {
      if (header) {
        header = false;
        if ('error' in rec || rec.cells.length !== ctx.headers.length)
          throw new Error('The file changed since it was uploaded: its header is not the same');
        continue;
      }
      ordinal += 1;
      if (ordinal <= imp.processed_rows) {
        // Committed by an earlier run: only its keys matter, for duplicates inside the file.
        if ('cells' in rec)
          for (const k of fileKeys(ctx, rec.cells)) if (!ctx.seen.has(k.id)) ctx.seen.set(k.id, rec.row);
        continue;
      }
      batch.push(rec);
      if (batch.length < batchRows) continue;
      if (!(await flush())) return 'done';
      if (Date.now() > until && opts.queue) {
        await opts.queue.enqueue(db, [
          {
            kind: IMPORT_JOB_KIND,
            workspaceId,
            payload: { workspaceId, importId: id },
            dedupeKey: `import:${id}:${processed}`,
            maxAttempts: 5,
          },
        ]);
        return 'more';
      }
    }
    if (batch.length && !(await flush())) return 'done';
  } catch (error) {
    await fail(deps, workspaceId, id, message(error));
    return 'done';
  } finally {
    await records.return(undefined);
  }
  const at = deps.clock.now().toISOString();
  await updateImport(
    db,
    workspaceId,
    id,
    { status: 'completed', total_rows: ordinal, finished_at: at, updated_at: at },
    {
      status: ['running'],
      processedRows: ordinal,
    },
  );
  return 'done';
}

/**
 * The worker's handler for import jobs. Errors outside a batch (the database gone) retry the job, which
 * resumes at the checkpoint; after the last attempt the import is marked failed.
 */
export async function handleImportJob(deps: AppDeps & { queue: JobQueue }, job: ClaimedJob): Promise<void> {
  const p = job.payload as ImportJobPayload;
  try {
    await runImport(deps, p.workspaceId, p.importId, { queue: deps.queue });
  } catch (error) {
    if (job.attempts < job.maxAttempts) throw error;
    await fail(deps, p.workspaceId, p.importId, message(error));
  }
}

import { sql } from 'kysely';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DedupeEntity, ImportEntity, ImportRowStatus, ImportView } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { chunkRows } from '../../core/chunk';
import type { Dialect } from '../../db/dialect/dialect';
import type { ImportRowTable, ImportTable } from '../../db/schema-imports';
import { liveIds } from '../dedupe/dedupe.repository';
import { poolDb } from '../pools/pool.repository';
import { insertRows } from '../../db/insert-rows';

export type ImportRow = Selectable<ImportTable>;

export async function insertImport(trx: Executor, row: Insertable<ImportTable>) {
  await trx.insertInto('imports').values(row).execute();
}

export async function findImport(trx: Executor, workspaceId: string, id: string, lock?: Dialect) {
  let q = trx.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (lock) q = lock.forUpdate(q);
  return q.executeTakeFirst();
}

/** A workspace's imports newest first; `creators` narrows them to those users' imports. */
export function listImportRows(trx: Executor, workspaceId: string, creators: string[] | null, limit: number) {
  let q = trx.selectFrom('imports').selectAll().where('workspace_id', '=', workspaceId);
  if (creators) q = q.where('created_by', 'in', creators.length ? creators : ['']);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

export async function updateImport(
  trx: Executor,
  workspaceId: string,
  id: string,
  set: Updateable<ImportTable>,
  onlyIf?: { status?: string[]; processedRows?: number },
): Promise<boolean> {
  let q = trx.updateTable('imports').set(set).where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (onlyIf?.status) q = q.where('status', 'in', onlyIf.status);
  if (onlyIf?.processedRows !== undefined) q = q.where('processed_rows', '=', onlyIf.processedRows);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Move the checkpoint and add a batch's counts, only if nobody else moved it (one job per import). */
export async function advanceImport(
  trx: Executor,
  workspaceId: string,
  id: string,
  from: number,
  to: number,
  counts: Record<ImportRowStatus, number>,
  at: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('imports')
    .set({
      processed_rows: to,
      created: sql`created + ${counts.created}`,
      updated: sql`updated + ${counts.updated}`,
      skipped: sql`skipped + ${counts.skipped}`,
      failed: sql`failed + ${counts.failed}`,
      updated_at: at,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('processed_rows', '=', from)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertImportRows(trx: Executor, dialect: Dialect, rows: Insertable<ImportRowTable>[]) {
  await insertRows(trx, dialect, 'import_rows', rows);
}

/** Row outcomes in row order, a page at a time (the report streams them beside the file). */
export function importRowsAfter(
  trx: Executor,
  workspaceId: string,
  importId: string,
  after: number,
  limit: number,
) {
  return trx
    .selectFrom('import_rows')
    .select(['row_number', 'status', 'message', 'record_id'])
    .where('workspace_id', '=', workspaceId)
    .where('import_id', '=', importId)
    .where('row_number', '>', after)
    .orderBy('row_number')
    .limit(limit)
    .execute();
}

/** Active users of the workspace by id, for the owner column (matched by name or e-mail). */
export function activeUsers(trx: Executor, workspaceId: string) {
  return trx
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .execute();
}

export async function findTagIds(trx: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return (
    await trx
      .selectFrom('tags')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', [...ids])
      .execute()
  ).map((t) => t.id);
}

/** Customers created by an import "into a pool": unowned, waiting in the pool from now on. */
export async function placeInPool(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  poolId: string,
  ids: string[],
  at: string,
) {
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10))
    await poolDb(trx)
      .updateTable('customers')
      .set({ pool_id: poolId, pool_entered_at: at, owner_id: null })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', part)
      .execute();
}

export function toImportView(dialect: Dialect, row: ImportRow): ImportView {
  const options = row.options ? dialect.readJson<{ mode?: ImportView['mode'] }>(row.options) : null;
  return {
    id: row.id,
    entity: row.entity as ImportEntity,
    filename: row.filename,
    format: row.format as ImportView['format'],
    encoding: row.encoding as ImportView['encoding'],
    status: row.status as ImportView['status'],
    mode: options?.mode ?? null,
    total_rows: row.total_rows,
    processed_rows: row.processed_rows,
    created: row.created,
    updated: row.updated,
    skipped: row.skipped,
    failed: row.failed,
    ...(row.error ? { error: row.error } : {}),
    started_at: row.started_at,
    finished_at: row.finished_at,
    created_by: row.created_by,
    created_at: row.created_at,
  };
}

/** An active user of the workspace by e-mail (the CLI's --as and --owner-email). */
export async function findUserId(trx: Executor, workspaceId: string, email: string) {
  const row = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The workspace's first active admin: who a CLI import runs as by default. */
export async function firstAdminId(trx: Executor, workspaceId: string) {
  const row = await trx
    .selectFrom('users as u')
    .innerJoin('roles as r', (j) =>
      j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
    )
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where('u.status', '=', 'active')
    .where('r.key', '=', 'admin')
    .orderBy('u.created_at')
    .orderBy('u.id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A pool by id or by name (the CLI's --pool). */
export async function findPoolId(trx: Executor, workspaceId: string, idOrName: string) {
  const row = await trx
    .selectFrom('pools')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => (/^[0-9a-f-]{36}$/i.test(idOrName) ? eb('id', '=', idOrName) : eb('name', '=', idOrName)))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Live records holding any of these duplicate keys of one kind. The key look-up stays on the key
 * index alone (a long IN list joined to the record table made SQLite plan through the join, 0.4 s a
 * batch); liveness is a second look-up by primary key.
 */
export async function liveKeyHolders(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  kind: string,
  keys: readonly string[],
): Promise<{ record_id: string; key: string }[]> {
  const hits: { record_id: string; key: string }[] = [];
  for (const part of chunkRows([...new Set(keys)], 1, dialect.maxParameters - 10))
    hits.push(
      ...(await trx
        .selectFrom('dedupe_keys')
        .select(['record_id', 'key'])
        .where('workspace_id', '=', workspaceId)
        .where('entity', '=', entity)
        .where('kind', '=', kind)
        .where('key', 'in', part)
        .execute()),
    );
  const live = new Set<string>();
  for (const part of chunkRows([...new Set(hits.map((h) => h.record_id))], 1, dialect.maxParameters - 10))
    for (const id of await liveIds(trx, workspaceId, entity, part)) live.add(id);
  return hits.filter((h) => live.has(h.record_id));
}

import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { PipelineTable, StageTable } from '../../db/schema';
import { insertRows } from '../../db/insert-rows';

export type PipelineRow = Selectable<PipelineTable>;
export type PipelinePatch = Updateable<PipelineTable>;
export type StageRow = Selectable<StageTable>;
export type StageInsert = Insertable<StageTable>;

export function listPipelineRows(trx: Executor, workspaceId: string, opts: { lock?: Dialect } = {}) {
  let q = trx
    .selectFrom('pipelines')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('position')
    .orderBy('id');
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

export function findPipeline(trx: Executor, workspaceId: string, id: string, opts: { lock?: Dialect } = {}) {
  let q = trx
    .selectFrom('pipelines')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

/** Stages of these pipelines, in board order. */
export async function listStagesOf(
  trx: Executor,
  workspaceId: string,
  pipelineIds: readonly string[],
  opts: { lock?: Dialect } = {},
) {
  if (pipelineIds.length === 0) return [];
  let q = trx
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', 'in', [...pipelineIds])
    .orderBy('pipeline_id')
    .orderBy('position')
    .orderBy('id');
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

export function findStage(trx: Executor, workspaceId: string, id: string) {
  return trx
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findStages(trx: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('stages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertPipeline(trx: Executor, row: PipelineRow) {
  await trx.insertInto('pipelines').values(row).execute();
}

export async function updatePipelineRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: PipelinePatch,
) {
  await trx
    .updateTable('pipelines')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deletePipelineRow(trx: Executor, workspaceId: string, id: string) {
  await trx
    .deleteFrom('stages')
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', id)
    .execute();
  await trx.deleteFrom('pipelines').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function insertStages(trx: Executor, dialect: Dialect, rows: StageInsert[]) {
  await insertRows(trx, dialect, 'stages', rows);
}

export async function updateStageRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<StageTable>,
) {
  await trx
    .updateTable('stages')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteStageRows(trx: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('stages')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

/** Deals per stage, deleted ones included: they still point at their stage and may be restored. */
export async function countDealsByStage(trx: Executor, workspaceId: string, stageIds: readonly string[]) {
  const out = new Map<string, number>();
  if (stageIds.length === 0) return out;
  const rows = await trx
    .selectFrom('deals')
    .select((eb) => ['stage_id', eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('stage_id', 'in', [...stageIds])
    .groupBy('stage_id')
    .execute();
  for (const r of rows) out.set(r.stage_id, toCount(r.n));
  return out;
}

export async function countDealsInPipeline(
  trx: Executor,
  workspaceId: string,
  pipelineId: string,
): Promise<number> {
  const row = await trx
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('pipeline_id', '=', pipelineId)
    .executeTakeFirst();
  return toCount(row?.n);
}

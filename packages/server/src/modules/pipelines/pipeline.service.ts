import type { z } from 'zod';
import type {
  pipelineCreateSchema,
  pipelineStageInputSchema,
  pipelineUpdateSchema,
  StageGate,
  StageKind,
} from '@tideline/shared';
import { STAGE_KINDS } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { logChanges } from '../audit/change-log';
import { assertValidGates } from '../stage-gates/stage-gate.check';
import { readGate } from '../stage-gates/stage-gate.enforce';
import type { RecordChange } from '../audit/change-log';
import {
  countDealsByStage,
  countDealsInPipeline,
  deletePipelineRow,
  deleteStageRows,
  findPipeline,
  insertPipeline,
  insertStages,
  listPipelineRows,
  listStagesOf,
  updatePipelineRow,
  updateStageRow,
} from './pipeline.repository';
import type { PipelineRow, StageInsert, StageRow } from './pipeline.repository';

export type PipelineCreate = z.infer<typeof pipelineCreateSchema>;
export type PipelineUpdate = z.infer<typeof pipelineUpdateSchema>;
type StageInput = z.infer<typeof pipelineStageInputSchema>;

export interface StageView {
  id: string;
  pipeline_id: string;
  name: string;
  kind: StageKind;
  probability: number;
  position: number;
  /** Required fields, entry condition and on-entry edits; null when the stage has none. */
  gate: StageGate | null;
}

export interface PipelineView {
  id: string;
  name: string;
  is_default: boolean;
  position: number;
  created_at: string;
  updated_at: string;
  stages: StageView[];
}

/** Fields compared for the audit diff of a pipeline; stages are compared as one ordered list. */
const PIPELINE_AUDITED = ['name', 'is_default', 'position', 'stages'] as const;

export const toStageView = (dialect: Dialect, s: StageRow): StageView => ({
  id: s.id,
  pipeline_id: s.pipeline_id,
  name: s.name,
  kind: s.kind as StageKind,
  probability: s.probability,
  position: s.position,
  gate: readGate(dialect, s),
});

function toView(dialect: Dialect, p: PipelineRow, stages: StageRow[]): PipelineView {
  return {
    id: p.id,
    name: p.name,
    is_default: p.is_default === 1,
    position: p.position,
    created_at: p.created_at,
    updated_at: p.updated_at,
    stages: stages.filter((s) => s.pipeline_id === p.id).map((s) => toStageView(dialect, s)),
  };
}

/** The audited form: stages without their pipeline id, in order. */
const auditForm = (v: PipelineView) => ({
  ...v,
  stages: v.stages.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    probability: s.probability,
    gate: s.gate,
  })),
});

/** Anyone who works with deals needs the pipelines; managing them is a separate right. */
function requireRead(actor: Actor) {
  if (!actor.permissions.has('deals:read') && !actor.permissions.has('pipelines:manage')) {
    throw new ForbiddenError('Missing permission deals:read', 'permission_denied');
  }
}

export async function listPipelines(deps: AppDeps, actor: Actor): Promise<PipelineView[]> {
  requireRead(actor);
  const db = deps.database.db;
  const rows = await listPipelineRows(db, actor.workspaceId);
  const stages = await listStagesOf(
    db,
    actor.workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toView(deps.database.dialect, r, stages));
}

/** A pipeline of the actor's workspace with its stages, or 404. */
export async function loadPipelineView(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<PipelineView> {
  const lock = opts.lock ? { lock: deps.database.dialect } : {};
  const row = await findPipeline(trx, actor.workspaceId, id, lock);
  if (!row) throw new NotFoundError('pipeline', id);
  return toView(deps.database.dialect, row, await listStagesOf(trx, actor.workspaceId, [id], lock));
}

export async function getPipeline(deps: AppDeps, actor: Actor, id: string): Promise<PipelineView> {
  requireRead(actor);
  return loadPipelineView(deps.database.db, deps, actor, id);
}

const nameKey = (name: string) => name.normalize('NFKC').trim().toLowerCase();

/** Stage list rules: unique names, every kind present, ids (on update) of this pipeline and not repeated. */
function checkStages(stages: readonly StageInput[], existing: ReadonlyMap<string, StageView> | null): void {
  const issues: FieldIssue[] = [];
  const names = new Set<string>();
  const ids = new Set<string>();
  stages.forEach((s, i) => {
    const key = nameKey(s.name);
    if (names.has(key))
      issues.push({
        path: `stages[${i}].name`,
        message: `another stage is already named ${s.name}`,
        code: 'duplicate',
      });
    names.add(key);
    if (s.id === undefined) return;
    if (!existing || !existing.has(s.id)) {
      issues.push({ path: `stages[${i}].id`, message: 'no such stage in this pipeline', code: 'not_found' });
    } else if (ids.has(s.id)) {
      issues.push({ path: `stages[${i}].id`, message: 'this stage is listed twice', code: 'duplicate' });
    }
    ids.add(s.id);
  });
  for (const kind of STAGE_KINDS) {
    if (!stages.some((s) => s.kind === kind)) {
      issues.push({
        path: 'stages',
        message: `a pipeline needs at least one ${kind} stage`,
        code: `${kind}_stage_required`,
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
}

/** Clear the default flag of every other pipeline; returns their audit changes. */
async function clearOtherDefaults(trx: Executor, deps: AppDeps, actor: Actor, keepId: string, now: string) {
  const rows = await listPipelineRows(trx, actor.workspaceId, { lock: deps.database.dialect });
  const changes: RecordChange[] = [];
  for (const r of rows.filter((p) => p.id !== keepId && p.is_default === 1)) {
    await updatePipelineRow(trx, actor.workspaceId, r.id, { is_default: 0, updated_at: now });
    changes.push({
      entity: 'pipeline',
      recordId: r.id,
      before: { is_default: true },
      after: { is_default: false },
      fields: ['is_default'],
    });
  }
  return changes;
}

export async function createPipeline(
  deps: AppDeps,
  actor: Actor,
  input: PipelineCreate,
): Promise<PipelineView> {
  requirePermission(actor, 'pipelines:manage');
  checkStages(input.stages, null);
  return inTransaction(deps, async (trx) => {
    const now = deps.clock.now().toISOString();
    const existing = await listPipelineRows(trx, actor.workspaceId, { lock: deps.database.dialect });
    const isDefault = input.is_default || !existing.some((p) => p.is_default === 1);
    const row: PipelineRow = {
      id: newId(),
      workspace_id: actor.workspaceId,
      name: input.name,
      is_default: isDefault ? 1 : 0,
      position: existing.reduce((max, p) => Math.max(max, p.position + 1), 0),
      created_at: now,
      updated_at: now,
    };
    await assertValidGates(trx, deps, actor.workspaceId, input.stages);
    const stages: (StageRow & StageInsert)[] = input.stages.map((s, i) => ({
      id: newId(),
      workspace_id: actor.workspaceId,
      pipeline_id: row.id,
      name: s.name,
      kind: s.kind,
      probability: s.probability,
      position: i,
      gate: s.gate ? deps.database.dialect.writeJson(s.gate) : null,
    }));
    const others = isDefault ? await clearOtherDefaults(trx, deps, actor, row.id, now) : [];
    await insertPipeline(trx, row);
    await insertStages(trx, deps.database.dialect, stages);
    const view = toView(deps.database.dialect, row, stages);
    await logChanges(trx, deps, actor, [
      ...others,
      {
        entity: 'pipeline',
        recordId: row.id,
        before: null,
        after: auditForm(view),
        fields: PIPELINE_AUDITED,
      },
    ]);
    return view;
  });
}

/** Apply the new ordered stage list: keep ids, add new stages, remove left-out ones (refused while deals use them). */
async function replaceStages(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  current: PipelineView,
  input: readonly StageInput[],
) {
  const ws = actor.workspaceId;
  const byId = new Map(current.stages.map((s) => [s.id, s]));
  checkStages(input, byId);
  await assertValidGates(trx, deps, ws, input);
  const kept = new Set(input.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = current.stages.filter((s) => !kept.has(s.id));
  const rekinded = input.filter((s) => s.id && byId.get(s.id)!.kind !== s.kind);
  const counts = await countDealsByStage(trx, ws, [
    ...removed.map((s) => s.id),
    ...rekinded.map((s) => s.id!),
  ]);
  for (const s of removed) {
    const n = counts.get(s.id) ?? 0;
    if (n > 0) {
      throw new ConflictError(
        'stage_in_use',
        `Stage ${s.name} still holds ${n} deal(s); move them first`,
        [{ path: 'stages', message: `stage ${s.name} still holds deals`, code: 'stage_in_use' }],
        { stage_id: s.id, stage_name: s.name, deal_count: n },
      );
    }
  }
  for (const s of rekinded) {
    const n = counts.get(s.id!) ?? 0;
    const i = input.indexOf(s);
    if (n > 0) {
      throw new ConflictError(
        'stage_kind_in_use',
        `Stage ${s.name} holds ${n} deal(s); its kind cannot change`,
        [
          {
            path: `stages[${i}].kind`,
            message: 'the kind of a stage that holds deals cannot change',
            code: 'stage_in_use',
          },
        ],
        { stage_id: s.id, stage_name: byId.get(s.id!)!.name, deal_count: n },
      );
    }
  }
  await deleteStageRows(
    trx,
    ws,
    removed.map((s) => s.id),
  );
  const inserts: StageInsert[] = [];
  const next: StageView[] = [];
  for (const [i, s] of input.entries()) {
    const old = s.id ? byId.get(s.id) : undefined;
    // An omitted gate keeps the stage's current one (clients that do not know gates lose nothing).
    const gate = s.gate === undefined ? (old?.gate ?? null) : s.gate;
    const view: StageView = {
      id: old?.id ?? newId(),
      pipeline_id: current.id,
      name: s.name,
      kind: s.kind,
      probability: s.probability,
      position: i,
      gate,
    };
    const gateJson = gate ? deps.database.dialect.writeJson(gate) : null;
    next.push(view);
    if (!old) inserts.push({ ...view, gate: gateJson, workspace_id: ws });
    else if (
      old.name !== s.name ||
      old.kind !== s.kind ||
      old.probability !== s.probability ||
      old.position !== i ||
      JSON.stringify(old.gate) !== JSON.stringify(gate)
    ) {
      await updateStageRow(trx, ws, old.id, {
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        position: i,
        gate: gateJson,
      });
    }
  }
  await insertStages(trx, deps.database.dialect, inserts);
  return next;
}

export async function updatePipeline(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: PipelineUpdate,
): Promise<PipelineView> {
  requirePermission(actor, 'pipelines:manage');
  return inTransaction(deps, async (trx) => {
    const current = await loadPipelineView(trx, deps, actor, id, { lock: true });
    const now = deps.clock.now().toISOString();
    if (patch.is_default === false && current.is_default) {
      throw ValidationError.field(
        'is_default',
        'a workspace always has one default pipeline: make another one the default instead',
        'default_required',
      );
    }
    const stages = patch.stages
      ? await replaceStages(trx, deps, actor, current, patch.stages)
      : current.stages;
    const after: PipelineView = {
      ...current,
      name: patch.name ?? current.name,
      is_default: patch.is_default ?? current.is_default,
      stages,
      updated_at: now,
    };
    const others =
      after.is_default && !current.is_default ? await clearOtherDefaults(trx, deps, actor, id, now) : [];
    const [changes] = await logChanges(trx, deps, actor, [
      {
        entity: 'pipeline',
        recordId: id,
        before: auditForm(current),
        after: auditForm(after),
        fields: PIPELINE_AUDITED,
      },
      ...others,
    ]);
    if (Object.keys(changes ?? {}).length === 0) return current;
    await updatePipelineRow(trx, actor.workspaceId, id, {
      name: after.name,
      is_default: after.is_default ? 1 : 0,
      updated_at: now,
    });
    return after;
  });
}

export async function deletePipeline(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'pipelines:manage');
  await inTransaction(deps, async (trx) => {
    const all = await listPipelineRows(trx, actor.workspaceId, { lock: deps.database.dialect });
    const current = await loadPipelineView(trx, deps, actor, id, { lock: true });
    if (all.length <= 1)
      throw new ConflictError('last_pipeline', 'The only pipeline of a workspace cannot be deleted');
    const deals = await countDealsInPipeline(trx, actor.workspaceId, id);
    if (deals > 0) {
      throw new ConflictError(
        'pipeline_in_use',
        `The pipeline still holds ${deals} deal(s), deleted ones included; move them first`,
        [],
        {
          deal_count: deals,
        },
      );
    }
    await deletePipelineRow(trx, actor.workspaceId, id);
    const changes: RecordChange[] = [
      {
        entity: 'pipeline',
        recordId: id,
        action: 'deleted',
        before: auditForm(current),
        after: null,
        fields: PIPELINE_AUDITED,
      },
    ];
    // The default moves to the first remaining pipeline so that new deals always have a home.
    const heir = current.is_default ? all.find((p) => p.id !== id) : undefined;
    if (heir) {
      const now = deps.clock.now().toISOString();
      await updatePipelineRow(trx, actor.workspaceId, heir.id, { is_default: 1, updated_at: now });
      changes.push({
        entity: 'pipeline',
        recordId: heir.id,
        before: { is_default: false },
        after: { is_default: true },
        fields: ['is_default'],
      });
    }
    await logChanges(trx, deps, actor, changes);
  });
}

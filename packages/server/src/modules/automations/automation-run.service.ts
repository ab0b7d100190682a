import type { AutomationDefinition, AutomationEntity, RunStatus } from '@tideline/shared';
import {
  compileCondition,
  cursorPath,
  enterArm,
  explainCondition,
  nextCursor,
  stepAt,
  triggerEntity,
} from '@tideline/engine';
import type { StepCursor } from '@tideline/engine';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import { AppError, NotFoundError, ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import { automationCatalog } from './automation.catalog';
import { findAutomation, findDefinition } from './automation.repository';
import { findRun, listRunRows, listRunSteps, updateRun } from './automation-run.repository';
import { loadRecordRow } from './automation-record.repository';
import { actionHandler } from './actions/action-registry';
import type { AutomationDeps } from './run-context';
import { advanceJob } from './run-executor';
import { resumeTime } from './run-delay';
import { buildStepContext } from './run-support';
import { validateDefinition } from './automation.validate';

function runView(deps: AutomationDeps, r: Awaited<ReturnType<typeof listRunRows>>[number]) {
  const { dialect } = deps.database;
  return {
    ...r,
    trigger_data: dialect.readJson(r.trigger_data),
    cursor: dialect.readJson(r.cursor),
  };
}

export async function listRuns(
  deps: AutomationDeps,
  actor: Actor,
  query: { automation_id?: string; status?: RunStatus; cursor?: string; limit: number },
) {
  requirePermission(actor, 'automations:read');
  const rows = await listRunRows(deps.database.db, actor.workspaceId, {
    ...(query.automation_id ? { automationId: query.automation_id } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.cursor ? { before: query.cursor } : {}),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => runView(deps, r)),
    next_cursor: rows.length > query.limit ? page[page.length - 1]!.id : null,
  };
}

/** A run with every step: input, output, error and timing. */
export async function getRun(deps: AutomationDeps, actor: Actor, id: string) {
  requirePermission(actor, 'automations:read');
  const { db, dialect } = deps.database;
  const run = await findRun(db, dialect, actor.workspaceId, id);
  if (!run) throw new NotFoundError('run', id);
  const steps = await listRunSteps(db, actor.workspaceId, id);
  return {
    ...runView(deps, run),
    steps: steps.map((s) => ({
      ...s,
      input: s.input === null ? null : dialect.readJson(s.input),
      output: s.output === null ? null : dialect.readJson(s.output),
      duration_ms: new Date(s.finished_at).getTime() - new Date(s.started_at).getTime(),
    })),
  };
}

/** Send failed runs back to work from the step that failed (which keeps its idempotency key). */
export async function retryRuns(
  deps: AutomationDeps,
  actor: Actor,
  ids: string[],
): Promise<{ retried: number }> {
  requirePermission(actor, 'automations:manage');
  const { dialect } = deps.database;
  return inTransaction(deps, async (trx) => {
    const issues: { path: string; message: string }[] = [];
    const runs = [];
    for (const [i, id] of ids.entries()) {
      const run = await findRun(trx, dialect, actor.workspaceId, id, true);
      if (!run) issues.push({ path: `ids[${i}]`, message: `no run with id ${id}` });
      else if (run.status !== 'failed')
        issues.push({ path: `ids[${i}]`, message: `run ${id} has not failed (it is ${run.status})` });
      else runs.push(run);
    }
    if (issues.length) throw new ValidationError(issues);
    const at = deps.clock.now().toISOString();
    for (const run of runs)
      await updateRun(trx, run.workspace_id, run.id, {
        status: 'running',
        error: null,
        finished_at: null,
        updated_at: at,
      });
    await deps.queue.enqueue(
      trx,
      runs.map((r) => advanceJob(r.workspace_id, r.id)),
    );
    return { retried: runs.length };
  });
}

export interface DryRunStep {
  path: string;
  step_id: string;
  kind: string;
  action?: string;
  status: 'would_run' | 'would_wait' | 'error';
  output?: unknown;
  error?: string;
}

/**
 * Test an automation (saved, or a draft definition) against one record without doing anything:
 * whether the conditions pass and why, then every step it would take with what it would write or send.
 */
export async function dryRun(
  deps: AutomationDeps,
  actor: Actor,
  input: { automation_id?: string; definition?: AutomationDefinition; record_id?: string },
) {
  requirePermission(actor, 'automations:manage');
  const { db, dialect } = deps.database;
  let def = input.definition;
  let meta = { id: 'draft', name: 'draft', ownerId: actor.userId ?? '' };
  if (input.automation_id) {
    const row = await findAutomation(db, dialect, actor.workspaceId, input.automation_id);
    if (!row) throw new NotFoundError('automation', input.automation_id);
    def ??= await findDefinition(db, dialect, actor.workspaceId, row.id, row.version);
    meta = { id: row.id, name: row.name, ownerId: row.owner_id };
  }
  if (!def) throw ValidationError.field('definition', 'give an automation_id or a definition', 'required');
  const issues = await validateDefinition(deps, actor.workspaceId, def, actor.timezone);
  if (issues.length) throw new ValidationError(issues, 'The automation has problems');
  const entity = triggerEntity(def.trigger) as AutomationEntity | null;
  let record = null;
  if (entity) {
    if (!input.record_id)
      throw ValidationError.field('record_id', `choose a ${entity} to test with`, 'required');
    record = (await loadRecordRow(db, dialect, actor.workspaceId, entity, input.record_id)) ?? null;
    const owner = (record?.owner_id ?? record?.assignee_id ?? null) as string | null;
    if (!record || !canSeeOwner(actor, owner))
      throw ValidationError.field('record_id', `no ${entity} with id ${input.record_id}`, 'not_found');
  }
  const ctx = await buildStepContext({
    deps,
    trx: null,
    run: { id: 'dry-run', workspace_id: actor.workspaceId, entity, record_id: record?.id ?? null, depth: 0 },
    automation: meta,
    event: { type: 'dry_run' },
    idempotencyKey: 'dry-run',
    dryRun: true,
    record,
  });
  const catalog = entity ? await automationCatalog(deps, actor.workspaceId, entity) : {};
  const condValues = await ctx.values(def.conditions);
  const conditions = def.conditions
    ? {
        passed: compileCondition(def.conditions, catalog)(condValues, ctx),
        explain: explainCondition(def.conditions, catalog, condValues, ctx),
      }
    : { passed: true, explain: null };
  const steps: DryRunStep[] = [];
  let cursor: StepCursor | null = conditions.passed ? [0] : null;
  for (let i = 0; cursor && i < 200; i++) {
    const step = stepAt(def.steps, cursor);
    if (!step) break;
    const path = cursorPath(cursor);
    const base = { path, step_id: step.id, kind: step.kind };
    try {
      if (step.kind === 'action') {
        const output = await actionHandler(step.params).run(ctx, step.params);
        steps.push({ ...base, action: step.params.action, status: 'would_run', output });
        cursor = nextCursor(def.steps, cursor);
      } else if (step.kind === 'branch') {
        const values = await ctx.values(step.condition);
        const passed = compileCondition(step.condition, catalog)(values, ctx);
        steps.push({
          ...base,
          status: 'would_run',
          output: {
            branch: passed ? 'then' : 'else',
            condition: explainCondition(step.condition, catalog, values, ctx),
          },
        });
        cursor = enterArm(def.steps, cursor, passed ? 'then' : 'else');
      } else if (step.kind === 'delay') {
        steps.push({
          ...base,
          status: 'would_wait',
          output: { resume_at: (await resumeTime(ctx, step)).toISOString() },
        });
        cursor = nextCursor(def.steps, cursor);
      } else {
        const until = await resumeTime(ctx, { id: step.id, kind: 'delay', duration: step.timeout });
        steps.push({
          ...base,
          status: 'would_wait',
          output: {
            event: step.event,
            until: until.toISOString(),
            follows: 'then (as if the event arrived)',
          },
        });
        cursor = enterArm(def.steps, cursor, 'then');
      }
    } catch (err) {
      steps.push({
        ...base,
        status: 'error',
        error: err instanceof AppError || err instanceof Error ? err.message : String(err),
      });
      break;
    }
  }
  return { entity, record_id: record?.id ?? null, conditions, steps };
}

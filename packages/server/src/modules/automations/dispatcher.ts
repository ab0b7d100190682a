import type { AutomationEntity } from '@tideline/shared';
import {
  compileCondition,
  conditionFields,
  enterArm,
  matchesTrigger,
  triggerEntity,
  triggerEventTypes,
} from '@tideline/engine';
import type { CompiledCondition, StepCursor } from '@tideline/engine';
import type { Executor } from '../../core/transaction';
import { loadActiveAutomations } from './automation.repository';
import type { ActiveAutomation } from './automation.repository';
import { automationCatalog } from './automation.catalog';
import { findWaitingRuns, insertRunStep, insertRuns, updateRun } from './automation-run.repository';
import type { RunRow } from './automation-run.repository';
import type { Insertable } from 'kysely';
import type { AutomationRunTable } from '../../db/schema-automation';
import { newRunRow } from './run-rows';
import type { NewRun } from './run-rows';
import { loadRecordRow } from './automation-record.repository';
import type { RecordRow } from './automation-record.repository';
import type { AutomationDeps } from './run-context';
import { advanceJob } from './run-executor';
import { MAX_AUTOMATION_DEPTH, definitionOf } from './run-support';
import { loadConditionValues } from './run-scope';

const EVENT_TRIGGERS = ['record_created', 'record_updated', 'stage_changed', 'owner_changed', 'client_event'];
const CACHE_MS = 2000;

interface Candidates {
  until: number;
  byType: Map<string, ActiveAutomation[]>;
}
const candidates = new Map<string, Candidates>();
const compiled = new Map<string, CompiledCondition>();

/** Forget a workspace's cached automations (after an edit); other processes follow within 2 s. */
export function forgetAutomations(workspaceId: string): void {
  candidates.delete(workspaceId);
}

async function candidatesFor(deps: AutomationDeps, trx: Executor, workspaceId: string) {
  const now = Date.now();
  const hit = candidates.get(workspaceId);
  if (hit && hit.until > now) return hit.byType;
  const active = await loadActiveAutomations(trx, deps.database.dialect, workspaceId, EVENT_TRIGGERS);
  const byType = new Map<string, ActiveAutomation[]>();
  for (const a of active)
    for (const type of triggerEventTypes(a.definition.trigger))
      byType.set(type, [...(byType.get(type) ?? []), a]);
  candidates.set(workspaceId, { until: now + CACHE_MS, byType });
  return byType;
}

async function conditionOf(
  deps: AutomationDeps,
  trx: Executor,
  a: ActiveAutomation,
  entity: AutomationEntity | null,
) {
  const key = `${a.workspaceId}:${a.id}:${a.version}`;
  let c = compiled.get(key);
  if (!c) {
    const catalog = entity ? await automationCatalog(deps, a.workspaceId, entity, trx) : {};
    c = compileCondition(a.definition.conditions, catalog);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

/**
 * Read a batch of undispatched events in order, wake runs waiting for them, start a run for every
 * enabled automation whose trigger and conditions match, and mark the events dispatched — all in one
 * transaction, so an event is dispatched once even if the process dies halfway. Returns the count read.
 */
export async function dispatchEvents(deps: AutomationDeps, limit = 500): Promise<number> {
  const { db, dialect } = deps.database;
  return db.transaction().execute(async (trx) => {
    const events = await dialect
      .forUpdateSkipLocked(
        trx
          .selectFrom('events')
          .select(['seq', 'id', 'workspace_id', 'type', 'entity', 'record_id', 'payload', 'depth'])
          .where('dispatched_at', 'is', null)
          .orderBy('seq')
          .limit(limit),
      )
      .execute();
    if (events.length === 0) return 0;
    const now = deps.clock.now();
    const at = now.toISOString();
    const jobs: ReturnType<typeof advanceJob>[] = [];
    const toStart: Insertable<AutomationRunTable>[] = [];
    const waiting = await waitingByRecordEvent(trx, events);
    for (const e of events) {
      const payload = dialect.readJson<Record<string, unknown>>(e.payload) ?? {};
      const { record: _record, ...data } = payload;
      const eventData = { ...data, type: e.type, event_id: e.id };
      const woken = waiting.get(`${e.record_id}|${e.type}`);
      if (woken) {
        waiting.delete(`${e.record_id}|${e.type}`);
        await wakeWaitingRuns(deps, trx, woken, e.type, at, jobs);
      }
      const byType = await candidatesFor(deps, trx, e.workspace_id);
      const list = byType.get(e.type);
      if (!list) continue;
      const event = { type: e.type, entity: e.entity, recordId: e.record_id, payload };
      const recordOf = new Map<string, RecordRow | null>();
      for (const a of list) {
        const decision = matchesTrigger(a.definition.trigger, event);
        if (!decision.match) continue;
        const entity = triggerEntity(a.definition.trigger) ?? (e.entity as AutomationEntity);
        const run = (triggerKey: string, status: NewRun['status'], error: string | null = null) =>
          newRunRow(dialect, {
            workspaceId: e.workspace_id,
            automationId: a.id,
            version: a.version,
            entity,
            recordId: e.record_id,
            triggerKey,
            data: eventData,
            status,
            depth: e.depth,
            error,
            at,
          });
        if (e.depth >= MAX_AUTOMATION_DEPTH) {
          const why = `stopped: ${e.depth} automations in a row changed this record (the limit is ${MAX_AUTOMATION_DEPTH}); check for automations that trigger each other`;
          await insertRuns(trx, [run(e.id, 'stopped', why)]);
          continue;
        }
        if (decision.debounceSeconds > 0) {
          // One run per burst: each edit inside the window pushes the start back.
          const runAt = new Date(now.getTime() + decision.debounceSeconds * 1000);
          const dedupe = `debounce:${a.id}:${e.record_id}`;
          if (await deps.queue.reschedule(trx, dedupe, runAt)) continue;
          const [id] = await insertRuns(trx, [run(`debounce:${e.id}`, 'pending')]);
          if (id)
            await deps.queue.enqueue(trx, [
              { ...advanceJob(e.workspace_id, id, {}, runAt), dedupeKey: dedupe },
            ]);
          continue;
        }
        if (a.definition.conditions) {
          const check = await conditionOf(deps, trx, a, entity);
          // Read once per event, however many automations check conditions on it.
          if (!recordOf.has(entity))
            recordOf.set(
              entity,
              (await loadRecordRow(trx, dialect, e.workspace_id, entity, e.record_id)) ?? null,
            );
          const record = recordOf.get(entity)!;
          const values = await loadConditionValues(
            trx,
            dialect,
            e.workspace_id,
            entity,
            record,
            eventData,
            conditionFields(a.definition.conditions),
          );
          const tz = await timezoneOf(trx, e.workspace_id);
          if (!check(values, { now, timezone: tz })) continue;
        }
        toStart.push(run(e.id, 'running'));
      }
    }
    const started = await insertRuns(trx, toStart, dialect.maxParameters);
    const workspaceOf = new Map(toStart.map((r) => [r.id, r.workspace_id]));
    for (const id of started) jobs.push(advanceJob(workspaceOf.get(id)!, id));
    await deps.queue.enqueue(trx, jobs);
    await trx
      .updateTable('events')
      .set({ dispatched_at: at })
      .where(
        'seq',
        'in',
        events.map((e) => e.seq),
      )
      .execute();
    return events.length;
  });
}

const zones = new Map<string, string>();
async function timezoneOf(trx: Executor, workspaceId: string): Promise<string> {
  let tz = zones.get(workspaceId);
  if (!tz) {
    const row = await trx
      .selectFrom('workspaces')
      .select('timezone')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    tz = row.timezone;
    zones.set(workspaceId, tz);
  }
  return tz;
}

/** Runs waiting for one of the batch's events on its record, keyed "record|event". */
async function waitingByRecordEvent(trx: Executor, events: { record_id: string; type: string }[]) {
  const runs = await findWaitingRuns(
    trx,
    events.map((e) => e.record_id),
    events.map((e) => e.type),
  );
  const map = new Map<string, RunRow[]>();
  for (const r of runs) {
    const key = `${r.record_id}|${r.wait_event}`;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return map;
}

/** Runs waiting on this record for this event continue in their `then` arm. */
async function wakeWaitingRuns(
  deps: AutomationDeps,
  trx: Executor,
  runs: RunRow[],
  type: string,
  at: string,
  jobs: ReturnType<typeof advanceJob>[],
): Promise<void> {
  const { dialect } = deps.database;
  for (const run of runs) {
    const workspaceId = run.workspace_id;
    const def = await definitionOf(deps, trx, workspaceId, run.automation_id, run.version);
    const cursor = dialect.readJson<StepCursor>(run.cursor);
    await insertRunStep(trx, {
      workspace_id: workspaceId,
      run_id: run.id,
      seq: run.step_count + 1,
      step_id: 'event',
      kind: 'event',
      action: null,
      status: 'completed',
      input: null,
      output: dialect.writeJson({ received: type }),
      error: null,
      attempts: 1,
      started_at: at,
      finished_at: at,
    });
    await updateRun(trx, workspaceId, run.id, {
      status: 'running',
      wait_event: null,
      resume_at: null,
      step_count: run.step_count + 1,
      cursor: dialect.writeJson(enterArm(def.steps, cursor, 'then')),
      updated_at: at,
    });
    jobs.push(advanceJob(workspaceId, run.id));
  }
}

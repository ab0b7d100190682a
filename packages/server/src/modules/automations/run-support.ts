import type { AutomationDefinition, AutomationEntity, ConditionNode } from '@tideline/shared';
import { conditionFields } from '@tideline/engine';
import { PERMISSIONS } from '@tideline/shared';
import type { Transaction } from 'kysely';
import type { Actor } from '../../core/actor';
import { systemActor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import type { DB } from '../../db/schema';
import { findAutomation, findDefinition } from './automation.repository';
import type { RunRow } from './automation-run.repository';
import { loadRecordRow } from './automation-record.repository';
import type { RecordRow } from './automation-record.repository';
import type { AutomationDeps, StepContext } from './run-context';
import { loadConditionValues, templateScope } from './run-scope';

/** A chain of automations triggering each other stops at this depth, and the stopped run says so. */
export const MAX_AUTOMATION_DEPTH = 5;

const definitions = new Map<string, AutomationDefinition>();

/** A version's definition never changes, so it is cached for the life of the process. */
export async function definitionOf(
  deps: AutomationDeps,
  trx: Executor,
  workspaceId: string,
  automationId: string,
  version: number,
): Promise<AutomationDefinition> {
  const key = `${workspaceId}:${automationId}:${version}`;
  let def = definitions.get(key);
  if (!def) {
    def = await findDefinition(trx, deps.database.dialect, workspaceId, automationId, version);
    if (!def) throw new Error(`automation ${automationId} has no version ${version}`);
    if (definitions.size > 5000) definitions.clear();
    definitions.set(key, def);
  }
  return def;
}

const metas = new Map<string, { until: number; meta: { id: string; name: string; ownerId: string } }>();

/** An automation's name and owner for templates and notices, cached for a few seconds. */
export async function automationMeta(deps: AutomationDeps, workspaceId: string, automationId: string) {
  const key = `${workspaceId}:${automationId}`;
  const now = Date.now();
  const hit = metas.get(key);
  if (hit && hit.until > now) return hit.meta;
  const row = await findAutomation(deps.database.db, deps.database.dialect, workspaceId, automationId);
  const meta = { id: automationId, name: row?.name ?? '', ownerId: row?.owner_id ?? '' };
  if (metas.size > 5000) metas.clear();
  metas.set(key, { until: now + 5000, meta });
  return meta;
}

const timezones = new Map<string, { tz: string; currency: string }>();

export async function workspaceSettings(trx: Executor, workspaceId: string) {
  let s = timezones.get(workspaceId);
  if (!s) {
    const row = await trx
      .selectFrom('workspaces')
      .select(['timezone', 'currency'])
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    s = { tz: row.timezone, currency: row.currency };
    timezones.set(workspaceId, s);
  }
  return s;
}

/** The actor automations write as: every permission, all data, source "automation", one level deeper. */
export function automationActor(
  workspaceId: string,
  timezone: string,
  currency: string,
  depth: number,
): Actor {
  return {
    ...systemActor(workspaceId, PERMISSIONS, { timezone, currency, source: 'automation' }),
    actorType: 'automation',
    depth,
  };
}

export interface ContextInput {
  deps: AutomationDeps;
  trx: Transaction<DB> | null;
  run: Pick<RunRow, 'id' | 'workspace_id' | 'entity' | 'record_id' | 'depth'>;
  automation: { id: string; name: string; ownerId: string };
  event: Record<string, unknown>;
  idempotencyKey: string;
  dryRun: boolean;
  /** A record already loaded (dry runs pass it); otherwise it is read fresh for every step. */
  record?: RecordRow | null;
  afterCommit?: (fn: () => void) => void;
}

export async function buildStepContext(input: ContextInput): Promise<StepContext> {
  const { deps, trx, run } = input;
  const db = trx ?? deps.database.db;
  const { dialect } = deps.database;
  const ws = run.workspace_id;
  const settings = await workspaceSettings(db, ws);
  const entity = (run.entity ?? null) as AutomationEntity | null;
  const record =
    input.record !== undefined
      ? input.record
      : entity && run.record_id
        ? ((await loadRecordRow(db, dialect, ws, entity, run.record_id)) ?? null)
        : null;
  let scope: Record<string, unknown> | undefined;
  return {
    deps,
    trx,
    workspaceId: ws,
    timezone: settings.tz,
    now: deps.clock.now(),
    automation: input.automation,
    runId: run.id,
    entity,
    record,
    event: input.event,
    actor: automationActor(ws, settings.tz, settings.currency, run.depth + 1),
    idempotencyKey: input.idempotencyKey,
    dryRun: input.dryRun,
    values: (node?: ConditionNode) =>
      loadConditionValues(db, dialect, ws, entity, record, input.event, conditionFields(node)),
    scope: async () =>
      (scope ??= await templateScope(db, dialect, ws, entity, record, input.event, input.automation)),
    afterCommit: input.afterCommit ?? (() => {}),
  };
}

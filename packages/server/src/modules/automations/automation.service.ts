import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import type { AutomationCreate, AutomationDefinition, AutomationUpdate } from '@tideline/shared';
import { triggerEntity } from '@tideline/engine';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import {
  existingUserIds,
  findAutomation,
  findDefinition,
  insertAutomation,
  insertVersion,
  listAutomationRows,
  listVersions,
  updateAutomationRow,
} from './automation.repository';
import type { AutomationRow } from './automation.repository';
import { runHealth } from './automation-run.repository';
import { validateDefinition } from './automation.validate';
import { forgetAutomations } from './dispatcher';

const AUDITED = ['name', 'notes', 'owner_id', 'enabled', 'version', 'deleted_at'] as const;

export interface AutomationView extends Omit<AutomationRow, 'enabled' | 'webhook_secret'> {
  enabled: boolean;
  definition: AutomationDefinition;
  entity: string | null;
  /** For webhook triggers: the address integrations post to. */
  webhook_path: string | null;
  health?: { runs_7d: number; failed_7d: number };
}

function view(row: AutomationRow, definition: AutomationDefinition): AutomationView {
  const { webhook_secret, enabled, ...rest } = row;
  return {
    ...rest,
    enabled: enabled === 1,
    definition,
    entity: triggerEntity(definition.trigger),
    webhook_path: webhook_secret ? `/api/v1/hooks/automations/${row.id}/${webhook_secret}` : null,
  };
}

/** When a schedule fires next after `from`, in the workspace's time zone. */
export function nextFireAt(def: AutomationDefinition, from: Date, timezone: string): string | null {
  if (def.trigger.type !== 'schedule') return null;
  const next = new Cron(def.trigger.cron, { timezone, paused: true, mode: '5-part' }).nextRun(from);
  return next ? next.toISOString() : null;
}

async function checkDefinition(deps: AppDeps, actor: Actor, def: AutomationDefinition, ownerId: string) {
  const issues = await validateDefinition(deps, actor.workspaceId, def, actor.timezone);
  const owners = await existingUserIds(deps.database.db, actor.workspaceId, [ownerId]);
  if (!owners.has(ownerId))
    issues.push({ path: 'owner_id', message: `no active user with id ${ownerId}`, code: 'not_found' });
  if (issues.length) throw new ValidationError(issues, 'The automation has problems; nothing was saved');
}

export async function listAutomations(deps: AppDeps, actor: Actor): Promise<{ items: AutomationView[] }> {
  requirePermission(actor, 'automations:read');
  const { db, dialect } = deps.database;
  const rows = await listAutomationRows(db, actor.workspaceId);
  const since = new Date(deps.clock.now().getTime() - 7 * 86_400_000).toISOString();
  const health = await runHealth(db, actor.workspaceId, since);
  const items: AutomationView[] = [];
  for (const row of rows) {
    const def = await findDefinition(db, dialect, actor.workspaceId, row.id, row.version);
    const h = health.get(row.id);
    items.push({
      ...view(row, def!),
      last_run_at: h?.last_run_at ?? null,
      last_run_status: h?.last_run_status ?? null,
      health: { runs_7d: h?.runs_7d ?? 0, failed_7d: h?.failed_7d ?? 0 },
    });
  }
  return { items };
}

export async function getAutomation(deps: AppDeps, actor: Actor, id: string) {
  requirePermission(actor, 'automations:read');
  const { db, dialect } = deps.database;
  const row = await findAutomation(db, dialect, actor.workspaceId, id);
  if (!row) throw new NotFoundError('automation', id);
  const versions = await listVersions(db, dialect, actor.workspaceId, id);
  return { ...view(row, versions[0]!.definition), versions };
}

export async function createAutomation(
  deps: AppDeps,
  actor: Actor,
  input: AutomationCreate,
  opts: { templateKey?: string } = {},
): Promise<AutomationView> {
  requirePermission(actor, 'automations:manage');
  const ownerId = input.owner_id ?? actor.userId;
  if (!ownerId) throw ValidationError.field('owner_id', 'say who owns this automation', 'required');
  await checkDefinition(deps, actor, input.definition, ownerId);
  const now = deps.clock.now();
  const at = now.toISOString();
  const def = input.definition;
  const row: AutomationRow = {
    workspace_id: actor.workspaceId,
    id: newId(),
    name: input.name,
    notes: input.notes ?? null,
    owner_id: ownerId,
    enabled: input.enabled ? 1 : 0,
    version: 1,
    trigger_type: def.trigger.type,
    trigger_entity: triggerEntity(def.trigger),
    template_key: opts.templateKey ?? null,
    webhook_secret: def.trigger.type === 'webhook' ? randomBytes(18).toString('base64url') : null,
    next_fire_at: nextFireAt(def, now, actor.timezone),
    // Time rules look forward from the moment they are saved, not back over history.
    swept_to: at,
    last_run_at: null,
    last_run_status: null,
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    deleted_at: null,
  };
  await inTransaction(deps, async (trx) => {
    await insertAutomation(trx, row, {
      workspace_id: row.workspace_id,
      automation_id: row.id,
      version: 1,
      definition: deps.database.dialect.writeJson(def),
      created_by: actor.userId,
      created_at: at,
    });
    await logChange(trx, deps, actor, {
      entity: 'automation',
      recordId: row.id,
      before: null,
      after: row,
      fields: AUDITED,
    });
  });
  forgetAutomations(actor.workspaceId);
  return view(row, def);
}

/** Edit an automation; a changed definition becomes a new version, and runs keep the version they started on. */
export async function updateAutomation(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: AutomationUpdate,
): Promise<AutomationView> {
  requirePermission(actor, 'automations:manage');
  const { dialect, db } = deps.database;
  // Validation reads fields and users outside the write transaction (SQLite has one connection).
  const found = await findAutomation(db, dialect, actor.workspaceId, id);
  if (!found) throw new NotFoundError('automation', id);
  if (patch.definition || patch.owner_id) {
    const draft =
      patch.definition ?? (await findDefinition(db, dialect, actor.workspaceId, id, found.version))!;
    await checkDefinition(deps, actor, draft, patch.owner_id ?? found.owner_id);
  }
  return inTransaction(deps, async (trx) => {
    const before = await findAutomation(trx, dialect, actor.workspaceId, id, { lock: true });
    if (!before) throw new NotFoundError('automation', id);
    const current = (await findDefinition(trx, dialect, actor.workspaceId, id, before.version))!;
    const def = patch.definition ?? current;
    const changedDef =
      patch.definition !== undefined && JSON.stringify(patch.definition) !== JSON.stringify(current);
    const ownerId = patch.owner_id ?? before.owner_id;
    const now = deps.clock.now();
    const at = now.toISOString();
    const enabling = patch.enabled === true && before.enabled === 0;
    const after: AutomationRow = {
      ...before,
      name: patch.name ?? before.name,
      notes: patch.notes === undefined ? before.notes : patch.notes,
      owner_id: ownerId,
      enabled: patch.enabled === undefined ? before.enabled : patch.enabled ? 1 : 0,
      version: changedDef ? before.version + 1 : before.version,
      trigger_type: def.trigger.type,
      trigger_entity: triggerEntity(def.trigger),
      webhook_secret:
        def.trigger.type === 'webhook'
          ? (before.webhook_secret ?? randomBytes(18).toString('base64url'))
          : null,
      next_fire_at: changedDef || enabling ? nextFireAt(def, now, actor.timezone) : before.next_fire_at,
      // A rule switched back on does not fire for everything that fell due while it was off.
      swept_to: changedDef || enabling ? at : before.swept_to,
      updated_at: at,
    };
    if (changedDef) {
      await insertVersion(trx, {
        workspace_id: actor.workspaceId,
        automation_id: id,
        version: after.version,
        definition: dialect.writeJson(def),
        created_by: actor.userId,
        created_at: at,
      });
    }
    const { workspace_id: _ws, id: _id, ...set } = after;
    await updateAutomationRow(trx, actor.workspaceId, id, set);
    await logChange(trx, deps, actor, { entity: 'automation', recordId: id, before, after, fields: AUDITED });
    forgetAutomations(actor.workspaceId);
    return view(after, def);
  });
}

export async function deleteAutomation(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'automations:manage');
  await inTransaction(deps, async (trx) => {
    const before = await findAutomation(trx, deps.database.dialect, actor.workspaceId, id, { lock: true });
    if (!before) throw new NotFoundError('automation', id);
    const at = deps.clock.now().toISOString();
    await updateAutomationRow(trx, actor.workspaceId, id, { deleted_at: at, enabled: 0, updated_at: at });
    await logChange(trx, deps, actor, {
      entity: 'automation',
      recordId: id,
      before,
      after: { ...before, deleted_at: at, enabled: 0 },
      fields: AUDITED,
    });
  });
  forgetAutomations(actor.workspaceId);
}

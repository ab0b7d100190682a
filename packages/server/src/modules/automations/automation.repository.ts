import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AutomationDefinition } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { isId } from '../../core/ids';
import type { Dialect } from '../../db/dialect/dialect';
import type { AutomationTable, AutomationVersionTable } from '../../db/schema-automation';

export type AutomationRow = Selectable<AutomationTable>;

/** An enabled automation with the definition of its current version, as the dispatcher uses it. */
export interface ActiveAutomation {
  id: string;
  workspaceId: string;
  name: string;
  ownerId: string;
  version: number;
  definition: AutomationDefinition;
}

export async function existingUserIds(
  trx: Executor,
  workspaceId: string,
  ids: string[],
): Promise<Set<string>> {
  const valid = [...new Set(ids)].filter(isId);
  if (valid.length === 0) return new Set();
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'active')
    .where('id', 'in', valid)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function findStageRef(trx: Executor, workspaceId: string, id: string) {
  if (!isId(id)) return undefined;
  return trx
    .selectFrom('stages')
    .select(['id', 'pipeline_id', 'kind'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertAutomation(
  trx: Executor,
  row: Insertable<AutomationTable>,
  version: Insertable<AutomationVersionTable>,
): Promise<void> {
  await trx.insertInto('automations').values(row).execute();
  await trx.insertInto('automation_versions').values(version).execute();
}

export async function insertVersion(
  trx: Executor,
  version: Insertable<AutomationVersionTable>,
): Promise<void> {
  await trx.insertInto('automation_versions').values(version).execute();
}

export async function updateAutomationRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  set: Updateable<AutomationTable>,
): Promise<void> {
  await trx
    .updateTable('automations')
    .set(set)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function findAutomation(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<AutomationRow | undefined> {
  let q = trx
    .selectFrom('automations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (opts.lock) q = dialect.forUpdate(q);
  return q.executeTakeFirst();
}

export async function listAutomationRows(trx: Executor, workspaceId: string): Promise<AutomationRow[]> {
  return trx
    .selectFrom('automations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findDefinition(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  automationId: string,
  version: number,
): Promise<AutomationDefinition | undefined> {
  const row = await trx
    .selectFrom('automation_versions')
    .select('definition')
    .where('workspace_id', '=', workspaceId)
    .where('automation_id', '=', automationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? dialect.readJson<AutomationDefinition>(row.definition) : undefined;
}

export async function listVersions(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  automationId: string,
) {
  const rows = await trx
    .selectFrom('automation_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('automation_id', '=', automationId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    definition: dialect.readJson<AutomationDefinition>(r.definition),
    created_by: r.created_by,
    created_at: r.created_at,
  }));
}

/** Enabled automations of a workspace with the given trigger types, each with its current definition. */
export async function loadActiveAutomations(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  triggerTypes: readonly string[],
): Promise<ActiveAutomation[]> {
  const rows = await trx
    .selectFrom('automations as a')
    .innerJoin('automation_versions as v', (j) =>
      j
        .onRef('v.workspace_id', '=', 'a.workspace_id')
        .onRef('v.automation_id', '=', 'a.id')
        .onRef('v.version', '=', 'a.version'),
    )
    .select(['a.id', 'a.workspace_id', 'a.name', 'a.owner_id', 'a.version', 'v.definition'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.enabled', '=', 1)
    .where('a.deleted_at', 'is', null)
    .where('a.trigger_type', 'in', triggerTypes)
    .orderBy('a.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspace_id,
    name: r.name,
    ownerId: r.owner_id,
    version: r.version,
    definition: dialect.readJson<AutomationDefinition>(r.definition),
  }));
}

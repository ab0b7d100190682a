import type { ClientEvent } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner } from '../../core/actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { insertEvents } from '../audit/audit.repository';
import { loadRecordRow } from './automation-record.repository';
import type { AutomationDeps } from './run-context';
import { advanceJob } from './run-executor';
import { insertRuns } from './automation-run.repository';
import { newRunRow } from './run-rows';

const WRITE: Record<ClientEvent['entity'], string> = {
  lead: 'leads:write',
  customer: 'customers:write',
  contact: 'contacts:write',
  deal: 'deals:write',
};

/**
 * Ingest a client or channel event (email opened, link clicked, form submitted, message received) as a
 * domain event `client.<type>` on its record, so automations and waiting runs react to it like to any
 * other change. An integration's external_id makes a resend a no-op.
 */
export async function ingestClientEvent(
  deps: AutomationDeps,
  actor: Actor,
  input: ClientEvent,
): Promise<{ event_id: string; duplicate: boolean }> {
  if (!actor.permissions.has(WRITE[input.entity] as never))
    throw new ForbiddenError(`Missing permission ${WRITE[input.entity]}`, 'permission_denied');
  const { dialect } = deps.database;
  return inTransaction(deps, async (trx) => {
    const record = await loadRecordRow(trx, dialect, actor.workspaceId, input.entity, input.record_id);
    const owner = (record?.owner_id ?? null) as string | null;
    if (!record || (input.entity !== 'contact' && input.entity !== 'deal' && !canSeeOwner(actor, owner)))
      throw ValidationError.field('record_id', `no ${input.entity} with id ${input.record_id}`, 'not_found');
    const at = deps.clock.now().toISOString();
    const eventId = newId();
    if (input.external_id) {
      const seen = await trx
        .selectFrom('client_events')
        .select('event_id')
        .where('workspace_id', '=', actor.workspaceId)
        .where('external_id', '=', input.external_id)
        .executeTakeFirst();
      if (seen) return { event_id: seen.event_id, duplicate: true };
      await trx
        .insertInto('client_events')
        .values({
          workspace_id: actor.workspaceId,
          external_id: input.external_id,
          event_id: eventId,
          created_at: at,
        })
        .execute();
    }
    const text = typeof input.data.text === 'string' ? input.data.text : undefined;
    const url = typeof input.data.url === 'string' ? input.data.url : undefined;
    await insertEvents(trx, dialect, actor, at, [
      {
        type: `client.${input.type}`,
        entity: input.entity,
        recordId: input.record_id,
        payload: { ...input.data, ...(text ? { text } : {}), ...(url ? { url } : {}) },
        id: eventId,
      },
    ]);
    return { event_id: eventId, duplicate: false };
  });
}

/** An inbound webhook starts one run of its automation with the posted body as the event data. */
export async function receiveWebhook(
  deps: AutomationDeps,
  automationId: string,
  secret: string,
  body: unknown,
  deliveryId: string | undefined,
): Promise<{ run_id: string | null }> {
  const { db, dialect } = deps.database;
  const row = await db
    .selectFrom('automations')
    .select(['workspace_id', 'id', 'version', 'enabled', 'webhook_secret'])
    .where('id', '=', automationId)
    .where('trigger_type', '=', 'webhook')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  // Same answer for a wrong id and a wrong secret: the address is the credential.
  if (!row || !row.webhook_secret || row.webhook_secret !== secret) throw new NotFoundError('webhook');
  if (row.enabled !== 1)
    throw new ValidationError([], 'This automation is switched off', 'automation_disabled');
  const at = deps.clock.now().toISOString();
  return inTransaction(deps, async (trx) => {
    const [inserted] = await insertRuns(trx, [
      newRunRow(dialect, {
        workspaceId: row.workspace_id,
        automationId: row.id,
        version: row.version,
        entity: null,
        recordId: null,
        triggerKey: `webhook:${deliveryId ?? newId()}`,
        data: { type: 'webhook', body },
        status: 'running',
        at,
      }),
    ]);
    if (inserted) await deps.queue.enqueue(trx, [advanceJob(row.workspace_id, inserted)]);
    return { run_id: inserted ?? null };
  });
}

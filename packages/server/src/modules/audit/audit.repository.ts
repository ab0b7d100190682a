import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { newId } from '../../core/ids';
import type { Actor } from '../../core/actor';
import type { FieldChanges } from './record-diff';
import { insertRows } from '../../db/insert-rows';

export interface AuditEntry {
  action: string;
  entity: string;
  recordId: string;
  customerId?: string | null;
  changes: FieldChanges | Record<string, unknown>;
}

export interface DomainEvent {
  type: string;
  entity: string;
  recordId: string;
  payload: Record<string, unknown>;
  /** Given when the caller must know the event's id (client events); made here otherwise. */
  id?: string;
}

export async function insertAudit(
  trx: Executor,
  dialect: Dialect,
  actor: Actor,
  at: string,
  entries: AuditEntry[],
) {
  await insertRows(
    trx,
    dialect,
    'audit_log',
    entries.map((e) => ({
      id: newId(),
      workspace_id: actor.workspaceId,
      actor_type: actor.actorType,
      actor_id: actor.userId,
      source: actor.source,
      action: e.action,
      entity: e.entity,
      record_id: e.recordId,
      customer_id: e.customerId ?? null,
      changes: dialect.writeJson(e.changes),
      created_at: at,
    })),
  );
}

export async function insertEvents(
  trx: Executor,
  dialect: Dialect,
  actor: Actor,
  at: string,
  events: DomainEvent[],
) {
  await insertRows(
    trx,
    dialect,
    'events',
    events.map((e) => ({
      id: e.id ?? newId(),
      workspace_id: actor.workspaceId,
      type: e.type,
      entity: e.entity,
      record_id: e.recordId,
      payload: dialect.writeJson(e.payload),
      actor_id: actor.userId,
      source: actor.source,
      depth: actor.depth,
      created_at: at,
    })),
  );
}

export interface AuditFilter {
  entity?: string | undefined;
  record_id?: string | undefined;
  actor_id?: string | undefined;
  source?: string | undefined;
  before?: string | undefined;
  /** Only entries made by these users (a manager reads what their department did). */
  actorIds?: string[] | null;
  limit: number;
}

export function listAuditRows(trx: Executor, workspaceId: string, f: AuditFilter) {
  let q = trx.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.record_id) q = q.where('record_id', '=', f.record_id);
  if (f.actor_id) q = q.where('actor_id', '=', f.actor_id);
  if (f.source) q = q.where('source', '=', f.source);
  if (f.before) q = q.where('id', '<', f.before);
  if (f.actorIds)
    q = q.where('actor_id', 'in', f.actorIds.length ? f.actorIds : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

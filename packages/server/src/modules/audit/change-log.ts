import type { Executor } from '../../core/transaction';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { insertAudit, insertEvents } from './audit.repository';
import type { AuditEntry, DomainEvent } from './audit.repository';
import { diffRecords } from './record-diff';
import type { FieldChanges } from './record-diff';

type Row = Record<string, unknown>;

export interface RecordChange {
  entity: string;
  recordId: string;
  /** The customer the record belongs to, for the 360° timeline. */
  customerId?: string | null;
  before: Row | null;
  after: Row | null;
  /** Fields compared for the audit diff. */
  fields: readonly string[];
  /** Extra event kinds besides created/updated/deleted, e.g. stage_changed. */
  extraEvents?: { kind: string; payload: Row }[];
  /** Overrides the action name (e.g. "restored", "converted"). */
  action?: string;
}

/**
 * Record one change of one record in the caller's transaction: an audit entry with the field-level
 * before/after, and the domain events the automation engine consumes. Returns the changes, empty when
 * nothing changed (then nothing is written).
 */
export async function logChange(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  change: RecordChange,
): Promise<FieldChanges> {
  return (await logChanges(trx, deps, actor, [change]))[0] ?? {};
}

export async function logChanges(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  changes: RecordChange[],
): Promise<FieldChanges[]> {
  const at = deps.clock.now().toISOString();
  const audits: AuditEntry[] = [];
  const events: DomainEvent[] = [];
  const diffs: FieldChanges[] = [];
  for (const c of changes) {
    const action = c.action ?? (c.before === null ? 'created' : c.after === null ? 'deleted' : 'updated');
    const diff = diffRecords(c.before, c.after, c.fields);
    diffs.push(diff);
    if (action === 'updated' && Object.keys(diff).length === 0 && !c.extraEvents?.length) continue;
    audits.push({
      action,
      entity: c.entity,
      recordId: c.recordId,
      customerId: c.customerId ?? null,
      changes: diff,
    });
    const base = { customer_id: c.customerId ?? null };
    events.push({
      type: `${c.entity}.${action}`,
      entity: c.entity,
      recordId: c.recordId,
      payload:
        action === 'updated'
          ? { ...base, changed: Object.keys(diff), changes: diff }
          : { ...base, record: c.after ?? c.before },
    });
    if (action === 'updated' && 'owner_id' in diff) {
      events.push({
        type: `${c.entity}.owner_changed`,
        entity: c.entity,
        recordId: c.recordId,
        payload: { ...base, from: diff.owner_id?.before ?? null, to: diff.owner_id?.after ?? null },
      });
    }
    for (const extra of c.extraEvents ?? []) {
      events.push({
        type: `${c.entity}.${extra.kind}`,
        entity: c.entity,
        recordId: c.recordId,
        payload: { ...base, ...extra.payload },
      });
    }
  }
  await insertAudit(trx, deps.database.dialect, actor, at, audits);
  await insertEvents(trx, deps.database.dialect, actor, at, events);
  return diffs;
}

import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { listAuditRows } from './audit.repository';
import type { AuditFilter } from './audit.repository';

export type AuditQuery = Omit<AuditFilter, 'actorIds'>;

/**
 * The audit trail for those allowed to read it. Whoever does not see the whole workspace reads only
 * what the people in their data scope did.
 */
export async function listAudit(deps: AppDeps, actor: Actor, query: AuditQuery) {
  requirePermission(actor, 'audit:read');
  const actorIds = actor.visibleOwnerIds === null ? null : [...actor.visibleOwnerIds];
  const rows = await listAuditRows(deps.database.db, actor.workspaceId, {
    ...query,
    actorIds,
    limit: query.limit + 1,
  });
  const items = rows
    .slice(0, query.limit)
    .map((r) => ({ ...r, changes: deps.database.dialect.readJson(r.changes) }));
  return { items, next_cursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null };
}

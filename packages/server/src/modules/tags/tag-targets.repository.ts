import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import type { TaggableType } from './tag.types';
import { customerScope, notDeleted, ownerScope } from '../../db/scope';

/**
 * Tagging spans four record types, so this one query reads just enough of each (id and the customer it
 * belongs to) under the same visibility rules their own modules apply.
 */
const TARGETS: Record<
  TaggableType,
  { table: string; customer: string; visible: (actor: Actor) => RawBuilder<boolean> }
> = {
  lead: { table: 'leads', customer: 'null', visible: (a) => ownerScope(a) },
  customer: { table: 'customers', customer: 'id', visible: (a) => ownerScope(a) },
  contact: { table: 'contacts', customer: 'customer_id', visible: (a) => customerScope(a, a.workspaceId) },
  deal: { table: 'deals', customer: 'customer_id', visible: (a) => ownerScope(a) },
};

/** Records of this type among `ids` that exist, are not deleted and that the actor may see. */
export async function findVisibleTargets(
  trx: Executor,
  actor: Actor,
  recordType: TaggableType,
  ids: readonly string[],
): Promise<{ id: string; customer_id: string | null }[]> {
  if (ids.length === 0) return [];
  const t = TARGETS[recordType];
  const { rows } = await sql<{
    id: string;
    customer_id: string | null;
  }>`select id, ${sql.raw(t.customer)} as customer_id
    from ${sql.table(t.table)}
    where workspace_id = ${actor.workspaceId} and id in (${sql.join([...ids])}) and ${notDeleted()} and ${t.visible(actor)}`.execute(
    trx,
  );
  return rows;
}

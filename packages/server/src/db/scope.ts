import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../core/actor';

/** Rows whose owner column is inside the actor's data scope. */
export function ownerScope(actor: Actor, column = 'owner_id'): RawBuilder<boolean> {
  if (actor.visibleOwnerIds === null) return sql<boolean>`1 = 1`;
  const ids = [...actor.visibleOwnerIds];
  if (ids.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref(column)} in (${sql.join(ids)})`;
}

/** Rows that belong to a customer inside the actor's data scope (contacts, activities…). */
export function customerScope(
  actor: Actor,
  workspaceId: string,
  column = 'customer_id',
): RawBuilder<boolean> {
  if (actor.visibleOwnerIds === null) return sql<boolean>`1 = 1`;
  return sql<boolean>`${sql.ref(column)} in (select c.id from customers c where c.workspace_id = ${workspaceId} and ${ownerScope(actor, 'c.owner_id')})`;
}

export const notDeleted = (column = 'deleted_at'): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} is null`;

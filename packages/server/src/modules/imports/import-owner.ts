import type { ImportContext } from './import-context';

/**
 * The owner of a new record as the import's options say: a user named in the owner column (by name or
 * e-mail; an empty cell means the importer), one chosen user, nobody (a pool import: the records wait in
 * the pool), or — for distribution — left to the rules (`askDistribution`).
 */
export function chooseImportOwner(
  ctx: ImportContext,
  cell: string | undefined,
): { ownerId: string | null | undefined } | { error: string } {
  const owner = ctx.options.owner;
  switch (owner.from) {
    case 'user':
      return { ownerId: owner.user_id ?? ctx.actor.userId };
    case 'pool':
      return { ownerId: null };
    case 'distribution':
      return { ownerId: undefined };
    case 'column': {
      if (!cell) return { ownerId: ctx.actor.userId };
      const id = ctx.users.get(cell.toLowerCase());
      const column = ctx.columns.find((c) => c.field === 'owner')?.header ?? 'owner';
      return id ? { ownerId: id } : { error: `「${column}」: no active user named ${cell}` };
    }
  }
}

/**
 * The one place an import asks the distribution rules for an owner: the row goes to its record service
 * with `assign: 'auto'` and no owner, and the service's distributeOnCreate (modules/distribution)
 * chooses — rules in order, then the entity's fallback — in the batch's transaction, so round-robin
 * pointers move with the rows that use them and the assignment is logged and audited as for a form.
 */
export function askDistribution(values: Record<string, unknown>): void {
  delete values.owner_id;
  values.assign = 'auto';
}

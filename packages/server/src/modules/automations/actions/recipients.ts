import type { Recipient } from '@tideline/shared';
import { loadUserBrief } from '../automation-record.repository';
import type { StepContext } from '../run-context';

/** The record's owner: owner_id, or the assignee of a task. */
export function ownerOf(ctx: StepContext): string | null {
  const r = ctx.record;
  if (!r) return null;
  return ((r.owner_id ?? r.assignee_id ?? null) as string | null) || null;
}

/** The user ids a step's recipients name; people who cannot be resolved are left out. */
export async function resolveRecipients(ctx: StepContext, list: Recipient[]): Promise<string[]> {
  const db = ctx.trx ?? ctx.deps.database.db;
  const out = new Set<string>();
  for (const r of list) {
    if (r.type === 'user') out.add(r.user_id);
    if (r.type === 'owner') {
      const owner = ownerOf(ctx);
      if (owner) out.add(owner);
    }
    if (r.type === 'owner_manager') {
      const owner = await loadUserBrief(db, ctx.workspaceId, ownerOf(ctx));
      if (owner?.manager_id) out.add(owner.manager_id);
      else if (owner?.department_id) {
        const manager = await db
          .selectFrom('departments')
          .select('manager_id')
          .where('workspace_id', '=', ctx.workspaceId)
          .where('id', '=', owner.department_id)
          .executeTakeFirst();
        if (manager?.manager_id && manager.manager_id !== owner.id) out.add(manager.manager_id);
      }
    }
    if (r.type === 'previous_owner') {
      const from = ctx.event.from;
      if (typeof from === 'string' && from) out.add(from);
    }
  }
  return [...out];
}

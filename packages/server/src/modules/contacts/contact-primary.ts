import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import type { Executor } from '../../core/transaction';
import { logChanges } from '../audit/change-log';
import { CONTACT_AUDITED } from './contact.fields';
import { findPrimaryContacts, toContact, updateContactRow } from './contact.repository';

/**
 * A customer has at most one primary contact: clear the flag on its other live contacts, each change
 * audited, in the caller's transaction (before the new primary is written).
 */
export async function demoteOtherPrimaries(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  customerId: string,
  exceptId?: string,
) {
  const others = await findPrimaryContacts(trx, actor.workspaceId, customerId, exceptId);
  const now = deps.clock.now().toISOString();
  for (const o of others) {
    await updateContactRow(trx, actor.workspaceId, o.id, { is_primary: 0, updated_at: now });
  }
  await logChanges(
    trx,
    deps,
    actor,
    others.map((o) => {
      const before = toContact(deps.database.dialect, o);
      return {
        entity: 'contact',
        recordId: o.id,
        customerId,
        before,
        after: { ...before, is_primary: false },
        fields: CONTACT_AUDITED,
      };
    }),
  );
}

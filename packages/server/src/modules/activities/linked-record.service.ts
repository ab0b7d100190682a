import type { TaskRelatedType } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { canSeeOwner } from '../../core/actor';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { loadVisibleCustomer } from '../customers/customer.service';
import { findDeal } from '../deals/deal.repository';
import { findContact, findLead } from './linked-record.repository';
import type { LinkedLead } from './linked-record.repository';

const bad = (path: string, message: string) => ValidationError.field(path, message, 'not_found');

/** A customer named by a body field: missing, deleted or outside the actor's scope reads as that field being wrong. */
async function visibleCustomerAt(trx: Executor, deps: AppDeps, actor: Actor, id: string, path: string) {
  try {
    return await loadVisibleCustomer(trx, deps, actor, id);
  } catch (e) {
    if (e instanceof NotFoundError) throw bad(path, 'no such customer, or not one you may see');
    throw e;
  }
}

async function findCustomerIfVisible(trx: Executor, deps: AppDeps, actor: Actor, id: string) {
  try {
    return (await loadVisibleCustomer(trx, deps, actor, id)).id;
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

export async function visibleLeadAt(
  trx: Executor,
  actor: Actor,
  id: string,
  path: string,
): Promise<LinkedLead> {
  const lead = await findLead(trx, actor.workspaceId, id);
  if (!lead || !canSeeOwner(actor, lead.owner_id)) throw bad(path, 'no such lead, or not one you may see');
  return lead;
}

async function visibleDealAt(trx: Executor, actor: Actor, id: string, path: string) {
  const deal = await findDeal(trx, actor.workspaceId, id);
  if (!deal || deal.deleted_at || !canSeeOwner(actor, deal.owner_id))
    throw bad(path, 'no such deal, or not one you may see');
  return deal;
}

export interface LinkInput {
  customer_id?: string | null | undefined;
  contact_id?: string | null | undefined;
  deal_id?: string | null | undefined;
  lead_id?: string | null | undefined;
}

export interface ResolvedLinks {
  customer_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  lead_id: string | null;
}

/**
 * Check what a follow-up points at: every record must exist and be visible to the actor, and the
 * customer is derived from the contact or deal (which must agree with each other and with customer_id).
 */
export async function resolveLinks(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  input: LinkInput,
): Promise<ResolvedLinks> {
  const ws = actor.workspaceId;
  const lead = input.lead_id ? await visibleLeadAt(trx, actor, input.lead_id, 'lead_id') : null;
  let customerId = input.customer_id ?? null;
  let customerPath = 'customer_id';
  const derive = (from: string, path: string) => {
    if (customerId && customerId !== from) throw bad(path, 'belongs to another customer');
    if (!customerId) [customerId, customerPath] = [from, path];
  };
  if (input.deal_id)
    derive((await visibleDealAt(trx, actor, input.deal_id, 'deal_id')).customer_id, 'deal_id');
  if (input.contact_id) {
    const contact = await findContact(trx, ws, input.contact_id);
    if (!contact) throw bad('contact_id', 'no such contact');
    derive(contact.customer_id, 'contact_id');
  }
  // A follow-up on a converted lead belongs to the customer it became, so one index serves the timeline.
  if (!customerId && lead?.converted_customer_id) {
    const converted = await findCustomerIfVisible(trx, deps, actor, lead.converted_customer_id);
    if (converted) customerId = converted;
  }
  if (customerId) await visibleCustomerAt(trx, deps, actor, customerId, customerPath);
  return {
    customer_id: customerId,
    contact_id: input.contact_id ?? null,
    deal_id: input.deal_id ?? null,
    lead_id: input.lead_id ?? null,
  };
}

/**
 * The customer a task's related record belongs to (null for a lead), after checking the record
 * exists and is visible; any failure names `path`.
 */
export async function relatedCustomerId(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  type: TaskRelatedType,
  id: string,
  path: string,
): Promise<string | null> {
  switch (type) {
    case 'customer':
      return (await visibleCustomerAt(trx, deps, actor, id, path)).id;
    case 'contact': {
      const contact = await findContact(trx, actor.workspaceId, id);
      if (!contact) throw bad(path, 'no such contact');
      return (await visibleCustomerAt(trx, deps, actor, contact.customer_id, path)).id;
    }
    case 'deal':
      return (await visibleDealAt(trx, actor, id, path)).customer_id;
    case 'lead':
      await visibleLeadAt(trx, actor, id, path);
      return null;
  }
}

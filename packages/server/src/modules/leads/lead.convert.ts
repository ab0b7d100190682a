import type { z } from 'zod';
import type { CustomerCreate, leadConvertSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { findPrimaryContacts } from '../contacts/contact.repository';
import { createContact } from '../contacts/contact.service';
import type { ContactView } from '../contacts/contact.service';
import { toCustomer } from '../customers/customer.repository';
import type { Customer } from '../customers/customer.repository';
import { advanceCustomerDates, createCustomer, loadVisibleCustomer } from '../customers/customer.service';
import { createDeal } from '../deals/deal.service';
import type { DealView } from '../deals/deal.service';
import { assertAssignableOwner } from '../users/owner-check';
import { LEAD_AUDITED } from './lead.fields';
import { relinkLeadActivities, toLead, updateLeadRow } from './lead.repository';
import type { LeadPatch, LeadRow } from './lead.repository';
import { leadsWithTags, loadVisibleLead } from './lead.service';
import type { LeadView } from './lead.service';

export type LeadConvert = z.infer<typeof leadConvertSchema>;

export interface LeadConversion {
  lead: LeadView;
  customer: Customer;
  /** Whether the customer was made by this conversion (false: the lead joined an existing one). */
  customer_created: boolean;
  contact: ContactView | null;
  deal: DealView | null;
}

/** Run one part of the conversion, reporting its bad fields under the part's name (`deal.stage_id`). */
async function part<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError(
      e.fields.map((f) => ({ ...f, path: `${prefix}.${f.path}` })),
      e.message,
      e.code,
    );
  }
}

/** The customer a lead becomes: the company when it names one, else the person. */
function customerFromLead(lead: LeadRow): CustomerCreate {
  return {
    name: lead.company_name || lead.name,
    region: lead.region,
    industry: lead.industry,
    source: lead.source ?? lead.channel,
    phone: lead.phone ?? lead.mobile,
    email: lead.email,
    status: 'potential',
  };
}

/** An existing customer named in the body: invisible or deleted reads as a bad field. */
async function existingCustomer(trx: Executor, deps: AppDeps, actor: Actor, id: string) {
  try {
    return await loadVisibleCustomer(trx, deps, actor, id, { lock: true });
  } catch (e) {
    if (e instanceof NotFoundError)
      throw ValidationError.field('customer_id', `no customer with id ${id}`, 'not_found');
    throw e;
  }
}

/**
 * Convert a lead in one transaction: a customer (new, or an existing one the actor can see), a contact
 * from the lead's person fields, optionally a deal; the lead's follow-ups move to the customer and the
 * lead is marked converted. Any bad part rolls everything back.
 */
export async function convertLead(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: LeadConvert,
): Promise<LeadConversion> {
  requirePermission(actor, 'leads:write');
  // Creating the customer, contact and deal checks their own write permissions; attaching needs a read.
  if (input.customer_id) requirePermission(actor, 'customers:read');
  if (input.customer_id && input.customer) {
    throw ValidationError.field(
      'customer',
      'give either customer (to create one) or customer_id (to attach), not both',
      'conflict',
    );
  }
  return inTransaction(deps, async (trx) => {
    const ws = actor.workspaceId;
    const lead = await loadVisibleLead(trx, deps, actor, id, { lock: true });
    if (lead.status === 'converted') {
      throw new ConflictError('lead_already_converted', 'This lead has already been converted', [], {
        customer_id: lead.converted_customer_id,
      });
    }
    if (input.owner_id !== undefined) await assertAssignableOwner(trx, actor, input.owner_id, 'owner_id');
    const ownerId = input.owner_id ?? lead.owner_id ?? actor.userId;

    let customer: Customer;
    let customerCreated = false;
    if (input.customer_id) {
      customer = toCustomer(
        deps.database.dialect,
        await existingCustomer(trx, deps, actor, input.customer_id),
      );
    } else {
      const { tags: _tags, ...created } = await part('customer', () =>
        createCustomer(deps, actor, { ...customerFromLead(lead), owner_id: ownerId, ...input.customer }, trx),
      );
      customer = created;
      customerCreated = true;
    }

    let contact: ContactView | null = null;
    if (input.contact !== false) {
      const overrides = typeof input.contact === 'object' ? input.contact : {};
      const hasPrimary = !customerCreated && (await findPrimaryContacts(trx, ws, customer.id)).length > 0;
      contact = await part('contact', () =>
        createContact(
          deps,
          actor,
          {
            customer_id: customer.id,
            name: lead.name,
            title: lead.title,
            mobile: lead.mobile,
            phone: lead.phone,
            email: lead.email,
            ...overrides,
            is_primary: !hasPrimary,
          },
          trx,
        ),
      );
    }

    let deal: DealView | null = null;
    if (input.deal) {
      const d = input.deal;
      deal = await part('deal', () =>
        createDeal(
          deps,
          actor,
          { ...d, customer_id: customer.id, contact_id: contact?.id ?? null, owner_id: ownerId },
          trx,
        ),
      );
    }

    const now = deps.clock.now().toISOString();
    await relinkLeadActivities(
      trx,
      ws,
      lead.id,
      { customerId: customer.id, contactId: contact?.id ?? null },
      now,
    );
    if (lead.last_contact_at)
      await advanceCustomerDates(trx, deps, actor, customer.id, { last_contact_at: lead.last_contact_at });

    const set: LeadPatch = {
      status: 'converted',
      converted_customer_id: customer.id,
      converted_contact_id: contact?.id ?? null,
      converted_deal_id: deal?.id ?? null,
      converted_at: now,
      updated_at: now,
    };
    await updateLeadRow(trx, ws, lead.id, set);
    const before = toLead(deps.database.dialect, lead);
    await logChange(trx, deps, actor, {
      entity: 'lead',
      recordId: lead.id,
      customerId: customer.id,
      action: 'converted',
      before,
      after: { ...before, ...set },
      fields: LEAD_AUDITED,
    });
    const [view] = await leadsWithTags(trx, deps, actor, [{ ...lead, ...set } as LeadRow]);
    return { lead: view!, customer, customer_created: customerCreated, contact, deal };
  });
}

import type { CustomerCreate, CustomerUpdate, DuplicateMatch, ImportEntity } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { createContact, updateContact } from '../contacts/contact.service';
import type { ContactCreate, ContactUpdate } from '../contacts/contact.service';
import { createCustomer, updateCustomer } from '../customers/customer.service';
import { createLead, updateLead } from '../leads/lead.service';
import type { LeadCreate, LeadUpdate } from '../leads/lead.service';

/** What a write gives back that the report shows. */
export interface Written {
  id: string;
  duplicate_warnings?: DuplicateMatch[];
}

/**
 * The record services an import writes through: the same validation, custom fields, duplicate
 * check, search index, audit entry and events as a form or the API.
 */
export interface EntityWriter {
  create(deps: AppDeps, actor: Actor, input: Record<string, unknown>, trx: Executor): Promise<Written>;
  update(
    deps: AppDeps,
    actor: Actor,
    id: string,
    patch: Record<string, unknown>,
    trx: Executor,
  ): Promise<Written>;
}

export const WRITERS: Record<ImportEntity, EntityWriter> = {
  customer: {
    create: (deps, actor, input, trx) => createCustomer(deps, actor, input as CustomerCreate, trx),
    update: (deps, actor, id, patch, trx) => updateCustomer(deps, actor, id, patch as CustomerUpdate, trx),
  },
  lead: {
    create: (deps, actor, input, trx) => createLead(deps, actor, input as LeadCreate, trx),
    update: (deps, actor, id, patch, trx) => updateLead(deps, actor, id, patch as LeadUpdate, trx),
  },
  contact: {
    create: (deps, actor, input, trx) => createContact(deps, actor, input as ContactCreate, trx),
    update: (deps, actor, id, patch, trx) => updateContact(deps, actor, id, patch as ContactUpdate, trx),
  },
};

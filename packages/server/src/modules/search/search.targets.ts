import type { SearchTarget } from './search.service';
import { CUSTOMER_SEARCH } from '../customers/customer.service';
import { CONTACT_SEARCH } from '../contacts/contact.service';
import { LEAD_SEARCH } from '../leads/lead.service';
import { DEAL_SEARCH } from '../deals/deal.service';

/** Entities global search looks through, in the order results are shown, with what a hit shows. */
export const SEARCH_TARGETS: Record<string, { target: SearchTarget; permission: string }> = {
  customer: {
    target: { ...CUSTOMER_SEARCH, displayColumns: ['id', 'name', 'phone', 'industry', 'owner_id'] },
    permission: 'customers:read',
  },
  contact: {
    target: { ...CONTACT_SEARCH, displayColumns: ['id', 'name', 'mobile', 'title', 'customer_id'] },
    permission: 'contacts:read',
  },
  lead: {
    target: {
      ...LEAD_SEARCH,
      displayColumns: ['id', 'name', 'company_name', 'mobile', 'status', 'owner_id'],
    },
    permission: 'leads:read',
  },
  deal: {
    target: { ...DEAL_SEARCH, displayColumns: ['id', 'name', 'amount', 'status', 'customer_id', 'owner_id'] },
    permission: 'deals:read',
  },
};

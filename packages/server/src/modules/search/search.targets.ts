import type { SearchTarget } from './search.service';
import { CUSTOMER_SEARCH } from '../customers/customer.service';

/** Entities global search looks through, in the order results are shown. */
export const SEARCH_TARGETS: Record<string, { target: SearchTarget; permission: string }> = {
  customer: { target: { ...CUSTOMER_SEARCH, displayColumns: ['id', 'name', 'phone', 'industry', 'owner_id'] }, permission: 'customers:read' },
};

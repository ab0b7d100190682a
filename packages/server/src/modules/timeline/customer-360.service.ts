import { sql } from 'kysely';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { notDeleted, ownerScope } from '../../db/scope';
import { getCustomer } from '../customers/customer.service';
import type { CustomerView } from '../customers/customer.service';
import { listDealRows } from '../deals/deal.repository';
import { withNames } from '../deals/deal.service';
import type { DealView } from '../deals/deal.service';
import { customerCounts, listCustomerContacts } from './timeline.repository';
import type { CustomerCounts } from './timeline.repository';
import { timelinePage } from './timeline.service';
import type { TimelinePage } from './timeline.service';

export interface Customer360 {
  customer: CustomerView;
  contacts: Awaited<ReturnType<typeof listCustomerContacts>>;
  open_deals: DealView[];
  timeline: TimelinePage;
  counts: CustomerCounts;
}

/**
 * Everything the customer page shows at once. Parts the actor has no right to read (contacts, deals)
 * come back empty rather than failing the page; deals keep their own owner-based visibility.
 */
export async function customer360(deps: AppDeps, actor: Actor, id: string): Promise<Customer360> {
  const customer = await getCustomer(deps, actor, id);
  const db = deps.database.db;
  const ws = actor.workspaceId;
  const canDeals = actor.permissions.has('deals:read');
  const dealScope = canDeals ? ownerScope(actor) : sql<boolean>`1 = 0`;
  const [contacts, dealRows, timeline, counts] = await Promise.all([
    actor.permissions.has('contacts:read') ? listCustomerContacts(db, ws, id) : [],
    listDealRows(db, {
      workspaceId: ws,
      where: [sql<boolean>`customer_id = ${id}`, sql<boolean>`status = 'open'`, notDeleted(), dealScope],
      sort: { field: 'stage_entered_at', desc: true, expr: sql.ref('stage_entered_at') },
      cursor: null,
      limit: 100,
    }),
    timelinePage(db, deps, actor, id, { limit: 20 }),
    customerCounts(db, ws, id, dealScope),
  ]);
  return { customer, contacts, open_deals: await withNames(db, deps, actor, dealRows), timeline, counts };
}

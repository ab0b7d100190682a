import type { ListQuery, Page, Permission } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { listContacts } from '../contacts/contact.service';
import { listCustomers } from '../customers/customer.service';
import { listDeals } from '../deals/deal.service';
import { listLeads } from '../leads/lead.service';
import { listProducts } from '../products/product.service';
import type { ExportEntity } from './export.columns';

type Item = Record<string, unknown> & { id: string };
type ListFn = (deps: AppDeps, actor: Actor, query: ListQuery) => Promise<Page<unknown>>;

/**
 * Each entity's own list service: an export reads exactly what the list shows — the same data scope,
 * filters, search and sort — page after page on its keyset cursor.
 */
export const EXPORT_SOURCES: Record<ExportEntity, { path: string; read: Permission; list: ListFn }> = {
  customer: { path: 'customers', read: 'customers:read', list: listCustomers },
  lead: { path: 'leads', read: 'leads:read', list: listLeads },
  contact: { path: 'contacts', read: 'contacts:read', list: listContacts },
  deal: { path: 'deals', read: 'deals:read', list: listDeals },
  product: { path: 'products', read: 'products:read', list: listProducts },
};

export async function listPage(
  deps: AppDeps,
  actor: Actor,
  entity: ExportEntity,
  query: ListQuery,
): Promise<Page<Item>> {
  return (await EXPORT_SOURCES[entity].list(deps, actor, query)) as Page<Item>;
}

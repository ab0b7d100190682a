import type { Permission } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';
import { CONTACT_FIELDS } from '../contacts/contact.fields';
import { CUSTOMER_FIELDS } from '../customers/customer.fields';
import { DEAL_FIELDS } from '../deals/deal.fields';
import { LEAD_FIELDS } from '../leads/lead.fields';
import type { ViewEntity } from './view.schemas';

/** What a view of each entity may filter and sort on, and who may read that entity's list. */
export const VIEW_TARGETS: Record<ViewEntity, { fields: FieldMap; read: Permission }> = {
  lead: { fields: LEAD_FIELDS, read: 'leads:read' },
  customer: { fields: CUSTOMER_FIELDS, read: 'customers:read' },
  contact: { fields: CONTACT_FIELDS, read: 'contacts:read' },
  deal: { fields: DEAL_FIELDS, read: 'deals:read' },
};

/** Fields compared for the audit diff. */
export const VIEW_AUDITED = ['name', 'entity', 'filter', 'sort', 'columns', 'shared', 'owner_id'] as const;

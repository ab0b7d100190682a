import type { Permission } from '@tideline/shared';

export type TaggableType = 'lead' | 'customer' | 'contact' | 'deal';

/** Writing tags onto a record is a write of that record. */
export const TAG_WRITE_PERMISSION: Record<TaggableType, Permission> = {
  lead: 'leads:write',
  customer: 'customers:write',
  contact: 'contacts:write',
  deal: 'deals:write',
};

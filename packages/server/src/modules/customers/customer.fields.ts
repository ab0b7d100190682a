import { CUSTOMER_SIZES, CUSTOMER_STATUSES } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields of a customer that lists filter and sort on. */
export const CUSTOMER_FIELDS: FieldMap = {
  name: { type: 'text', sortable: true },
  industry: { type: 'text', sortable: true },
  region: { type: 'text', sortable: true },
  size: { type: 'enum', values: CUSTOMER_SIZES, sortable: true },
  level: { type: 'text', sortable: true },
  source: { type: 'text', sortable: true },
  status: { type: 'enum', values: CUSTOMER_STATUSES, sortable: true },
  phone: { type: 'text' },
  email: { type: 'text' },
  website: { type: 'text' },
  address: { type: 'text' },
  owner_id: { type: 'id' },
  created_by: { type: 'id' },
  last_contact_at: { type: 'instant', sortable: true },
  last_won_at: { type: 'instant', sortable: true },
  last_purchase_at: { type: 'instant', sortable: true },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff; the same set the API writes. */
export const CUSTOMER_AUDITED = [
  'name',
  'industry',
  'region',
  'size',
  'level',
  'source',
  'status',
  'phone',
  'email',
  'website',
  'address',
  'description',
  'owner_id',
  'last_contact_at',
  'last_won_at',
  'last_purchase_at',
  'custom',
  'deleted_at',
] as const;

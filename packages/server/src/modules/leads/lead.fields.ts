import { LEAD_STATUSES } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields of a lead that lists filter and sort on (plus the `tags` pseudo-field). */
export const LEAD_FIELDS: FieldMap = {
  name: { type: 'text', sortable: true },
  company_name: { type: 'text', sortable: true },
  title: { type: 'text', sortable: true },
  mobile: { type: 'text' },
  phone: { type: 'text' },
  email: { type: 'text' },
  source: { type: 'text', sortable: true },
  channel: { type: 'text', sortable: true },
  region: { type: 'text', sortable: true },
  industry: { type: 'text', sortable: true },
  status: { type: 'enum', values: LEAD_STATUSES, sortable: true },
  grade: { type: 'text', sortable: true },
  score: { type: 'number', sortable: true },
  owner_id: { type: 'id' },
  created_by: { type: 'id' },
  converted_customer_id: { type: 'id' },
  converted_at: { type: 'instant', sortable: true },
  last_contact_at: { type: 'instant', sortable: true },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff; the same set the API and conversion write. */
export const LEAD_AUDITED = [
  'name',
  'company_name',
  'title',
  'mobile',
  'phone',
  'email',
  'source',
  'channel',
  'region',
  'industry',
  'status',
  'grade',
  'score',
  'description',
  'owner_id',
  'custom',
  'converted_customer_id',
  'converted_contact_id',
  'converted_deal_id',
  'converted_at',
  'last_contact_at',
  'deleted_at',
] as const;

/** What may still change once a lead is converted: its history stays as it was. */
export const LEAD_EDITABLE_AFTER_CONVERSION: readonly string[] = ['description', 'custom'];

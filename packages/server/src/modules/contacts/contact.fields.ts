import type { FieldMap } from '../../db/list-query';

/** Fields of a contact that lists filter and sort on (plus the `tags` pseudo-field). */
export const CONTACT_FIELDS: FieldMap = {
  customer_id: { type: 'id' },
  name: { type: 'text', sortable: true },
  title: { type: 'text', sortable: true },
  mobile: { type: 'text' },
  phone: { type: 'text' },
  email: { type: 'text', sortable: true },
  wechat: { type: 'text' },
  is_primary: { type: 'boolean', sortable: true },
  created_by: { type: 'id' },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff; the same set the API writes. */
export const CONTACT_AUDITED = [
  'customer_id',
  'name',
  'title',
  'mobile',
  'phone',
  'email',
  'wechat',
  'is_primary',
  'notes',
  'custom',
  'deleted_at',
] as const;

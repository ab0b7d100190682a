import { ACTIVITY_KINDS } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields of a follow-up that lists filter and sort on. */
export const ACTIVITY_FIELDS: FieldMap = {
  kind: { type: 'enum', values: ACTIVITY_KINDS, sortable: true },
  content: { type: 'text' },
  customer_id: { type: 'id' },
  contact_id: { type: 'id' },
  deal_id: { type: 'id' },
  lead_id: { type: 'id' },
  author_id: { type: 'id' },
  occurred_at: { type: 'instant', sortable: true },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff. */
export const ACTIVITY_AUDITED = [
  'kind',
  'content',
  'customer_id',
  'contact_id',
  'deal_id',
  'lead_id',
  'occurred_at',
  'author_id',
  'deleted_at',
] as const;

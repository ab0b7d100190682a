import { DEAL_STATUSES } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields of a deal that lists and the board filter and sort on. */
export const DEAL_FIELDS: FieldMap = {
  name: { type: 'text', sortable: true },
  customer_id: { type: 'id' },
  contact_id: { type: 'id' },
  pipeline_id: { type: 'id' },
  stage_id: { type: 'id' },
  status: { type: 'enum', values: DEAL_STATUSES, sortable: true },
  amount: { type: 'number', sortable: true },
  currency: { type: 'text' },
  expected_close_date: { type: 'date', sortable: true },
  stage_entered_at: { type: 'instant', sortable: true },
  won_at: { type: 'instant', sortable: true },
  lost_at: { type: 'instant', sortable: true },
  lost_reason: { type: 'text' },
  description: { type: 'text' },
  owner_id: { type: 'id' },
  created_by: { type: 'id' },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff; stage_entered_at follows stage_id and would only add noise. */
export const DEAL_AUDITED = [
  'name',
  'customer_id',
  'contact_id',
  'pipeline_id',
  'stage_id',
  'status',
  'amount',
  'currency',
  'expected_close_date',
  'won_at',
  'lost_at',
  'lost_reason',
  'description',
  'owner_id',
  'custom',
  'deleted_at',
] as const;

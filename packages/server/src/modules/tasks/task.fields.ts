import { TASK_RELATED_TYPES, TASK_STATUSES } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields of a task that lists filter and sort on. */
export const TASK_FIELDS: FieldMap = {
  title: { type: 'text', sortable: true },
  description: { type: 'text' },
  assignee_id: { type: 'id' },
  created_by: { type: 'id' },
  status: { type: 'enum', values: TASK_STATUSES, sortable: true },
  due_at: { type: 'instant', sortable: true },
  start_at: { type: 'instant', sortable: true },
  completed_at: { type: 'instant', sortable: true },
  related_type: { type: 'enum', values: TASK_RELATED_TYPES },
  related_id: { type: 'id' },
  customer_id: { type: 'id' },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff. */
export const TASK_AUDITED = [
  'title',
  'description',
  'assignee_id',
  'due_at',
  'start_at',
  'status',
  'completed_at',
  'related_type',
  'related_id',
  'customer_id',
  'deleted_at',
] as const;

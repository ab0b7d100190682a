import { z } from 'zod';
import { USER_STATUSES, idSchema, listQuerySchema } from '@tideline/shared';
import type { FieldMap } from '../../db/list-query';

/** Fields every signed-in user may read, filter and sort on (owner pickers, @mentions). */
export const USER_PUBLIC_FIELDS: FieldMap = {
  name: { type: 'text', sortable: true },
  email: { type: 'text', sortable: true },
  phone: { type: 'text' },
  status: { type: 'enum', values: USER_STATUSES, sortable: true },
  department_id: { type: 'id' },
  role_id: { type: 'id' },
  manager_id: { type: 'id' },
};

/** What those who manage users may also filter and sort on. */
export const USER_ADMIN_FIELDS: FieldMap = {
  ...USER_PUBLIC_FIELDS,
  locale: { type: 'enum', values: ['zh-CN', 'en-US'] },
  last_login_at: { type: 'instant', sortable: true },
  locked_until: { type: 'instant', sortable: true },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
};

/** Fields compared for the audit diff. Never the password hash. */
export const USER_AUDITED = [
  'email',
  'name',
  'phone',
  'status',
  'role_id',
  'department_id',
  'manager_id',
  'locale',
] as const;

/** The list query plus shortcuts for the filters every user screen needs. */
export const userListQuerySchema = listQuerySchema.omit({ include_deleted: true }).extend({
  status: z.enum(USER_STATUSES).optional(),
  department_id: idSchema.optional(),
  role_id: idSchema.optional(),
  manager_id: idSchema.optional(),
});
export type UserListQuery = z.infer<typeof userListQuerySchema>;

import { z } from 'zod';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, DATA_SCOPES, USER_STATUSES } from './enums';
import { PERMISSIONS } from './permissions';
import { emailSchema, idSchema, nameSchema, phoneSchema } from './common';

export const passwordSchema = z.string().min(8, 'at least 8 characters').max(200);

export const loginSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1).max(200),
  workspace: z.string().max(80).optional(),
});

export const userCreateSchema = z.strictObject({
  email: emailSchema,
  name: nameSchema,
  phone: phoneSchema.nullish(),
  password: passwordSchema,
  role_id: idSchema,
  department_id: idSchema.nullish(),
  manager_id: idSchema.nullish(),
  status: z.enum(USER_STATUSES).default('active'),
  locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
});
// Defaults belong to create only: a patch that omits status must not re-enable a disabled user.
export const userUpdateSchema = userCreateSchema
  .omit({ password: true })
  .partial()
  .extend({
    password: passwordSchema.optional(),
    status: z.enum(USER_STATUSES).optional(),
    locale: z.enum(['zh-CN', 'en-US']).optional(),
  });
export const meUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  phone: phoneSchema.nullish(),
  locale: z.enum(['zh-CN', 'en-US']).optional(),
  password: passwordSchema.optional(),
  current_password: z.string().max(200).optional(),
});

export const departmentCreateSchema = z.strictObject({
  name: nameSchema,
  parent_id: idSchema.nullish(),
  manager_id: idSchema.nullish(),
});
export const departmentUpdateSchema = departmentCreateSchema.partial();

export const roleCreateSchema = z.strictObject({
  name: nameSchema,
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  data_scope: z.enum(DATA_SCOPES),
});
export const roleUpdateSchema = roleCreateSchema.partial();

export const tokenCreateSchema = z.strictObject({
  name: nameSchema,
  scopes: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
  expires_at: z.iso.datetime({ offset: true }).nullish(),
});

const optionSchema = z.strictObject({ value: z.string().min(1).max(100), label: z.string().min(1).max(100) });

export const customFieldCreateSchema = z.strictObject({
  entity: z.enum(CUSTOM_FIELD_ENTITIES),
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _, starting with a letter (at most 40)'),
  label: nameSchema,
  type: z.enum(CUSTOM_FIELD_TYPES),
  options: z.array(optionSchema).max(500).optional(),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const customFieldUpdateSchema = customFieldCreateSchema
  .omit({ entity: true, key: true, type: true })
  .partial()
  .extend({ required: z.boolean().optional(), position: z.number().int().min(0).max(10_000).optional() });

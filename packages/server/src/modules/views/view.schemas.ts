import { z } from 'zod';
import { filterListSchema } from '@tideline/shared';

/** Entities whose lists can have saved views. */
export const VIEW_ENTITIES = ['lead', 'customer', 'contact', 'deal'] as const;
export type ViewEntity = (typeof VIEW_ENTITIES)[number];

/** In a view's filter, this value stands for the user looking at the list ("my customers"). */
export const ME_TOKEN = '$me';

const fieldName = z
  .string()
  .max(80)
  .regex(/^[a-z_][a-z0-9_.]*$/, 'must be a field name');

export const viewCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  entity: z.enum(VIEW_ENTITIES),
  filter: filterListSchema.default([]),
  sort: z
    .string()
    .max(80)
    .regex(/^-?[a-z_][a-z0-9_.]*$/, 'sort is a field name, with a leading "-" for descending')
    .nullish(),
  columns: z.array(fieldName).max(60).default([]),
  shared: z.boolean().default(false),
});
export const viewUpdateSchema = viewCreateSchema
  .omit({ entity: true })
  .partial()
  .extend({
    filter: filterListSchema.optional(),
    columns: z.array(fieldName).max(60).optional(),
    shared: z.boolean().optional(),
  });
export const viewListQuerySchema = z.strictObject({ entity: z.enum(VIEW_ENTITIES) });

export type ViewCreate = z.infer<typeof viewCreateSchema>;
export type ViewUpdate = z.infer<typeof viewUpdateSchema>;

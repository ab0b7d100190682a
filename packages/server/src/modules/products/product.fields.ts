import type { FieldMap } from '../../db/list-query';

/** Fields of a product that lists filter and sort on. */
export const PRODUCT_FIELDS: FieldMap = {
  name: { type: 'text', sortable: true },
  sku: { type: 'text', sortable: true },
  unit: { type: 'text', sortable: true },
  price: { type: 'number', sortable: true },
  currency: { type: 'text', sortable: true },
  active: { type: 'boolean', sortable: true },
  created_at: { type: 'instant', sortable: true, required: true },
  updated_at: { type: 'instant', sortable: true, required: true },
  deleted_at: { type: 'instant', sortable: true },
};

/** Fields compared for the audit diff; the same set the API writes. */
export const PRODUCT_AUDITED = [
  'name',
  'sku',
  'unit',
  'price',
  'currency',
  'description',
  'active',
  'custom',
  'deleted_at',
] as const;

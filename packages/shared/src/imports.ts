import { z } from 'zod';
import { idSchema } from './common';

/**
 * Imports of customers, leads and contacts from CSV or XLSX (导入). See docs/data-quality.md#import
 * and docs/api.md#imports.
 */

export const IMPORT_ENTITIES = ['customer', 'lead', 'contact'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** create: new records only; update: update the record the key finds, create the rest; skip_duplicates: leave rows that match an existing record. */
export const IMPORT_MODES = ['create', 'update', 'skip_duplicates'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_ROW_STATUSES = ['created', 'updated', 'skipped', 'failed'] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

export const IMPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_ENCODINGS = ['utf-8', 'utf-8-bom', 'gb18030'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** Where new records' owner comes from: a column (user name or e-mail), one user, distribution rules, or a pool (customers only). */
export const IMPORT_OWNER_SOURCES = ['column', 'user', 'distribution', 'pool'] as const;
export type ImportOwnerSource = (typeof IMPORT_OWNER_SOURCES)[number];

/** The field key of the owner column (user name or e-mail) and of a contact's customer (its name). */
export const IMPORT_OWNER_FIELD = 'owner';
export const IMPORT_CUSTOMER_FIELD = 'customer_name';

export const importUploadQuerySchema = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES),
  filename: z.string().trim().min(1).max(255),
});

export const importStartSchema = z.strictObject({
  /** Header → field key, or null to leave the column out. */
  mapping: z.record(z.string().max(1000), z.string().max(90).nullable()),
  mode: z.enum(IMPORT_MODES).default('create'),
  /** The field that finds the record to update (mode update). */
  key: z.string().max(90).optional(),
  owner: z
    .strictObject({
      from: z.enum(IMPORT_OWNER_SOURCES),
      column: z.string().max(1000).optional(),
      user_id: idSchema.optional(),
      pool_id: idSchema.optional(),
    })
    .default({ from: 'user' }),
  /** Tag ids put on every created record. */
  tags: z.array(idSchema).max(50).optional(),
});
export type ImportStart = z.infer<typeof importStartSchema>;

export const importListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** A field a column may be mapped to; custom fields are `custom.<key>`. */
export interface ImportField {
  key: string;
  label_zh: string;
  label_en: string;
  required: boolean;
  type: string;
}

/** The answer to an upload: what the file looks like and a suggested mapping. */
export interface ImportUpload {
  id: string;
  entity: ImportEntity;
  filename: string;
  format: ImportFormat;
  encoding: ImportEncoding | null;
  status: 'uploaded';
  headers: string[];
  sample_rows: string[][];
  row_estimate: number | null;
  suggested_mapping: Record<string, string | null>;
  fields: ImportField[];
}

export interface ImportView {
  id: string;
  entity: ImportEntity;
  filename: string;
  format: ImportFormat;
  encoding: ImportEncoding | null;
  status: ImportStatus;
  mode: ImportMode | null;
  total_rows: number | null;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error?: string;
  started_at: string | null;
  finished_at: string | null;
  created_by: string | null;
  created_at: string;
}

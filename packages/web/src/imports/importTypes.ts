import type {
  IMPORT_OWNER_FIELD as SHARED_OWNER_FIELD,
  ImportMode,
  ImportOwnerSource,
  ImportStatus,
  ImportView,
} from '@tideline/shared';

/**
 * What the wizard reads and sends beyond @tideline/shared's import types. The start body is written
 * here as the wizard sends it (shared holds it as a zod schema, whose defaults make fields optional).
 */
export type { ImportEntity, ImportField, ImportStatus, ImportUpload } from '@tideline/shared';

/** The owner column's field key; typed from shared, written here so the wizard's chunk skips zod. */
export const IMPORT_OWNER_FIELD: typeof SHARED_OWNER_FIELD = 'owner';

/** One import as it runs and after. */
export type ImportJob = ImportView;

/** header → target field key, null = leave the column out. */
export type ColumnMapping = Record<string, string | null>;

export interface ImportOwner {
  from: ImportOwnerSource;
  column?: string;
  user_id?: string;
  pool_id?: string;
}

export interface ImportStartBody {
  mapping: ColumnMapping;
  mode: ImportMode;
  key?: string;
  owner?: ImportOwner;
  tags?: string[];
}

export const FINISHED: readonly ImportStatus[] = ['completed', 'failed', 'cancelled'];
export const isFinished = (status: ImportStatus | undefined) =>
  status !== undefined && FINISHED.includes(status);

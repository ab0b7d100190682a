import type { ColumnType } from 'kysely';

/** Row types of the import tables (migration 2026-11-23-0121-imports). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;

/**
 * One uploaded file and its import: what the file looked like at upload, the options it was started
 * with, and the counts so far. `processed_rows` is the checkpoint: it moves in the transaction of each
 * batch, so a job that resumes after a crash starts right after the last committed batch.
 */
export interface ImportTable {
  workspace_id: string;
  id: string;
  entity: string;
  filename: string;
  format: string;
  encoding: string | null;
  /** Where the upload lives under the data directory. */
  file_path: string;
  file_size: number;
  headers: Json;
  row_estimate: number | null;
  status: string;
  /** mapping, mode, key, owner, tags — as started. */
  options: Json | null;
  total_rows: number | null;
  processed_rows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  started_at: Instant | null;
  finished_at: Instant | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The outcome of one data row of an import (row_number counts data rows from 1, after the header). */
export interface ImportRowTable {
  workspace_id: string;
  import_id: string;
  row_number: number;
  status: string;
  message: string | null;
  record_id: string | null;
}

export interface ImportTables {
  imports: ImportTable;
  import_rows: ImportRowTable;
}

import { createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, ValidationError } from '../../core/errors';
import { headerNames, readRecords, sniffSource } from './import-source';
import type { SourceInfo } from './import-source';

/** Files wider than this are not a customer list: refused before anything starts. */
export const MAX_COLUMNS = 1000;
const SAMPLE_ROWS = 10;

export class ImportTooLargeError extends AppError {
  readonly status = 413;
}

/** Stream the body to a file, stopping at `maxBytes` (the file is removed and the answer is 413). */
export async function saveUpload(
  body: Readable,
  dir: string,
  name: string,
  maxBytes: number,
): Promise<{ path: string; size: number }> {
  await mkdir(dir, { recursive: true });
  const path = resolve(join(dir, name));
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes)
        done(
          new ImportTooLargeError(
            'file_too_large',
            `The file is larger than ${Math.round(maxBytes / 1048576)} MB`,
            [{ path: 'file', message: `at most ${maxBytes} bytes`, code: 'file_too_large' }],
          ),
        );
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    // Drain what the client still sends, so it reads the 413 instead of a reset connection.
    body.resume();
    throw error;
  }
  return { path, size };
}

export interface FilePreview {
  info: SourceInfo;
  headers: string[];
  sample: string[][];
  rowEstimate: number | null;
}

/**
 * Look at an uploaded file: format and encoding, the header row, the first rows, and for CSV an
 * estimate of the row count from the bytes per row of the sample. A file with no header, or more
 * columns than any customer list has, is refused here.
 */
export async function previewFile(path: string): Promise<FilePreview> {
  const info = await sniffSource(path);
  const records = readRecords(path, info);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  try {
    for await (const rec of records) {
      if ('error' in rec) {
        if (!headers)
          throw ValidationError.field('file', `The header row cannot be read: ${rec.error}`, 'bad_header');
        continue;
      }
      if (!headers) {
        if (rec.cells.length > MAX_COLUMNS)
          throw ValidationError.field(
            'file',
            `The file has ${rec.cells.length} columns; at most ${MAX_COLUMNS} can be imported`,
            'too_many_columns',
          );
        headers = headerNames(rec.cells);
        continue;
      }
      sample.push(headers.map((_h, i) => rec.cells[i] ?? ''));
      if (sample.length >= SAMPLE_ROWS) break;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw ValidationError.field(
      'file',
      `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      'unreadable',
    );
  } finally {
    await records.return(undefined);
  }
  if (!headers || headers.every((h) => h.startsWith('列')))
    throw ValidationError.field('file', 'The file has no header row', 'empty_file');
  const rowEstimate = info.format === 'csv' ? await estimateRows(path, sample.length) : null;
  return { info, headers, sample, rowEstimate };
}

/** Data rows of a CSV, estimated from the line breaks of its first megabyte (exact for smaller files). */
async function estimateRows(path: string, sampled: number): Promise<number> {
  if (sampled < SAMPLE_ROWS) return sampled;
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, 1024 * 1024));
  const { bytesRead } = await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  let lines = 0;
  for (let i = 0; i < bytesRead; i++) if (head[i] === 0x0a) lines += 1;
  if (bytesRead >= size) return Math.max(sampled, lines - (head[bytesRead - 1] === 0x0a ? 1 : 0));
  return Math.max(sampled, Math.round((lines * size) / bytesRead) - 1);
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ImportEncoding, ImportFormat } from '@tideline/shared';
import { ValidationError } from '../../core/errors';
import { cellText } from './import-cells';

/** How a file is read: its format, and for CSV the encoding and delimiter found in its first megabyte. */
export interface SourceInfo {
  format: ImportFormat;
  encoding: ImportEncoding | null;
  delimiter: string;
}

/** One record of the file: `row` is its row number as a spreadsheet shows it (the header is row 1). */
export type SourceRecord = { row: number; cells: string[] } | { row: number; error: string };

const SNIFF_BYTES = 1024 * 1024;
/** A record longer than this is broken (an unclosed quote swallowing the file), not data. */
const MAX_RECORD_BYTES = 1024 * 1024;

const refuse = (message: string, code: string) => ValidationError.field('file', message, code);

/** A strict UTF-8 check of a chunk; an incomplete character at the end is not an error. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The delimiter of the first line: the most frequent of comma, tab and semicolon outside quotes. */
function sniffDelimiter(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = line.replace(/"[^"]*"/g, '').split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * What the file is, from its first bytes: XLSX (a zip), or CSV in UTF-8 (with or without BOM) or
 * GB18030 — what Excel in China saves as "CSV" — when the start is not valid UTF-8. Old .xls, UTF-16
 * and binary files are refused with what to do instead.
 */
export async function sniffSource(path: string): Promise<SourceInfo> {
  const handle = await open(path, 'r');
  const head = Buffer.alloc(SNIFF_BYTES);
  const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0).finally(() => handle.close());
  const bytes = head.subarray(0, bytesRead);
  if (bytesRead === 0) throw refuse('The file is empty', 'empty_file');
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { format: 'xlsx', encoding: null, delimiter: ',' };
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])))
    throw refuse(
      'Excel 97–2003 (.xls) files are not supported: save the sheet as .xlsx or CSV',
      'unsupported_format',
    );
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw refuse(
      'UTF-16 text is not supported: save the file as CSV (UTF-8) or Excel (.xlsx)',
      'unsupported_encoding',
    );
  if (bytes.includes(0))
    throw refuse('This is not a CSV or XLSX file (it holds binary data)', 'unsupported_format');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const encoding: ImportEncoding = bom ? 'utf-8-bom' : isUtf8(bytes) ? 'utf-8' : 'gb18030';
  const text = encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  return { format: 'csv', encoding, delimiter: sniffDelimiter(text.replace(/^\uFEFF/, '')) };
}

/** Decodes UTF-8 strictly: a file that turns out not to be UTF-8 after its first megabyte fails clearly. */
function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        done(null, text);
      } catch {
        done(new Error(`The file is not valid UTF-8 after byte ${offset}: save it again as UTF-8 or GBK`));
      }
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(new Error('The file ends in the middle of a UTF-8 character'));
      }
    },
  });
}

async function* csvRecords(path: string, info: SourceInfo): AsyncGenerator<SourceRecord> {
  const bytes = createReadStream(path, { highWaterMark: 256 * 1024 });
  const text: Readable =
    info.encoding === 'gb18030'
      ? (bytes.pipe(iconv.decodeStream('gb18030')) as unknown as Readable)
      : bytes.pipe(strictUtf8());
  const skipped: { row: number; error: string }[] = [];
  let records = 0;
  const parser = text.pipe(
    parse({
      bom: true,
      delimiter: info.delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_BYTES,
      skip_records_with_error: true,
      on_skip: (err) => {
        records += 1;
        skipped.push({ row: records, error: err ? err.message : 'unreadable row' });
        return undefined;
      },
    }),
  );
  // Errors of the decoding stage end the parse with the same message.
  bytes.on('error', (e) => parser.destroy(e));
  text.on('error', (e) => parser.destroy(e));
  for await (const cells of parser as AsyncIterable<string[]>) {
    while (skipped.length) yield skipped.shift()!;
    records += 1;
    yield { row: records, cells };
  }
  while (skipped.length) yield skipped.shift()!;
}

async function* xlsxRecords(path: string): AsyncGenerator<SourceRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // The first worksheet only: a workbook's other sheets are notes, lists of values, pivots.
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      if (cells.every((c) => c === '')) continue;
      yield { row: row.number, cells };
    }
    return;
  }
}

/** Every record of the file, the header first, streamed: memory does not grow with the file. */
export function readRecords(path: string, info: SourceInfo): AsyncGenerator<SourceRecord> {
  return info.format === 'xlsx' ? xlsxRecords(path) : csvRecords(path, info);
}

/**
 * Header names as the mapping uses them: trimmed, an empty one named by its position, repeated ones
 * numbered — each column has a name of its own.
 */
export function headerNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((raw, i) => {
    const base = raw.trim() || `列${i + 1} Column ${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

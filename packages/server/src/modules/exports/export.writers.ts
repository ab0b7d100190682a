import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell } from './export.cells';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel reads a CSV as the system code page (GBK on Chinese Windows) unless it starts with a BOM. */
const BOM = '\uFEFF';

/** CSV text page by page: the header with the BOM first, then each page as it arrives (RFC 4180 CRLF). */
async function* csvChunks(header: string[], pages: AsyncIterable<Cell[][]>): AsyncGenerator<string> {
  yield BOM + stringify([header], { record_delimiter: 'windows' });
  for await (const rows of pages) {
    if (rows.length) yield stringify(rows, { record_delimiter: 'windows' });
  }
}

/** Resolves when the stream wants more, or has been closed (the client went away). */
function drained(stream: PassThrough): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

/**
 * An XLSX through exceljs's streaming writer: rows are committed as they come and shared strings are
 * off, so memory stays flat however many rows there are.
 */
function xlsxStream(header: string[], sheetName: string, pages: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const write = async () => {
    sheet.addRow(header).commit();
    const it = pages[Symbol.asyncIterator]();
    for (;;) {
      if (out.destroyed) {
        // The client went away: end the page reader so it records what was sent.
        await it.return?.();
        return;
      }
      const next = await it.next();
      if (next.done) break;
      for (const row of next.value) sheet.addRow(row).commit();
      await drained(out);
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The file as a stream in the format asked for. */
export function exportStream(
  format: ExportFormat,
  header: string[],
  sheetName: string,
  pages: AsyncIterable<Cell[][]>,
): Readable {
  if (format === 'xlsx') return xlsxStream(header, sheetName, pages);
  return Readable.from(csvChunks(header, pages));
}

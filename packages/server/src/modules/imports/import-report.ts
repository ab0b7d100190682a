import { PassThrough } from 'node:stream';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError } from '../../core/errors';
import { importRowsAfter } from './import.repository';
import { readRecords, sniffSource } from './import-source';
import { loadVisibleImport } from './import.service';

const STATUS_LABELS: Record<string, string> = {
  created: '新建 created',
  updated: '更新 updated',
  skipped: '跳过 skipped',
  failed: '失败 failed',
};

/**
 * The per-row report as an XLSX workbook, streamed: one sheet with the row number, the outcome, the
 * message naming the column, then the row's original cells read again from the uploaded file, so the
 * report holds nothing in memory but one page of outcomes. Cells are written as string cells, never
 * as formulas: `=1+1` in the file shows as that text, and no spreadsheet evaluates it.
 */
export async function importReport(
  deps: AppDeps,
  actor: Actor,
  id: string,
): Promise<{ filename: string; stream: Readable }> {
  requirePermission(actor, 'imports:run');
  const db = deps.database.db;
  const imp = await loadVisibleImport(db, actor, id);
  if (imp.status === 'uploaded' || imp.status === 'queued')
    throw new ConflictError('import_not_started', 'The import has not run yet: there is no report');
  const headers = deps.database.dialect.readJson<string[]>(imp.headers);
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet('导入结果 Import report');
  sheet.addRow(['行号 Row', '结果 Status', '说明 Message', ...headers]).commit();

  const write = async () => {
    const records = readRecords(imp.file_path, await sniffSource(imp.file_path));
    let page = await importRowsAfter(db, imp.workspace_id, imp.id, 0, 1000);
    let i = 0;
    // The next outcome at or after `row`, paging through the outcomes in row order; null when none is left.
    const outcomeFrom = async (row: number) => {
      for (;;) {
        if (i >= page.length) {
          if (page.length < 1000) return null;
          page = await importRowsAfter(db, imp.workspace_id, imp.id, page.at(-1)!.row_number, 1000);
          i = 0;
          if (!page.length) return null;
        }
        if (page[i]!.row_number >= row) return page[i]!;
        i += 1;
      }
    };
    try {
      for await (const rec of records) {
        const outcome = await outcomeFrom(rec.row);
        if (!outcome) break;
        if (outcome.row_number !== rec.row) continue;
        i += 1;
        const cells = 'cells' in rec ? rec.cells : [];
        sheet
          .addRow([
            outcome.row_number,
            STATUS_LABELS[outcome.status] ?? outcome.status,
            outcome.message ?? '',
            ...cells,
          ])
          .commit();
      }
    } finally {
      await records.return(undefined);
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  const base = imp.filename.replace(/\.[^.]+$/, '');
  return { filename: `${base}-导入结果.xlsx`, stream: out };
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { downloadReport, importFile, upload } from './imports-fixtures';

/*
 * XLSX imports: a workbook written by LibreOffice Calc (Debian's libreoffice-calc, converted headless
 * here) with Chinese headers, a formula and a date; and one written by exceljs with formula cells
 * whose text looks dangerous. Formulas are never evaluated: the saved result is imported.
 */
const SOFFICE = '/usr/bin/soffice';
const HAS_SOFFICE = existsSync(SOFFICE);
const LIBREOFFICE_TEST =
  'imports a workbook LibreOffice Calc wrote, with Chinese headers, a formula result and a date';
const dir = mkdtempSync(join(tmpdir(), 'tl-import-xlsx-'));
let libreOffice: Buffer | null = null;

beforeAll(() => {
  if (!HAS_SOFFICE) return;
  const csv = join(dir, '客户清单.csv');
  writeFileSync(
    csv,
    [
      '客户名称,手机,备注,成立日期',
      '汕头潮汕贸易有限公司,13900006001,=2*21,2020-05-01',
      '揭阳玉器有限公司,13900006002,老客户,2019-12-31',
    ].join('\n'),
  );
  // 76 = UTF-8: without it LibreOffice reads the CSV in the system's charset.
  execFileSync(
    SOFFICE,
    ['--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, csv],
    {
      timeout: 120_000,
      stdio: 'ignore',
      env: { ...process.env, HOME: dir },
    },
  );
  libreOffice = readFileSync(join(dir, '客户清单.xlsx'));
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDialect('XLSX imports', (env) => {
  it.skipIf(!HAS_SOFFICE)(
    HAS_SOFFICE
      ? LIBREOFFICE_TEST
      : `${LIBREOFFICE_TEST} — SKIPPED: ${SOFFICE} is not installed (apt-get install libreoffice-calc-nogui)`,
    async () => {
      const e = env();
      const field = await e.as(e.admin).post('/custom-fields', {
        entity: 'customer',
        key: 'founded',
        label: '成立日期',
        type: 'date',
      });
      expect(field.status).toBe(201);
      const up = await upload(e, e.admin, 'customer', '客户清单.xlsx', libreOffice!);
      expect(up.status).toBe(201);
      expect(up.body).toMatchObject({
        format: 'xlsx',
        encoding: null,
        headers: ['客户名称', '手机', '备注', '成立日期'],
        sample_rows: [
          ['汕头潮汕贸易有限公司', '13900006001', '42', '2020-05-01'],
          ['揭阳玉器有限公司', '13900006002', '老客户', '2019-12-31'],
        ],
        suggested_mapping: {
          客户名称: 'name',
          手机: 'phone',
          备注: 'description',
          成立日期: 'custom.founded',
        },
      });
      const { id, view } = await importFile(e, e.admin, 'customer', '客户清单.xlsx', libreOffice!);
      // When a row fails, say which and why: the report is what a user would read.
      const why = view.failed ? JSON.stringify(await downloadReport(e, e.admin, id)) : '';
      expect(view, why).toMatchObject({ status: 'completed', created: 2, failed: 0 });
      const rows = await e.database.db
        .selectFrom('customers')
        .select(['name', 'phone', 'description', 'custom'])
        .where('name', 'in', ['汕头潮汕贸易有限公司', '揭阳玉器有限公司'])
        .orderBy('phone')
        .execute();
      expect(
        rows.map((r) => [r.name, r.phone, r.description, e.database.dialect.readJson(r.custom)]),
      ).toEqual([
        ['汕头潮汕贸易有限公司', '13900006001', '42', { founded: '2020-05-01' }],
        ['揭阳玉器有限公司', '13900006002', '老客户', { founded: '2019-12-31' }],
      ]);
    },
  );

  it('imports formula cells as their saved result, never the formula, and reports the original cells', async () => {
    const e = env();
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('客户');
    sheet.addRow(['客户名称', '电话', '备注']);
    sheet.addRow([
      '潮州公式测试有限公司',
      '13900006101',
      { formula: 'HYPERLINK("http://evil.example","点我")', result: '点我' },
    ]);
    sheet.addRow([
      { formula: 'CONCAT("潮州","二号公司")', result: '潮州二号公司' },
      '13900006102',
      { formula: '1+1' },
    ]);
    sheet.addRow(['@SUM(1)', '+8613900006103', '-2']);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const { id, view } = await importFile(e, e.admin, 'customer', 'formulas.xlsx', file);
    expect(view).toMatchObject({ status: 'completed', created: 3, failed: 0 });
    const rows = await e.database.db
      .selectFrom('customers')
      .select(['name', 'description'])
      .where('phone', 'in', ['13900006101', '13900006102', '+8613900006103'])
      .orderBy('phone')
      .execute();
    expect(rows).toEqual([
      { name: '@SUM(1)', description: '-2' },
      { name: '潮州公式测试有限公司', description: '点我' },
      // A formula saved without a result imports as nothing.
      { name: '潮州二号公司', description: null },
    ]);
    const report = await downloadReport(e, e.admin, id);
    expect(report.slice(1).map((r) => r.slice(3))).toEqual([
      ['潮州公式测试有限公司', '13900006101', '点我'],
      ['潮州二号公司', '13900006102'],
      ['@SUM(1)', '+8613900006103', '-2'],
    ]);
  });
});

import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { automationDepsFor, buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { TestEnv, TestUser } from './harness';

/* Helpers of the import suites: upload raw bytes, run an import to its end, read the report back. */

/** POST the file as the web wizard does: the raw bytes, entity and file name in the query. */
export async function upload(
  e: TestEnv,
  user: TestUser,
  entity: string,
  filename: string,
  body: Buffer,
  opts: { maxBytes?: number } = {},
) {
  let app = e.app;
  if (opts.maxBytes) {
    const config = { ...loadConfig({}), logLevel: 'silent', importMaxBytes: opts.maxBytes };
    app = await buildApp({ deps: e.deps, config, automation: automationDepsFor(e.deps, config) });
  }
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/imports?entity=${entity}&filename=${encodeURIComponent(filename)}`,
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/octet-stream' },
    payload: body,
  });
  if (app !== e.app) await app.close();
  return { status: res.statusCode, body: JSON.parse(res.body) as any };
}

/** Upload, start with the suggested mapping (and these options), let the worker run it, return the import. */
export async function importFile(
  e: TestEnv,
  user: TestUser,
  entity: string,
  filename: string,
  body: Buffer,
  options: Record<string, unknown> = {},
) {
  const up = await upload(e, user, entity, filename, body);
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const start = await e
    .as(user)
    .post(`/imports/${up.body.id}/start`, { mapping: up.body.suggested_mapping, ...options });
  expect(start.status, JSON.stringify(start.body)).toBe(202);
  await e.worker.drain();
  const view = await e.as(user).get(`/imports/${up.body.id}`);
  return { id: up.body.id as string, upload: up.body, view: view.body };
}

/** The report workbook's first sheet as rows of text. */
export async function downloadReport(e: TestEnv, user: TestUser, id: string): Promise<string[][]> {
  const res = await e.app.inject({
    method: 'GET',
    url: `/api/v1/imports/${id}/report.xlsx`,
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from(values.slice(1), (v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

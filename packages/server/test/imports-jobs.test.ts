import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';
import { downloadReport, importFile, upload } from './imports-fixtures';
import { runImport } from '../src/modules/imports/import-runner';
import { WRITERS } from '../src/modules/imports/import-writers';

/*
 * Imports as background jobs: batches that commit whole or not at all, hand-over to continuation jobs
 * that resume at the checkpoint (as after a crash), cancel, and who sees which imports.
 */
describeEachDialect('import jobs', (env) => {
  let manager: TestUser;

  beforeAll(async () => {
    const dept = await env().makeDepartment('西南销售部');
    manager = await env().makeUser('manager', { departmentId: dept, name: '钱经理' });
  });
  afterEach(() => vi.restoreAllMocks());

  const csvOf = (rows: string[][]) =>
    Buffer.from(['客户名称,手机', ...rows.map((r) => r.join(','))].join('\n'));
  const started = async (e: TestEnv, rows: string[][], user: TestUser = e.admin) => {
    const up = await upload(e, user, 'customer', 'job.csv', csvOf(rows));
    const res = await e.as(user).post(`/imports/${up.body.id}/start`, { mapping: up.body.suggested_mapping });
    expect(res.status).toBe(202);
    return up.body.id as string;
  };
  const names = async (e: TestEnv, prefix: string) =>
    (
      await e.database.db
        .selectFrom('customers')
        .select('name')
        .where('name', 'like', `${prefix}%`)
        .orderBy('name')
        .execute()
    ).map((r) => r.name);

  it('hands over to a continuation job that resumes after the last committed batch, still finding duplicates of earlier rows', async () => {
    const e = env();
    const rows = Array.from({ length: 25 }, (_v, i) => [
      `续传${String(i).padStart(2, '0')}公司`,
      `1390000${7000 + i}`,
    ]);
    rows[20] = ['续传重复公司', '13900007003'];
    const id = await started(e, rows);
    // One batch of ten rows, then hand over (as a worker does when its time slice is used up).
    const first = await runImport(e.deps, e.ws.workspaceId, id, {
      batchRows: 10,
      sliceMs: 0,
      queue: e.automation.queue,
    });
    expect(first).toBe('more');
    expect((await e.as(e.admin).get(`/imports/${id}`)).body).toMatchObject({
      status: 'running',
      processed_rows: 10,
      created: 10,
    });
    const jobs = await e.database.db
      .selectFrom('jobs')
      .select('dedupe_key')
      .where('kind', '=', 'import.run')
      .execute();
    expect(jobs.map((j) => j.dedupe_key).sort()).toEqual([`import:${id}:0`, `import:${id}:10`]);
    await e.worker.drain();
    const view = (await e.as(e.admin).get(`/imports/${id}`)).body;
    expect(view).toMatchObject({
      status: 'completed',
      total_rows: 25,
      processed_rows: 25,
      created: 24,
      failed: 1,
    });
    expect((await names(e, '续传')).length).toBe(24);
    const report = await downloadReport(e, e.admin, id);
    expect(report.find((r) => r[0] === '22')?.[2]).toBe('Same 「手机」 as row 5 of this file');
  });

  it('rolls a failing batch back whole and reports its rows; other batches commit', async () => {
    const e = env();
    const create = WRITERS.lead.create;
    vi.spyOn(WRITERS.lead, 'create').mockImplementation(async (deps, actor, input, trx) => {
      if (input.name === '坏行') throw new Error('disk I/O error');
      return create(deps, actor, input, trx);
    });
    const file = Buffer.from(
      '姓名,公司名称,手机\n回滚甲,回滚甲公司,13900008001\n坏行,回滚坏行公司,13900008002\n回滚乙,回滚乙公司,13900008003\n',
    );
    const up = await upload(e, e.admin, 'lead', 'leads.csv', file);
    await e.as(e.admin).post(`/imports/${up.body.id}/start`, { mapping: up.body.suggested_mapping });
    const id = up.body.id as string;
    await runImport(e.deps, e.ws.workspaceId, id, { batchRows: 2 });
    const view = (await e.as(e.admin).get(`/imports/${id}`)).body;
    expect(view).toMatchObject({ status: 'completed', created: 1, failed: 2 });
    const leads = await e.database.db
      .selectFrom('leads')
      .select('name')
      .where('company_name', 'like', '回滚%')
      .execute();
    expect(leads.map((l) => l.name)).toEqual(['回滚乙']);
    // Nothing of the rolled-back batch is left: no audit entry of a record that does not exist.
    const orphans = await e.database.db
      .selectFrom('audit_log as a')
      .leftJoin('leads as l', 'l.id', 'a.record_id')
      .select('a.id')
      .where('a.entity', '=', 'lead')
      .where('l.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const report = await downloadReport(e, e.admin, id);
    expect(report.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['2', '失败 failed', 'Not imported: the batch of rows 2–3 failed and was rolled back (disk I/O error)'],
      ['3', '失败 failed', 'Not imported: the batch of rows 2–3 failed and was rolled back (disk I/O error)'],
      ['4', '新建 created', ''],
    ]);
    vi.restoreAllMocks();
    const retry = await importFile(
      e,
      e.admin,
      'lead',
      'retry.csv',
      Buffer.from('姓名,公司名称,手机\n回滚甲,回滚甲公司,13900008001\n'),
    );
    expect(retry.view).toMatchObject({ created: 1, failed: 0 });
  });

  it('cancels: queued imports never start, running ones stop at the next batch', async () => {
    const e = env();
    const queued = await started(e, [['取消甲公司', '13900009001']]);
    expect((await e.as(e.admin).post(`/imports/${queued}/cancel`)).body.status).toBe('cancelled');
    await e.worker.drain();
    expect(await names(e, '取消甲')).toEqual([]);

    const running = await started(e, [
      ['取消乙公司', '13900009002'],
      ['取消丙公司', '13900009003'],
      ['取消丁公司', '13900009004'],
    ]);
    expect(
      await runImport(e.deps, e.ws.workspaceId, running, {
        batchRows: 1,
        sliceMs: 0,
        queue: e.automation.queue,
      }),
    ).toBe('more');
    await e.as(e.admin).post(`/imports/${running}/cancel`);
    await e.worker.drain();
    const view = (await e.as(e.admin).get(`/imports/${running}`)).body;
    expect(view).toMatchObject({ status: 'cancelled', created: 1, processed_rows: 1 });
    expect(await names(e, '取消')).toEqual(['取消乙公司']);
    expect((await e.as(e.admin).post(`/imports/${running}/cancel`)).status).toBe(409);
  });

  it('lists imports newest first; a manager sees only their own', async () => {
    const e = env();
    const mine = await started(e, [['列表经理公司', '13900009101']], manager);
    const list = await e.as(manager).get('/imports');
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([mine]);
    const all = await e.as(e.admin).get('/imports');
    expect(all.body.items[0].id).toBe(mine);
    expect(all.body.items.length).toBeGreaterThan(1);
    const other = all.body.items[1].id as string;
    expect((await e.as(manager).get(`/imports/${other}`)).status).toBe(404);
  });
});

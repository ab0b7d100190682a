import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';
import { createPool } from './pool-fixtures';
import { downloadReport, importFile, upload } from './imports-fixtures';

/*
 * Imports (issue 6, item 5): upload → mapping → background job → report, on both dialects, for
 * customers, leads and contacts; GBK detection; every kind of bad input gets a clear answer and
 * nothing half-imported.
 */
describeEachDialect('imports', (env) => {
  let manager: TestUser;
  let rep: TestUser;
  const admin = () => env().admin;

  beforeAll(async () => {
    const dept = await env().makeDepartment('华南销售部');
    manager = await env().makeUser('manager', { departmentId: dept, name: '王经理' });
    rep = await env().makeUser('rep', { departmentId: dept, name: '赵六' });
  });

  const customers = (e: TestEnv, names: string[]) =>
    e.database.db.selectFrom('customers').selectAll().where('name', 'in', names).orderBy('name').execute();

  it('detects a GBK CSV as Excel in China saves it, suggests the mapping from Chinese headers and imports it', async () => {
    const e = env();
    const csv = [
      '客户名称,手机,邮箱,行业,负责人,备注',
      '广州海潮贸易有限公司,13900001001,hai@chao.cn,贸易,王经理,老客户介绍',
      '深圳蓝鲸科技有限公司,13900001002,,软件,,=1+1',
    ].join('\r\n');
    const up = await upload(e, admin(), 'customer', '客户.csv', iconv.encode(csv, 'gbk'));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      entity: 'customer',
      format: 'csv',
      encoding: 'gb18030',
      status: 'uploaded',
      headers: ['客户名称', '手机', '邮箱', '行业', '负责人', '备注'],
      row_estimate: 2,
      suggested_mapping: {
        客户名称: 'name',
        手机: 'phone',
        邮箱: 'email',
        行业: 'industry',
        负责人: 'owner',
        备注: 'description',
      },
    });
    expect(up.body.sample_rows[1]).toEqual(['深圳蓝鲸科技有限公司', '13900001002', '', '软件', '', '=1+1']);
    expect(up.body.fields.find((f: any) => f.key === 'name')).toEqual({
      key: 'name',
      label_zh: '客户名称',
      label_en: 'Customer name',
      required: true,
      type: 'text',
    });

    const start = await e.as(admin()).post(`/imports/${up.body.id}/start`, {
      mapping: up.body.suggested_mapping,
      mode: 'create',
      owner: { from: 'column', column: '负责人' },
    });
    expect(start.status).toBe(202);
    expect(start.body.status).toBe('queued');
    await e.worker.drain();

    const done = await e.as(admin()).get(`/imports/${up.body.id}`);
    expect(done.body).toMatchObject({
      status: 'completed',
      total_rows: 2,
      processed_rows: 2,
      created: 2,
      updated: 0,
      skipped: 0,
      failed: 0,
      created_by: admin().id,
    });
    const rows = await customers(e, ['广州海潮贸易有限公司', '深圳蓝鲸科技有限公司']);
    expect(rows.map((r) => [r.name, r.phone, r.owner_id, r.description])).toEqual([
      ['广州海潮贸易有限公司', '13900001001', manager.id, '老客户介绍'],
      // An empty owner cell: the importer. A formula typed into a CSV is just text.
      ['深圳蓝鲸科技有限公司', '13900001002', admin().id, '=1+1'],
    ]);
    const audit = await e.database.db
      .selectFrom('audit_log')
      .select(['source', 'action'])
      .where('record_id', '=', rows[0]!.id)
      .execute();
    expect(audit).toEqual([{ source: 'import', action: 'created' }]);
    const events = await e.database.db
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', rows[0]!.id)
      .execute();
    expect(events.map((x) => x.type)).toContain('customer.created');
    // Its duplicate keys are kept: the same phone typed in a form is refused.
    const again = await e.as(admin()).post('/customers', { name: '另一家公司', phone: '139 0000 1001' });
    expect(again.status).toBe(409);
    // Found by the search index like any customer.
    const found = await e.as(admin()).get(`/customers?q=${encodeURIComponent('海潮')}`);
    expect(found.body.items.map((c: any) => c.name)).toEqual(['广州海潮贸易有限公司']);
  });

  it('reports invalid rows, duplicates in the file and in the database per row, and writes only the good ones', async () => {
    const e = env();
    await e.as(admin()).post('/customers', { name: '佛山既有客户有限公司', phone: '13900002000' });
    const csv = [
      '\uFEFF客户名称,电话,邮箱',
      '东莞新客户一有限公司,13900002001,a@one.cn',
      ',13900002002,',
      '东莞新客户三有限公司,13900002003,not-an-email',
      '东莞新客户四有限公司,13900002001,',
      '佛山既有客户,13900002999,',
      '东莞新客户六有限公司,13900002000,',
      '东莞新客户七有限公司,13900002007,,多余',
    ].join('\n');
    const { id, view } = await importFile(e, admin(), 'customer', 'bom.csv', Buffer.from(csv, 'utf8'));
    expect(view).toMatchObject({ status: 'completed', created: 1, failed: 6, skipped: 0, processed_rows: 7 });
    const report = await downloadReport(e, admin(), id);
    expect(report[0]).toEqual(['行号 Row', '结果 Status', '说明 Message', '客户名称', '电话', '邮箱']);
    const byRow = Object.fromEntries(report.slice(1).map((r) => [r[0], [r[1], r[2]]]));
    expect(byRow[2]).toEqual(['新建 created', '']);
    expect(byRow[3]![1]).toMatch(/「客户名称」/);
    expect(byRow[4]![1]).toMatch(/「邮箱」/);
    expect(byRow[5]![1]).toBe('Same 「电话」 as row 2 of this file');
    expect(byRow[6]![1]).toMatch(/customer with this 「客户名称」 already exists/);
    expect(byRow[7]![1]).toMatch(/customer with this 「电话」 already exists/);
    expect(byRow[8]![1]).toMatch(/4 cells but the header has 3 columns/);
    expect(report[1]!.slice(3)).toEqual(['东莞新客户一有限公司', '13900002001', 'a@one.cn']);
    expect((await customers(e, ['东莞新客户四有限公司', '东莞新客户六有限公司'])).length).toBe(0);
  });

  it('skips duplicates, or updates the record the key finds and creates the rest', async () => {
    const e = env();
    const first = await importFile(
      e,
      admin(),
      'customer',
      'a.csv',
      Buffer.from('客户名称,手机,行业\n中山甲公司,13900003001,制造\n中山乙公司,13900003002,制造\n'),
    );
    expect(first.view).toMatchObject({ created: 2 });
    const again = Buffer.from(
      '客户名称,手机,行业\n中山甲公司,13900003001,物流\n中山丙公司,13900003003,物流\n',
    );
    const skip = await importFile(e, admin(), 'customer', 'b.csv', again, { mode: 'skip_duplicates' });
    expect(skip.view).toMatchObject({ status: 'completed', created: 1, skipped: 1, failed: 0 });

    const update = await importFile(
      e,
      admin(),
      'customer',
      'c.csv',
      Buffer.from('客户名称,手机,行业\n中山甲公司,+86 139 0000 3001,物流\n中山丁公司,13900003004,物流\n'),
      { mode: 'update', key: 'phone' },
    );
    expect(update.view).toMatchObject({ status: 'completed', created: 1, updated: 1, failed: 0 });
    const rows = await customers(e, ['中山甲公司', '中山丁公司']);
    expect(rows.map((r) => [r.name, r.industry, r.status])).toEqual([
      ['中山丁公司', '物流', 'potential'],
      ['中山甲公司', '物流', 'potential'],
    ]);
  });

  it('warns of similar names inside one batch and against the database, as the form would', async () => {
    const e = env();
    await e.as(admin()).post('/customers', { name: '杭州云图网络科技有限公司', phone: '13900002500' });
    const csv =
      '客户名称,电话\n杭州云图网络科技股份有限公司,13900002501\n宁波星河物流有限公司,13900002502\n星河物流（宁波）有限责任公司,13900002503\n星河物流有限公司,13900002504\n';
    const { id, view } = await importFile(e, admin(), 'customer', 'alike.csv', Buffer.from(csv));
    expect(view).toMatchObject({ status: 'completed', created: 2, failed: 2 });
    const report = await downloadReport(e, admin(), id);
    const byRow = Object.fromEntries(report.slice(1).map((r) => [r[0], [r[1], r[2]]]));
    // Same core as a customer: the blocking name rule, whether the other is in the database or earlier in the file.
    expect(byRow[2]![0]).toBe('失败 failed');
    expect(byRow[4]).toEqual(['失败 failed', 'Same 「客户名称」 as row 3 of this file']);
    expect(byRow[3]).toEqual(['新建 created', '']);
    // A similar name (the warning rule) is created with the warning in the report.
    expect(byRow[5]![0]).toBe('新建 created');
    expect(byRow[5]![1]).toMatch(/^Possible duplicate of 「宁波星河物流有限公司」/);
  });

  it('imports leads and contacts through their own services', async () => {
    const e = env();
    const leads = await importFile(
      e,
      admin(),
      'lead',
      'leads.csv',
      Buffer.from('姓名,公司名称,手机,评分\n陈一,江门线索甲公司,13900004001,80\n林二,,13900004002,abc\n'),
      { owner: { from: 'user', user_id: rep.id } },
    );
    expect(leads.view).toMatchObject({ created: 1, failed: 1 });
    const lead = await e.database.db
      .selectFrom('leads')
      .selectAll()
      .where('name', '=', '陈一')
      .executeTakeFirstOrThrow();
    expect([lead.company_name, lead.score, lead.owner_id]).toEqual(['江门线索甲公司', 80, rep.id]);

    await e.as(admin()).post('/customers', { name: '珠海联系人客户有限公司' });
    const contacts = await importFile(
      e,
      admin(),
      'contact',
      'contacts.csv',
      Buffer.from(
        '联系人姓名,所属客户,手机\n周三,珠海联系人客户,13900004101\n吴四,不存在的公司,13900004102\n',
      ),
    );
    expect(contacts.view).toMatchObject({ created: 1, failed: 1 });
    const report = await downloadReport(e, admin(), contacts.id);
    expect(report[2]![2]).toBe('「所属客户」: no customer named 不存在的公司');
  });

  it('leaves the owner to the distribution rules when asked, through the services', async () => {
    const e = env();
    const { view } = await importFile(
      e,
      admin(),
      'lead',
      'dist.csv',
      Buffer.from('姓名,手机\n分配甲,13900004201\n'),
      {
        owner: { from: 'distribution' },
      },
    );
    expect(view).toMatchObject({ status: 'completed', created: 1, failed: 0 });
    const customers = await importFile(
      e,
      admin(),
      'customer',
      'dist-c.csv',
      Buffer.from('客户名称\n分配乙有限公司\n'),
      {
        owner: { from: 'distribution' },
      },
    );
    expect(customers.view).toMatchObject({ status: 'completed', created: 1, failed: 0 });
  });

  it('puts customers into a pool without owner, and tags them', async () => {
    const e = env();
    const pool = await createPool(e, {
      name: '导入公海',
      scope: 'source',
      source: '展会',
      members: [{ type: 'user', id: rep.id }],
      hidden_fields: [],
    });
    const tag = await e.as(admin()).post('/tags', { name: '展会名单', color: '#1677ff' });
    const { view } = await importFile(
      e,
      admin(),
      'customer',
      'pool.csv',
      Buffer.from('客户名称\n惠州公海甲公司\n'),
      {
        owner: { from: 'pool', pool_id: pool.id },
        tags: [tag.body.id],
      },
    );
    expect(view).toMatchObject({ created: 1 });
    const row = (await e.database.db
      .selectFrom('customers')
      .selectAll()
      .where('name', '=', '惠州公海甲公司')
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    expect([row.owner_id, row.pool_id]).toEqual([null, pool.id]);
    const list = await e.as(rep).get(`/pools/${pool.id}/customers`);
    expect(list.body.items.map((c: any) => c.name)).toContain('惠州公海甲公司');
    const tagged = await e.as(admin()).get(`/customers/${String(row.id)}`);
    expect(tagged.body.tags.map((t: any) => t.name)).toEqual(['展会名单']);
  });

  describe('refusals before anything starts', () => {
    it('names each bad part of a start request', async () => {
      const e = env();
      const up = await upload(e, admin(), 'customer', 'x.csv', Buffer.from('公司,手机\n甲,13900005001\n'));
      const id = up.body.id;
      const cases: [Record<string, unknown>, string[]][] = [
        [{ mapping: { 公司: null, 手机: 'phone' } }, ['mapping']],
        [{ mapping: { 公司: 'name', 手机: 'fax' } }, ['mapping.手机']],
        [{ mapping: { 公司: 'name', 手机: 'phone', 传真: 'phone' } }, ['mapping.传真']],
        [{ mapping: { 公司: 'name', 手机: 'phone' }, mode: 'update' }, ['key']],
        [{ mapping: { 公司: 'name', 手机: 'phone' }, mode: 'update', key: 'industry' }, ['key']],
        [{ mapping: { 公司: 'name' }, owner: { from: 'pool' } }, ['owner.pool_id']],
        [{ mapping: { 公司: 'name' }, owner: { from: 'column' } }, ['owner.column']],
      ];
      for (const [body, paths] of cases) {
        const res = await e.as(admin()).post(`/imports/${id}/start`, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.errors.map((x: any) => x.path)).toEqual(paths);
      }
      const lead = await upload(e, admin(), 'lead', 'l.csv', Buffer.from('姓名\n甲\n'));
      const pool = await e.as(admin()).post(`/imports/${lead.body.id}/start`, {
        mapping: { 姓名: 'name' },
        owner: { from: 'pool', pool_id: '00000000-0000-7000-8000-000000000000' },
      });
      expect(pool.body.errors.map((x: any) => x.path)).toEqual(['owner.from']);
      expect((await e.as(admin()).get(`/imports/${id}`)).body.status).toBe('uploaded');
    });

    it('refuses files it cannot read, with what to do instead', async () => {
      const e = env();
      const wide = `${Array.from({ length: 10_000 }, (_v, i) => `列${i}`).join(',')}\n${'x,'.repeat(9999)}x\n`;
      const cases: [Buffer, string][] = [
        [Buffer.from(wide), 'too_many_columns'],
        [
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('客户名称\n', 'utf16le')]),
          'unsupported_encoding',
        ],
        [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'unsupported_format'],
        [Buffer.alloc(0), 'empty_file'],
      ];
      for (const [body, code] of cases) {
        const res = await upload(e, admin(), 'customer', 'bad.csv', body);
        expect(res.status, code).toBe(400);
        expect(res.body.errors[0]).toMatchObject({ path: 'file', code });
      }
      const listed = await e.as(admin()).get('/imports');
      expect(listed.body.items.some((i: any) => i.filename === 'bad.csv')).toBe(false);
    });

    it('answers 413 beyond the upload limit and 403 without imports:run', async () => {
      const e = env();
      const big = await upload(e, admin(), 'customer', 'big.csv', Buffer.alloc(2048, 'a'), {
        maxBytes: 1024,
      });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('file_too_large');
      const denied = await upload(e, rep, 'customer', 'r.csv', Buffer.from('客户名称\n甲\n'));
      expect(denied.status).toBe(403);
      const mine = await e.as(manager).get('/imports');
      expect(mine.status).toBe(200);
    });
  });
});

describe('header suggestions', () => {
  it('reads Chinese and English headers with marks and widths', async () => {
    const { IMPORT_FIELDS, suggestMapping } = await import('../src/modules/imports/import.fields');
    expect(
      suggestMapping(
        ['客户名称*', 'Ｅｍａｉｌ', 'Mobile', '联系电话', '所属行业', '未知列'],
        IMPORT_FIELDS.customer,
      ),
    ).toEqual({
      '客户名称*': 'name',
      Ｅｍａｉｌ: 'email',
      Mobile: 'phone',
      联系电话: null,
      所属行业: 'industry',
      未知列: null,
    });
  });
});

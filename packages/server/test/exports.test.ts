import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';

/** A raw GET: exports answer files, not JSON. */
async function download(env: TestEnv, user: TestUser, url: string) {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${user.token}` },
  });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
}

/** CSV lines without the BOM, split naively (the fixtures hold no commas inside cells except quoted ones checked by hand). */
const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

const filter = (conditions: unknown[]) => encodeURIComponent(JSON.stringify(conditions));

describeEachDialect('exports', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let exporterRep: TestUser;

  it('sets up two reps’ customers and a custom field', async () => {
    const admin = env().as(env().admin);
    rep = await env().makeUser('rep', { name: '张三' });
    rep2 = await env().makeUser('rep', { name: '李四' });
    expect(
      (
        await admin.post('/custom-fields', {
          entity: 'customer',
          key: 'budget',
          label: '预算',
          type: 'number',
        })
      ).status,
    ).toBe(201);
    for (const [user, body] of [
      [rep, { name: '北京华信科技', industry: '制造业', custom: { budget: 120 } }],
      [rep, { name: '=HYPERLINK("http://evil")', industry: '制造业' }],
      [rep, { name: '上海远景贸易', industry: '贸易', address: '@SUM(A1)' }],
      [rep2, { name: '深圳前海数据', industry: '制造业', address: '+86 深圳' }],
      [rep2, { name: '杭州西湖软件', industry: '软件', address: '-1+1' }],
    ] as const) {
      expect((await env().as(user).post('/customers', body)).status).toBe(201);
    }
  });

  it('exports the filtered list as CSV with a BOM, Chinese headers, owner names and escaped formulas', async () => {
    const url = `/customers/export?format=csv&sort=name&filter=${filter([
      { field: 'industry', op: 'eq', value: '制造业' },
    ])}&columns=name,owner_id,industry,custom.budget`;
    const res = await download(env(), env().admin, url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="customers-\d{8}-\d{4}\.csv"/);
    expect([...res.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(res.text);
    expect(lines[0]).toBe('客户名称,负责人,行业,预算');
    expect(lines.slice(1).sort()).toEqual(
      [
        `"'=HYPERLINK(""http://evil"")",张三,制造业,`,
        '北京华信科技,张三,制造业,120',
        '深圳前海数据,李四,制造业,',
      ].sort(),
    );
  });

  it('escapes + - @ at the start of any text cell', async () => {
    const res = await download(env(), env().admin, '/customers/export?columns=name,address&sort=name');
    const byName = new Map(
      csvLines(res.text)
        .slice(1)
        .map((l) => [l.split(',')[0], l.split(',')[1]]),
    );
    expect(byName.get('上海远景贸易')).toBe("'@SUM(A1)");
    expect(byName.get('深圳前海数据')).toBe("'+86 深圳");
    expect(byName.get('杭州西湖软件')).toBe("'-1+1");
  });

  it('honours the search box and the sort', async () => {
    const res = await download(
      env(),
      env().admin,
      '/customers/export?columns=name&q=' + encodeURIComponent('远景'),
    );
    expect(csvLines(res.text)).toEqual(['客户名称', '上海远景贸易']);
    const sorted = await download(env(), env().admin, '/customers/export?columns=name&sort=-name');
    const names = csvLines(sorted.text).slice(1);
    expect(names).toHaveLength(5);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  });

  it('writes an XLSX that exceljs reads back, with Chinese headers and numbers as numbers', async () => {
    const res = await download(
      env(),
      env().admin,
      '/customers/export?format=xlsx&sort=name&columns=name,owner_id,custom.budget',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '客户名称', '负责人', '预算']);
    expect(sheet.rowCount).toBe(6);
    const rows = Array.from({ length: 5 }, (_, i) => sheet.getRow(i + 2).values as unknown[]);
    expect(rows).toContainEqual([undefined, '北京华信科技', '张三', 120]);
    expect(rows).toContainEqual([undefined, `'=HYPERLINK("http://evil")`, '张三']);
  });

  it('uses English headers for lang=en-US', async () => {
    const res = await download(
      env(),
      env().admin,
      '/customers/export?columns=name,owner_id,status&lang=en-US&q=' + encodeURIComponent('华信'),
    );
    expect(csvLines(res.text)).toEqual(['Customer name,Owner,Status', '北京华信科技,张三,Potential']);
  });

  it('streams past one page: every row of a larger list arrives once', async () => {
    const admin = env().as(env().admin);
    for (let i = 0; i < 230; i += 1)
      await admin.post('/products', { name: `产品${String(i).padStart(3, '0')}`, price: i * 100 });
    const res = await download(env(), env().admin, '/products/export?columns=name,price&sort=name');
    const lines = csvLines(res.text).slice(1);
    expect(lines).toHaveLength(230);
    expect(new Set(lines).size).toBe(230);
    expect(lines[0]).toBe('产品000,0');
    expect(lines[229]).toBe('产品229,229');
  });

  it('writes one audit entry per export: who, entity, filter, rows, format', async () => {
    const before = await env()
      .database.db.selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'exported')
      .execute();
    const conditions = [{ field: 'industry', op: 'eq', value: '贸易' }];
    await download(env(), env().admin, `/customers/export?format=xlsx&filter=${filter(conditions)}`);
    const rows = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'exported')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(rows).toHaveLength(before.length + 1);
    const entry = rows[rows.length - 1]!;
    expect(entry).toMatchObject({ actor_id: env().admin.id, entity: 'customer', source: 'api' });
    expect(env().database.dialect.readJson(entry.changes)).toMatchObject({
      format: 'xlsx',
      rows: 1,
      complete: true,
      filter: conditions,
    });
  });

  it('refuses reps by default (records:export) and limits an exporting rep to their own records', async () => {
    expect((await download(env(), rep, '/customers/export')).status).toBe(403);
    // An admin grants reps the export permission, as Salesforce admins grant "Export Reports".
    const reps = await env().as(env().admin).get('/roles');
    const repRole = (reps.body.items as { id: string; key: string | null; permissions: string[] }[]).find(
      (r) => r.key === 'rep',
    )!;
    const granted = await env()
      .as(env().admin)
      .patch(`/roles/${repRole.id}`, { permissions: [...repRole.permissions, 'records:export'] });
    expect(granted.status).toBe(200);
    exporterRep = await env().makeUser('rep', { name: '王五' });
    await env().as(exporterRep).post('/customers', { name: '王五的客户' });
    const res = await download(env(), exporterRep, '/customers/export?columns=name,owner_id');
    expect(res.status).toBe(200);
    expect(csvLines(res.text)).toEqual(['客户名称,负责人', '王五的客户,王五']);
  });

  it('answers 400 naming the field for a bad format, column, filter or sort', async () => {
    const bad = async (url: string) => {
      const res = await download(env(), env().admin, url);
      expect(res.status).toBe(400);
      return (JSON.parse(res.text) as { errors: { path: string; message: string }[] }).errors;
    };
    expect((await bad('/customers/export?format=pdf'))[0]!.path).toBe('querystring.format');
    const cols = await bad('/customers/export?columns=name,salary');
    expect(cols[0]).toMatchObject({ path: 'columns' });
    expect(cols[0]!.message).toContain('"salary"');
    expect(
      (await bad(`/customers/export?filter=${filter([{ field: 'nope', op: 'eq', value: 1 }])}`))[0]!.path,
    ).toMatch(/^filter/);
    expect((await bad('/customers/export?sort=phone'))[0]!.path).toBe('sort');
  });

  it('exports leads, contacts and deals with their names', async () => {
    const admin = env().as(env().admin);
    const { body: c } = await admin.post('/customers', { name: '成都天府物流' });
    await admin.post('/contacts', { customer_id: c.id, name: '赵六', mobile: '13800138000' });
    const contacts = await download(env(), env().admin, '/contacts/export?columns=name,customer_id,mobile');
    expect(csvLines(contacts.text)).toContain('赵六,成都天府物流,13800138000');
    await admin.post('/leads', { name: '孙七', company_name: '重庆山城' });
    const leads = await download(
      env(),
      env().admin,
      '/leads/export?columns=name,company_name,status&lang=zh-CN',
    );
    expect(csvLines(leads.text)).toContain('孙七,重庆山城,新线索');
    const pipelines = await admin.get('/pipelines');
    await admin.post('/deals', {
      name: '物流系统',
      customer_id: c.id,
      pipeline_id: pipelines.body.items[0].id,
      amount: 1234500,
    });
    const deals = await download(
      env(),
      env().admin,
      '/deals/export?columns=name,customer_id,amount,stage_id',
    );
    const line = csvLines(deals.text).find((l) => l.startsWith('物流系统'))!;
    expect(line).toMatch(/^物流系统,成都天府物流,12345,.+$/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { paths, put } from './sales-fixtures';

/*
 * Duplicate blocking on every entry path (issue 6): API create and update of customers, leads and
 * contacts, lead conversion and an automation's set_fields all run the same rules, and a 409 says what
 * matched only as far as the caller may see it.
 */
describeEachDialect('duplicate rules on every entry path', (env) => {
  let rep: TestUser;
  let other: TestUser;
  let manager: TestUser;
  const admin = () => env().as(env().admin);
  const count = async (table: 'customers' | 'leads' | 'contacts', name: string) =>
    (await env().database.db.selectFrom(table).select('id').where('name', '=', name).execute()).length;

  beforeAll(async () => {
    const dept = await env().makeDepartment('华东销售部');
    rep = await env().makeUser('rep', { departmentId: dept, name: '张三' });
    other = await env().makeUser('rep', { departmentId: dept, name: '李四' });
    manager = await env().makeUser('manager', { departmentId: dept, name: '王经理' });
  });

  describe('customers', () => {
    it('blocks a customer whose name is the same once suffixes, brackets, width and 繁体 are folded', async () => {
      const first = await env().as(rep).post('/customers', { name: '杭州云帆网络科技有限公司' });
      expect(first.status).toBe(201);
      expect(first.body.duplicate_warnings).toBeUndefined();
      for (const name of [
        '云帆网络科技（杭州）有限责任公司',
        '杭州雲帆網絡科技股份有限公司',
        '杭州云帆网络科技',
      ]) {
        const res = await env().as(rep).post('/customers', { name });
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('duplicate');
        expect(paths(res.body)).toEqual(['name']);
        expect(res.body.matches).toEqual([
          {
            entity: 'customer',
            field: 'name',
            rule: { field: 'name', match: 'exact', action: 'block' },
            visible: true,
            record_id: first.body.id,
            name: '杭州云帆网络科技有限公司',
            owner_name: '张三',
            in_pool: false,
          },
        ]);
        expect(await count('customers', name)).toBe(0);
      }
    });

    it('tells another rep who owns it, and nothing more', async () => {
      const res = await env().as(other).post('/customers', { name: '杭州云帆网络科技有限公司' });
      expect(res.status).toBe(409);
      expect(res.body.title).toBe('A customer with this name already exists (owner: 张三)');
      expect(res.body.matches).toEqual([
        {
          entity: 'customer',
          field: 'name',
          rule: { field: 'name', match: 'exact', action: 'block' },
          visible: false,
          owner_name: '张三',
          in_pool: false,
        },
      ]);
      expect(JSON.stringify(res.body)).not.toContain('杭州云帆网络科技有限公司');
    });

    it('lets their manager see the record', async () => {
      const res = await env().as(manager).post('/customers', { name: '杭州云帆网络科技' });
      expect(res.status).toBe(409);
      expect(res.body.matches[0]).toMatchObject({ visible: true, name: '杭州云帆网络科技有限公司' });
    });

    it('blocks a phone written another way', async () => {
      expect(
        (await env().as(rep).post('/customers', { name: '苏州恒达精密', phone: '0512-6688 1234' })).status,
      ).toBe(201);
      const res = await env()
        .as(other)
        .post('/customers', { name: '恒达精密机械', phone: '+86 (512) 66881234' });
      expect(res.status).toBe(409);
      expect(res.body.matches[0]).toMatchObject({
        field: 'phone',
        rule: { field: 'phone' },
        owner_name: '张三',
      });
    });

    it('warns of a similar name: the write goes through and the answer says what it resembles', async () => {
      const res = await env().as(rep).post('/customers', { name: '云帆网络科技有限公司' });
      expect(res.status).toBe(201);
      expect(res.body.duplicate_warnings).toEqual([
        expect.objectContaining({
          entity: 'customer',
          rule: { field: 'name', match: 'fuzzy', action: 'warn' },
          visible: true,
          name: '杭州云帆网络科技有限公司',
          similarity: 0.95,
        }),
      ]);
    });

    it('asks first when told to (allow_duplicate=false), and creates when confirmed', async () => {
      const ask = await env().as(rep).post('/customers?allow_duplicate=false', { name: '杭州云帆网络科枝' });
      expect(ask.status).toBe(409);
      expect(ask.body.code).toBe('duplicate_warning');
      expect(ask.body.matches.length).toBeGreaterThan(0);
      expect(await count('customers', '杭州云帆网络科枝')).toBe(0);
      const confirmed = await env()
        .as(rep)
        .post('/customers?allow_duplicate=true', { name: '杭州云帆网络科枝' });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.duplicate_warnings.length).toBeGreaterThan(0);
      // A block is a block: confirming does not get past it.
      const blocked = await env()
        .as(rep)
        .post('/customers?allow_duplicate=true', { name: '杭州云帆网络科技' });
      expect(blocked.status).toBe(409);
    });

    it('checks an edit that makes a duplicate, but not an edit of other fields', async () => {
      const c = await env().as(rep).post('/customers', { name: '宁波海曙港务物流' });
      const rename = await env()
        .as(rep)
        .patch(`/customers/${c.body.id}`, { name: '杭州云帆网络科技股份公司' });
      expect(rename.status).toBe(409);
      expect(rename.body.matches[0].rule.field).toBe('name');
      // Two records that were duplicates before the rules existed can still be edited.
      await env()
        .database.db.updateTable('customers')
        .set({ name: '杭州云帆网络科技' })
        .where('id', '=', c.body.id)
        .execute();
      const edit = await env().as(rep).patch(`/customers/${c.body.id}`, { description: '老数据' });
      expect(edit.status).toBe(200);
    });
  });

  describe('leads and contacts', () => {
    it('warns a lead whose company is already someone’s customer, naming the owner only', async () => {
      const res = await env().as(other).post('/leads', { name: '陈经理', company_name: '杭州云帆网络科技' });
      expect(res.status).toBe(201);
      // The same company first, then the similar names found earlier in this suite.
      expect(res.body.duplicate_warnings[0]).toEqual({
        entity: 'customer',
        field: 'name',
        rule: { field: 'company_name', match: 'fuzzy', action: 'warn' },
        visible: false,
        owner_name: '张三',
        in_pool: false,
      });
      for (const w of res.body.duplicate_warnings) expect(w.record_id ?? w.name).toBeUndefined();
    });

    it('warns a contact and a lead with a known mobile, however it is written', async () => {
      const c = await env().as(rep).post('/customers', { name: '厦门鹭岛海洋科技' });
      const first = await env()
        .as(rep)
        .post('/contacts', { customer_id: c.body.id, name: '黄总', mobile: '13912345678' });
      expect(first.status).toBe(201);
      const second = await env()
        .as(rep)
        .post('/contacts', { customer_id: c.body.id, name: '黄先生', mobile: '+86 139-1234-5678' });
      expect(second.status).toBe(201);
      expect(second.body.duplicate_warnings[0]).toMatchObject({
        entity: 'contact',
        field: 'mobile',
        record_id: first.body.id,
        name: '黄总',
      });
      const lead = await env().as(rep).post('/leads', { name: '黄总', mobile: '139 1234 5678' });
      expect(lead.body.duplicate_warnings.map((w: { entity: string }) => w.entity).sort()).toEqual([
        'contact',
        'contact',
      ]);
      const updated = await env().as(rep).patch(`/contacts/${first.body.id}`, { email: 'HUANG@ludao.cn' });
      expect(updated.status).toBe(200);
      const mail = await env()
        .as(rep)
        .patch(`/contacts/${second.body.id}?allow_duplicate=false`, { email: 'huang@ludao.cn ' });
      expect(mail.status).toBe(409);
      expect(mail.body.code).toBe('duplicate_warning');
    });

    it('stops a lead conversion that would create a duplicate customer, and writes nothing', async () => {
      const lead = await env()
        .as(other)
        .post('/leads', { name: '林总', company_name: '杭州雲帆網絡科技有限公司' });
      const res = await env().as(other).post(`/leads/${lead.body.id}/convert`, {});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('duplicate');
      expect(res.body.matches[0]).toMatchObject({ entity: 'customer', visible: false, owner_name: '张三' });
      const after = await env().as(other).get(`/leads/${lead.body.id}`);
      expect(after.body.status).not.toBe('converted');
      expect(await count('contacts', '林总')).toBe(0);
    });
  });

  it('stops an automation whose set_fields would make a duplicate, and the record keeps its value', async () => {
    const auto = await admin().post('/automations', {
      name: '统一改名',
      enabled: true,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['level'] },
        steps: [
          {
            id: 'rename',
            kind: 'action',
            params: { action: 'set_fields', values: { name: { type: 'const', value: '杭州云帆网络科技' } } },
          },
        ],
      },
    });
    expect(auto.status).toBe(201);
    const c = await env().as(rep).post('/customers', { name: '绍兴柯桥纺织印染' });
    await env().as(rep).patch(`/customers/${c.body.id}`, { level: 'A' });
    await env().worker.drain();
    const [run] = await env()
      .database.db.selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', auto.body.id)
      .execute();
    expect(run!.status).toBe('failed');
    expect(run!.error).toContain('already exists');
    expect((await env().as(rep).get(`/customers/${c.body.id}`)).body.name).toBe('绍兴柯桥纺织印染');
    await admin().patch(`/automations/${auto.body.id}`, { enabled: false });
  });

  describe('rules', () => {
    it('starts from the defaults', async () => {
      const res = await admin().get('/settings/duplicate-rules');
      expect(res.status).toBe(200);
      expect(res.body.customer).toContainEqual({ field: 'name', match: 'exact', action: 'block' });
      expect(res.body.lead).toContainEqual({
        field: 'company_name',
        match: 'fuzzy',
        action: 'warn',
        against: ['lead', 'customer'],
      });
      expect((await env().as(rep).get('/settings/duplicate-rules')).status).toBe(403);
    });

    it('refuses an unknown field or a fuzzy match on a field that is not a company name, naming it', async () => {
      const res = await put(env(), env().admin, '/settings/duplicate-rules', {
        customer: [
          { field: 'name', match: 'exact', action: 'block' },
          { field: 'fax', action: 'warn' },
          { field: 'phone', match: 'fuzzy', action: 'warn' },
        ],
      });
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['customer[1].field', 'customer[2].match']);
      expect(res.body.errors[0].message).toBe('unknown field fax');
    });

    it('checks a 统一社会信用代码 custom field by its check character and blocks a second holder', async () => {
      const field = await admin().post('/custom-fields', {
        entity: 'customer',
        key: 'credit_code',
        label: '统一社会信用代码',
        type: 'text',
      });
      expect(field.status).toBe(201);
      const before = await env()
        .as(rep)
        .post('/customers', {
          name: '广州天河云图信息',
          custom: { credit_code: '91440101MA5CJQ4N59' },
        });
      expect(before.status).toBe(201);
      const saved = await put(env(), env().admin, '/settings/duplicate-rules', {
        customer: [
          { field: 'name', match: 'exact', action: 'block' },
          { field: 'custom.credit_code', normalize: 'uscc', action: 'block' },
        ],
      });
      expect(saved.status).toBe(200);
      // The new rule's keys were built for the records already there.
      const twin = await env()
        .as(other)
        .post('/customers', { name: '天河云图', custom: { credit_code: '9144 0101 ma5c jq4n 59' } });
      expect(twin.status).toBe(409);
      expect(twin.body.matches[0]).toMatchObject({ field: 'custom.credit_code', owner_name: '张三' });
      const bad = await env()
        .as(other)
        .post('/customers', { name: '天河云图', custom: { credit_code: '91440101MA5CJQ4N58' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        {
          path: 'custom.credit_code',
          message: expect.stringContaining('check character'),
          code: 'invalid_uscc',
        },
      ]);
      // Similar names no longer warn: that rule is gone.
      const similar = await env().as(rep).post('/customers', { name: '云帆网络科技（南京）' });
      expect(similar.status).toBe(201);
      expect(similar.body.duplicate_warnings).toBeUndefined();
    });
  });
});

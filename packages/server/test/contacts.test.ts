import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('contacts', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let customerId: string;
  let otherCustomerId: string;
  const db = () => env().database.db;
  const count = async (table: 'contacts' | 'audit_log') =>
    Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
  const f = (v: unknown) => encodeURIComponent(JSON.stringify(v));

  it('creates a contact at the rep’s customer, audited on the customer’s timeline', async () => {
    rep = await env().makeUser('rep');
    rep2 = await env().makeUser('rep');
    customerId = (await env().as(rep).post('/customers', { name: '广州天河云图信息' })).body.id;
    otherCustomerId = (await env().as(rep2).post('/customers', { name: '成都锦江蓉城物流' })).body.id;
    const res = await env()
      .as(rep)
      .post('/contacts', { customer_id: customerId, name: '林晓', mobile: '137 2222 3333', title: 'CTO' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ customer_id: customerId, is_primary: false, tags: [], custom: {} });
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', res.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'created', entity: 'contact', customer_id: customerId });
    const events = await db()
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('record_id', '=', res.body.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['contact.created']);
    expect(env().database.dialect.readJson<{ customer_id: string }>(events[0]!.payload).customer_id).toBe(
      customerId,
    );
    const upd = await env().as(rep).patch(`/contacts/${res.body.id}`, { title: '首席技术官' });
    expect(upd.status).toBe(200);
    const timeline = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .execute();
    expect(timeline.filter((t) => t.entity === 'contact').map((t) => t.action)).toEqual([
      'created',
      'updated',
    ]);
  });

  it('follows the customer’s visibility: 404 for URL ids, 400 customer_id for bodies', async () => {
    const { body: theirs } = await env()
      .as(rep2)
      .post('/contacts', { customer_id: otherCustomerId, name: '何静' });
    expect((await env().as(rep).get(`/contacts/${theirs.id}`)).status).toBe(404);
    expect((await env().as(rep).patch(`/contacts/${theirs.id}`, { title: 'x' })).status).toBe(404);
    expect((await env().as(rep).delete(`/contacts/${theirs.id}`)).status).toBe(404);
    expect((await env().as(rep).post(`/contacts/${theirs.id}/restore`)).status).toBe(404);
    expect(ids(await env().as(rep).get('/contacts?limit=200'))).not.toContain(theirs.id);
    const before = await count('contacts');
    const create = await env()
      .as(rep)
      .post('/contacts', { customer_id: otherCustomerId, name: '越权联系人' });
    expect(create.status).toBe(400);
    expect(create.body.errors[0].path).toBe('customer_id');
    expect(await count('contacts')).toBe(before);
    expect((await env().as(env().admin).get(`/contacts/${theirs.id}`)).status).toBe(200);
    expect((await env().as(rep2).get(`/contacts/${theirs.id}`)).body.title).toBeNull();
    // Moving the customer to another rep moves its contacts' visibility with it.
    const admin = env().as(env().admin);
    await admin.patch(`/customers/${otherCustomerId}`, { owner_id: rep.id });
    expect((await env().as(rep).get(`/contacts/${theirs.id}`)).status).toBe(200);
    expect((await env().as(rep2).get(`/contacts/${theirs.id}`)).status).toBe(404);
    await admin.patch(`/customers/${otherCustomerId}`, { owner_id: rep2.id });
  });

  it('lets a manager see contacts of the department’s customers only', async () => {
    const east = await env().makeDepartment('华南区');
    const team = await env().makeDepartment('深圳组', east);
    const west = await env().makeDepartment('西南区');
    const manager = await env().makeUser('manager', { departmentId: east });
    const teamRep = await env().makeUser('rep', { departmentId: team });
    const westRep = await env().makeUser('rep', { departmentId: west });
    const c1 = (await env().as(teamRep).post('/customers', { name: '深圳客户' })).body.id;
    const c2 = (await env().as(westRep).post('/customers', { name: '重庆客户' })).body.id;
    const { body: mine } = await env().as(teamRep).post('/contacts', { customer_id: c1, name: '深圳联系人' });
    const { body: theirs } = await env()
      .as(westRep)
      .post('/contacts', { customer_id: c2, name: '重庆联系人' });
    expect((await env().as(manager).get(`/contacts/${mine.id}`)).status).toBe(200);
    expect((await env().as(manager).get(`/contacts/${theirs.id}`)).status).toBe(404);
    expect((await env().as(manager).patch(`/contacts/${mine.id}`, { wechat: 'sz001' })).status).toBe(200);
    const list = ids(await env().as(manager).get('/contacts?limit=200'));
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
  });

  it('keeps at most one primary contact per customer, audited', async () => {
    const cust = (await env().as(rep).post('/customers', { name: '主联系人测试公司' })).body.id;
    const { body: a } = await env()
      .as(rep)
      .post('/contacts', { customer_id: cust, name: '甲', is_primary: true });
    const { body: b } = await env()
      .as(rep)
      .post('/contacts', { customer_id: cust, name: '乙', is_primary: true });
    const primaries = async () =>
      (
        await env()
          .as(rep)
          .get(
            `/contacts?filter=${f([
              { field: 'customer_id', op: 'eq', value: cust },
              { field: 'is_primary', op: 'eq', value: true },
            ])}`,
          )
      ).body.items.map((i: { name: string }) => i.name);
    expect(await primaries()).toEqual(['乙']);
    const demoted = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', a.id)
      .where('action', '=', 'updated')
      .execute();
    expect(demoted).toHaveLength(1);
    expect(env().database.dialect.readJson(demoted[0]!.changes)).toEqual({
      is_primary: { before: true, after: false },
    });
    expect((await env().as(rep).patch(`/contacts/${a.id}`, { is_primary: true })).body.is_primary).toBe(true);
    expect(await primaries()).toEqual(['甲']);
    // A deleted primary that comes back after another took over returns as an ordinary contact.
    await env().as(rep).delete(`/contacts/${a.id}`);
    await env().as(rep).patch(`/contacts/${b.id}`, { is_primary: true });
    const restored = await env().as(rep).post(`/contacts/${a.id}/restore`);
    expect(restored.body.is_primary).toBe(false);
    expect(await primaries()).toEqual(['乙']);
    const bulk = await env()
      .as(rep)
      .post('/contacts/bulk-update', { ids: [a.id, b.id], patch: { is_primary: true } });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors[0].path).toBe('patch.is_primary');
  });

  it('filters by customer and sorts, with a cursor', async () => {
    const cust = (await env().as(rep).post('/customers', { name: '分页客户' })).body.id;
    const made: string[] = [];
    for (const name of ['赵一', '钱二', '孙三']) {
      env().clock.advance(1000);
      made.push((await env().as(rep).post('/contacts', { customer_id: cust, name })).body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await env()
        .as(rep)
        .get(
          `/contacts?limit=2&filter=${f([{ field: 'customer_id', op: 'eq', value: cust }])}${cursor ? `&cursor=${cursor}` : ''}`,
        );
      seen.push(...ids(page));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const bad = await env()
      .as(rep)
      .get(`/contacts?filter=${f([{ field: 'customer_id', op: 'eq', value: 'abc' }])}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('filter[0].value');
  });

  it('finds contacts by two-character Chinese substrings, phone digits and email', async () => {
    const searcher = await env().makeUser('rep');
    const cust = (await env().as(searcher).post('/customers', { name: '搜索客户' })).body.id;
    const { body: a } = await env().as(searcher).post('/contacts', {
      customer_id: cust,
      name: '司马相如',
      mobile: '186-1234-5678',
      phone: '021-5555 0001',
      email: 'sima@xiangru.cn',
    });
    await env().as(searcher).post('/contacts', { customer_id: cust, name: '相田' });
    const q = async (text: string) =>
      ids(
        await env()
          .as(searcher)
          .get(`/contacts?q=${encodeURIComponent(text)}`),
      );
    expect(await q('司马')).toEqual([a.id]);
    expect(await q('相如')).toEqual([a.id]);
    expect(await q('如相')).toEqual([]);
    expect(await q('5678')).toEqual([a.id]);
    expect(await q('1861234')).toEqual([a.id]);
    expect(await q('0001')).toEqual([a.id]);
    expect(await q('sima@xiangru.cn')).toEqual([a.id]);
    expect(
      ids(
        await env()
          .as(rep)
          .get(`/contacts?q=${encodeURIComponent('司马')}`),
      ),
    ).toEqual([]);
    await env().as(searcher).patch(`/contacts/${a.id}`, { mobile: '199 0000 1111' });
    expect(await q('5678')).toEqual([]);
    expect(await q('1111')).toEqual([a.id]);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const before = await count('contacts');
    const audits = await count('audit_log');
    const cases: [unknown, string][] = [
      [{ customer_id: customerId, name: '' }, 'name'],
      [{ name: 'x' }, 'customer_id'],
      [{ customer_id: 'nope', name: 'x' }, 'customer_id'],
      [{ customer_id: '01890000-0000-7000-8000-000000000000', name: 'x' }, 'customer_id'],
      [{ customer_id: customerId, name: 'x', mobile: 'abc' }, 'mobile'],
      [{ customer_id: customerId, name: 'x', email: 'a@' }, 'email'],
      [{ customer_id: customerId, name: 'x', is_primary: 'yes' }, 'is_primary'],
      [{ customer_id: customerId, name: 'x', owner_id: rep.id }, 'owner_id'],
      [{ customer_id: customerId, name: 'x', custom: { nope: 1 } }, 'custom.nope'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(rep).post('/contacts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const { body: c } = await env().as(rep).post('/contacts', { customer_id: customerId, name: '字段测试' });
    const move = await env().as(rep).patch(`/contacts/${c.id}`, { customer_id: otherCustomerId });
    expect(move.status).toBe(400);
    expect(move.body.errors[0].path).toBe('customer_id');
    expect(await count('contacts')).toBe(before + 1);
    expect(await count('audit_log')).toBe(audits + 1);
  });

  it('soft-deletes, restores, and bulk-deletes all or nothing', async () => {
    const { body: c } = await env()
      .as(rep)
      .post('/contacts', { customer_id: customerId, name: '可恢复联系人' });
    const { body: theirs } = await env()
      .as(rep2)
      .post('/contacts', { customer_id: otherCustomerId, name: '他人联系人' });
    expect((await env().as(rep).delete(`/contacts/${c.id}`)).status).toBe(204);
    expect(ids(await env().as(rep).get('/contacts?limit=200'))).not.toContain(c.id);
    expect(ids(await env().as(rep).get('/contacts?include_deleted=only'))).toContain(c.id);
    expect((await env().as(rep).post(`/contacts/${c.id}/restore`)).body.deleted_at).toBeNull();
    const bulk = await env()
      .as(rep)
      .post('/contacts/bulk-delete', { ids: [c.id, theirs.id] });
    expect(bulk.status).toBe(400);
    expect(bulk.body.errors[0].path).toBe('ids[1]');
    expect((await env().as(rep).get(`/contacts/${c.id}`)).body.deleted_at).toBeNull();
    expect(
      (
        await env()
          .as(rep)
          .post('/contacts/bulk-update', { ids: [c.id], patch: { wechat: 'wx' } })
      ).body,
    ).toEqual({ updated: 1 });
    const types = (
      await db().selectFrom('events').select('type').where('record_id', '=', c.id).orderBy('seq').execute()
    ).map((e) => e.type);
    expect(types).toEqual(['contact.created', 'contact.deleted', 'contact.restored', 'contact.updated']);
  });
});

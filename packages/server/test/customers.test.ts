import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('customers', (env) => {
  let rep: TestUser;
  let rep2: TestUser;

  it('creates a customer owned by the rep, with an audit entry and a created event', async () => {
    rep = await env().makeUser('rep', { name: '张三' });
    rep2 = await env().makeUser('rep', { name: '李四' });
    const res = await env()
      .as(rep)
      .post('/customers', { name: '北京华信科技有限公司', phone: '010-6543 2100', industry: '制造业' });
    expect(res.status).toBe(201);
    expect(res.body.owner_id).toBe(rep.id);
    expect(res.body.status).toBe('potential');
    const db = env().database.db;
    const audit = await db.selectFrom('audit_log').selectAll().where('record_id', '=', res.body.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'created', source: 'api', actor_id: rep.id });
    const events = await db.selectFrom('events').selectAll().where('record_id', '=', res.body.id).execute();
    expect(events.map((e) => e.type)).toEqual(['customer.created']);
  });

  it('records field-level before/after and owner_changed on update', async () => {
    const { body: c } = await env().as(rep).post('/customers', { name: '上海远景贸易' });
    const manager = await env().makeUser('manager');
    const res = await env().as(manager).patch(`/customers/${c.id}`, { industry: '贸易', owner_id: rep2.id });
    expect(res.status).toBe(200);
    const db = env().database.db;
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', c.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    const changes = env().database.dialect.readJson<Record<string, unknown>>(audit.changes);
    expect(changes).toEqual({
      industry: { before: null, after: '贸易' },
      owner_id: { before: rep.id, after: rep2.id },
    });
    const types = (
      await db.selectFrom('events').select('type').where('record_id', '=', c.id).orderBy('seq').execute()
    ).map((e) => e.type);
    expect(types).toEqual(['customer.created', 'customer.updated', 'customer.owner_changed']);
  });

  it('hides another rep’s customer behind 404 for read, change and delete', async () => {
    const { body: c } = await env().as(rep).post('/customers', { name: '深圳前海数据' });
    expect((await env().as(rep2).get(`/customers/${c.id}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/customers/${c.id}`, { industry: 'x' })).status).toBe(404);
    expect((await env().as(rep2).delete(`/customers/${c.id}`)).status).toBe(404);
    const list = await env().as(rep2).get('/customers?limit=200');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    expect((await env().as(env().admin).get(`/customers/${c.id}`)).status).toBe(200);
  });

  it('lets a manager see the department and below, not a sibling department', async () => {
    const east = await env().makeDepartment('华东区');
    const shanghai = await env().makeDepartment('上海组', east);
    const north = await env().makeDepartment('华北区');
    const eastManager = await env().makeUser('manager', { departmentId: east });
    const shRep = await env().makeUser('rep', { departmentId: shanghai });
    const northRep = await env().makeUser('rep', { departmentId: north });
    const { body: mine } = await env().as(shRep).post('/customers', { name: '上海组客户' });
    const { body: theirs } = await env().as(northRep).post('/customers', { name: '华北客户' });
    expect((await env().as(eastManager).get(`/customers/${mine.id}`)).status).toBe(200);
    expect((await env().as(eastManager).get(`/customers/${theirs.id}`)).status).toBe(404);
  });

  it('soft-deletes and restores', async () => {
    const { body: c } = await env().as(rep).post('/customers', { name: '可恢复客户' });
    expect((await env().as(rep).delete(`/customers/${c.id}`)).status).toBe(204);
    const gone = await env().as(rep).get('/customers?limit=200');
    expect(gone.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const trash = await env().as(rep).get('/customers?include_deleted=only');
    expect(trash.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const restored = await env().as(rep).post(`/customers/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deleted_at).toBeNull();
  });

  it('pages by creation time through ties, both ways, each customer once', async () => {
    const owner = await env().makeUser('rep');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      if (i % 3 === 0) env().clock.advance(1000); // groups of three share one created_at
      ids.push(
        (
          await env()
            .as(owner)
            .post('/customers', { name: `建档顺序${i}` })
        ).body.id,
      );
    }
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/customers?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: any = await env().as(owner).get(url);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.next_cursor;
      } while (cursor);
      return seen;
    };
    // Ids are time-ordered, so within one instant the id decides, as it does across them.
    expect(await walk('created_at')).toEqual(ids);
    expect(await walk('-created_at')).toEqual([...ids].reverse());
  });

  it('filters, sorts with nulls last and pages with a cursor', async () => {
    const owner = await env().makeUser('rep');
    const names = ['甲', '乙', '丙', '丁', '戊'];
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      env().clock.advance(1000);
      const { body } = await env()
        .as(owner)
        .post('/customers', { name: `排序客户${name}`, industry: i % 2 ? '金融' : '教育' });
      ids.push(body.id);
    }
    // Give three of them a last contact; two stay never-contacted (null).
    const db = env().database.db;
    for (const [i, id] of ids.slice(0, 3).entries()) {
      await db
        .updateTable('customers')
        .set({ last_contact_at: `2026-11-0${i + 1}T00:00:00.000Z` })
        .where('id', '=', id)
        .execute();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/customers?limit=2&sort=-last_contact_at${cursor ? `&cursor=${cursor}` : ''}`;
      const page: any = await env().as(owner).get(url);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { id: string }) => i.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([ids[2], ids[1], ids[0], ids[4], ids[3]]);

    const filter = encodeURIComponent(JSON.stringify([{ field: 'industry', op: 'eq', value: '金融' }]));
    const fin = await env().as(owner).get(`/customers?filter=${filter}`);
    expect(fin.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids[1], ids[3]].sort());

    const recent = encodeURIComponent(
      JSON.stringify([{ field: 'last_contact_at', op: 'last_n_days', value: 22 }]),
    );
    const r = await env().as(owner).get(`/customers?filter=${recent}`);
    expect(r.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids[1], ids[2]].sort());
  });

  it('finds customers by two-character Chinese substrings and by phone digits', async () => {
    const searcher = await env().makeUser('rep');
    const { body: a } = await env()
      .as(searcher)
      .post('/customers', { name: '杭州云帆网络科技有限公司', phone: '0571-8888 1234' });
    await env().as(searcher).post('/customers', { name: '云南白药集团' });
    const q = async (text: string) =>
      (
        await env()
          .as(searcher)
          .get(`/customers?q=${encodeURIComponent(text)}`)
      ).body.items.map((i: { id: string }) => i.id);
    expect(await q('云帆')).toEqual([a.id]);
    expect(await q('网络科技')).toEqual([a.id]);
    expect(await q('1234')).toEqual([a.id]);
    expect(await q('帆云')).toEqual([]);
    expect((await q('云')).length).toBe(0);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const db = env().database.db;
    const before = (
      await db.selectFrom('customers').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    ).n;
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', size: 'huge' }, 'size'],
      [{ name: 'x', unknown_field: 1 }, 'unknown_field'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'x', email: 'not-mail' }, 'email'],
      [{ name: 'x', owner_id: 'abc' }, 'owner_id'],
      [{ name: 'x', owner_id: '01890000-0000-7000-8000-000000000000' }, 'owner_id'],
      [{ name: 'x', custom: { nope: 1 } }, 'custom.nope'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(env().admin).post('/customers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const after = (
      await db.selectFrom('customers').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('answers malformed JSON and oversized bodies with problem+json', async () => {
    const res = await env().app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${env().admin.token}`, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_json');
    const big = await env().app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${env().admin.token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', description: 'y'.repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(413);
  });

  it('bulk update is all or nothing', async () => {
    const { body: mine } = await env().as(rep).post('/customers', { name: '批量一' });
    const { body: other } = await env().as(rep2).post('/customers', { name: '批量二' });
    const res = await env()
      .as(rep)
      .post('/customers/bulk-update', { ids: [mine.id, other.id], patch: { level: 'A' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('ids[1]');
    expect((await env().as(rep).get(`/customers/${mine.id}`)).body.level).toBeNull();
    const ok = await env()
      .as(rep)
      .post('/customers/bulk-update', { ids: [mine.id], patch: { level: 'A' } });
    expect(ok.body).toEqual({ updated: 1 });
  });
});

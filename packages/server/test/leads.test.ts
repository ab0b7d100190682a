import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('leads', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  const db = () => env().database.db;
  const count = async (table: 'leads' | 'customers' | 'contacts' | 'deals' | 'audit_log' | 'events') =>
    Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
  const f = (v: unknown) => encodeURIComponent(JSON.stringify(v));

  it('creates a lead owned by the rep, with an audit entry and a created event', async () => {
    rep = await env().makeUser('rep', { name: '王五' });
    rep2 = await env().makeUser('rep', { name: '赵六' });
    const res = await env()
      .as(rep)
      .post('/leads', { name: '陈经理', company_name: '苏州工业园区德盛精密', mobile: '138 0013 8000' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ owner_id: rep.id, status: 'new', score: 0, tags: [], custom: {} });
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', res.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'created', entity: 'lead', actor_id: rep.id });
    const events = await db()
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', res.body.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['lead.created']);
  });

  it('records field-level changes and owner_changed on update', async () => {
    const { body: l } = await env().as(rep).post('/leads', { name: '刘女士' });
    const manager = await env().makeUser('manager');
    const res = await env()
      .as(manager)
      .patch(`/leads/${l.id}`, { status: 'contacted', score: 40, owner_id: rep2.id });
    expect(res.status).toBe(200);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', l.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson(audit.changes)).toEqual({
      status: { before: 'new', after: 'contacted' },
      score: { before: 0, after: 40 },
      owner_id: { before: rep.id, after: rep2.id },
    });
    const types = (
      await db().selectFrom('events').select('type').where('record_id', '=', l.id).orderBy('seq').execute()
    ).map((e) => e.type);
    expect(types).toEqual(['lead.created', 'lead.updated', 'lead.owner_changed']);
    // A rep may not hand a lead to someone else.
    const { body: mine } = await env().as(rep).post('/leads', { name: '转交测试' });
    const hand = await env().as(rep).patch(`/leads/${mine.id}`, { owner_id: rep2.id });
    expect(hand.status).toBe(403);
  });

  it('hides another rep’s lead behind 404 for read, change, delete and convert', async () => {
    const { body: l } = await env().as(rep).post('/leads', { name: '隐私线索' });
    expect((await env().as(rep2).get(`/leads/${l.id}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/leads/${l.id}`, { grade: 'A' })).status).toBe(404);
    expect((await env().as(rep2).delete(`/leads/${l.id}`)).status).toBe(404);
    expect((await env().as(rep2).post(`/leads/${l.id}/convert`, {})).status).toBe(404);
    expect(ids(await env().as(rep2).get('/leads?limit=200'))).not.toContain(l.id);
    expect((await env().as(env().admin).get(`/leads/${l.id}`)).status).toBe(200);
    expect((await env().as(rep).get(`/leads/${l.id}`)).body.grade).toBeNull();
  });

  it('lets a manager see the department and below, not a sibling department', async () => {
    const east = await env().makeDepartment('华东区');
    const shanghai = await env().makeDepartment('上海组', east);
    const north = await env().makeDepartment('华北区');
    const eastManager = await env().makeUser('manager', { departmentId: east });
    const shRep = await env().makeUser('rep', { departmentId: shanghai });
    const northRep = await env().makeUser('rep', { departmentId: north });
    const { body: mine } = await env().as(shRep).post('/leads', { name: '上海线索' });
    const { body: theirs } = await env().as(northRep).post('/leads', { name: '华北线索' });
    expect((await env().as(eastManager).get(`/leads/${mine.id}`)).status).toBe(200);
    expect((await env().as(eastManager).get(`/leads/${theirs.id}`)).status).toBe(404);
    const list = ids(await env().as(eastManager).get('/leads?limit=200'));
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
  });

  it('soft-deletes and restores', async () => {
    const { body: l } = await env().as(rep).post('/leads', { name: '可恢复线索', mobile: '13911112222' });
    expect((await env().as(rep).delete(`/leads/${l.id}`)).status).toBe(204);
    expect(ids(await env().as(rep).get('/leads?limit=200'))).not.toContain(l.id);
    expect(ids(await env().as(rep).get('/leads?q=13911112222'))).toEqual([]);
    expect(ids(await env().as(rep).get('/leads?include_deleted=only'))).toContain(l.id);
    const restored = await env().as(rep).post(`/leads/${l.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deleted_at).toBeNull();
    expect(ids(await env().as(rep).get('/leads?q=13911112222'))).toEqual([l.id]);
    const events = (
      await db().selectFrom('events').select('type').where('record_id', '=', l.id).orderBy('seq').execute()
    ).map((e) => e.type);
    expect(events).toEqual(['lead.created', 'lead.deleted', 'lead.restored']);
  });

  it('filters, sorts and pages with a cursor', async () => {
    const owner = await env().makeUser('rep');
    const made: string[] = [];
    for (const [i, score] of [30, 80, 55, 10].entries()) {
      env().clock.advance(1000);
      const { body } = await env()
        .as(owner)
        .post('/leads', { name: `评分线索${i}`, score, source: i % 2 ? '展会' : '官网' });
      made.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await env()
        .as(owner)
        .get(`/leads?limit=3&sort=-score${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...ids(page));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([made[1], made[2], made[0], made[3]]);
    const hot = await env()
      .as(owner)
      .get(
        `/leads?filter=${f([
          { field: 'score', op: 'gte', value: 50 },
          { field: 'source', op: 'eq', value: '展会' },
        ])}`,
      );
    expect(ids(hot)).toEqual([made[1]]);
    const bad = await env()
      .as(owner)
      .get(`/leads?filter=${f([{ field: 'score', op: 'gt', value: 'high' }])}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('filter[0].value');
  });

  it('finds leads by two-character Chinese substrings of name or company, by phone digits and by email', async () => {
    const searcher = await env().makeUser('rep');
    const { body: a } = await env().as(searcher).post('/leads', {
      name: '欧阳明',
      company_name: '宁波海曙星辰电子商务',
      mobile: '139-5741-6688',
      email: 'ouyang@xingchen.cn',
    });
    const { body: b } = await env().as(searcher).post('/leads', { name: '星野', phone: '+86 574-8765 4321' });
    const q = async (text: string) =>
      ids(
        await env()
          .as(searcher)
          .get(`/leads?q=${encodeURIComponent(text)}`),
      );
    expect(await q('海曙')).toEqual([a.id]);
    expect(await q('欧阳')).toEqual([a.id]);
    expect(await q('电子商务')).toEqual([a.id]);
    expect((await q('星')).length).toBe(0);
    expect(await q('6688')).toEqual([a.id]);
    expect(await q('139574')).toEqual([a.id]);
    expect(await q('4321')).toEqual([b.id]);
    expect(await q('ouyang@xingchen.cn')).toEqual([a.id]);
    expect(await q('商电')).toEqual([]);
    // Another rep finds nothing of these.
    expect(
      ids(
        await env()
          .as(rep2)
          .get(`/leads?q=${encodeURIComponent('海曙')}`),
      ),
    ).toEqual([]);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const before = await count('leads');
    const audits = await count('audit_log');
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', status: 'converted' }, 'status'],
      [{ name: 'x', status: 'hot' }, 'status'],
      [{ name: 'x', score: 1.5 }, 'score'],
      [{ name: 'x', mobile: 'call me' }, 'mobile'],
      [{ name: 'x', email: 'nope' }, 'email'],
      [{ name: 'x', owner_id: '01890000-0000-7000-8000-000000000000' }, 'owner_id'],
      [{ name: 'x', converted_at: '2026-01-01T00:00:00Z' }, 'converted_at'],
      [{ name: 'x', custom: { nope: 1 } }, 'custom.nope'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(env().admin).post('/leads', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count('leads')).toBe(before);
    expect(await count('audit_log')).toBe(audits);
  });

  it('bulk update and bulk delete are all or nothing', async () => {
    const { body: mine } = await env().as(rep).post('/leads', { name: '批量一' });
    const { body: other } = await env().as(rep2).post('/leads', { name: '批量二' });
    const res = await env()
      .as(rep)
      .post('/leads/bulk-update', { ids: [mine.id, other.id], patch: { grade: 'A' } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('ids[1]');
    expect((await env().as(rep).get(`/leads/${mine.id}`)).body.grade).toBeNull();
    expect(
      (
        await env()
          .as(rep)
          .post('/leads/bulk-update', { ids: [mine.id], patch: { grade: 'A' } })
      ).body,
    ).toEqual({ updated: 1 });
    const del = await env()
      .as(rep)
      .post('/leads/bulk-delete', { ids: [mine.id, other.id] });
    expect(del.status).toBe(400);
    expect((await env().as(rep).get(`/leads/${mine.id}`)).body.deleted_at).toBeNull();
    expect(
      (
        await env()
          .as(rep)
          .post('/leads/bulk-delete', { ids: [mine.id] })
      ).body,
    ).toEqual({ deleted: 1 });
  });
});

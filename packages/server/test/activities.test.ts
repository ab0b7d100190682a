import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import {
  countRows,
  defaultPipeline,
  filterParam,
  ids,
  insertContact,
  insertLead,
  makeCustomer,
  paths,
} from './sales-fixtures';

describeEachDialect('activities', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let customer: { id: string };
  let other: { id: string };

  const lastContact = async (id: string, table: 'customers' | 'leads' = 'customers') =>
    (
      await env()
        .database.db.selectFrom(table)
        .select('last_contact_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).last_contact_at;

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '陈静' });
    rep2 = await env().makeUser('rep', { name: '刘洋' });
    customer = await makeCustomer(env(), rep, '成都蓉城软件');
    other = await makeCustomer(env(), rep2, '重庆山城物流');
  });

  it('logs a follow-up: the actor is the author and the customer’s last contact moves forward', async () => {
    const res = await env().as(rep).post('/activities', {
      kind: 'call',
      content: '电话沟通了二期需求，客户希望下周看演示',
      customer_id: customer.id,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      author_id: rep.id,
      author_name: '陈静',
      customer_name: '成都蓉城软件',
      occurred_at: '2026-11-23T02:00:00.000Z',
    });
    expect(await lastContact(customer.id)).toBe('2026-11-23T02:00:00.000Z');
    const db = env().database.db;
    const audit = await db.selectFrom('audit_log').selectAll().where('record_id', '=', res.body.id).execute();
    expect(audit.map((a) => [a.entity, a.action, a.customer_id])).toEqual([
      ['activity', 'created', customer.id],
    ]);
    const custAudit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', customer.id)
      .where('action', '=', 'updated')
      .execute();
    expect(custAudit.map((a) => Object.keys(env().database.dialect.readJson<object>(a.changes)))).toEqual([
      ['last_contact_at'],
    ]);
  });

  it('does not move the last contact back for an older follow-up, and refuses future ones', async () => {
    const older = await env().as(rep).post('/activities', {
      kind: 'visit',
      content: '上月拜访补记',
      customer_id: customer.id,
      occurred_at: '2026-10-20T09:00:00+08:00',
    });
    expect(older.status).toBe(201);
    expect(older.body.occurred_at).toBe('2026-10-20T01:00:00.000Z');
    expect(await lastContact(customer.id)).toBe('2026-11-23T02:00:00.000Z');
    const future = await env().as(rep).post('/activities', {
      kind: 'note',
      content: '明天',
      customer_id: customer.id,
      occurred_at: '2026-11-24T02:00:00Z',
    });
    expect(future.status).toBe(400);
    expect(paths(future.body)).toEqual(['occurred_at']);
    env().clock.advance(3_600_000);
    const later = await env()
      .as(rep)
      .post('/activities', { kind: 'message', content: '微信确认演示时间', customer_id: customer.id });
    expect(await lastContact(customer.id)).toBe(later.body.occurred_at);
    // Editing a follow-up to a later time moves the date on too.
    env().clock.advance(60_000);
    const edited = await env()
      .as(rep)
      .patch(`/activities/${older.body.id}`, { occurred_at: env().clock.now().toISOString() });
    expect(edited.status).toBe(200);
    expect(await lastContact(customer.id)).toBe(env().clock.now().toISOString());
  });

  it('derives the customer from a contact or a deal and refuses mismatches', async () => {
    const contact = await insertContact(env(), customer.id, '技术总监');
    const pipe = await defaultPipeline(env());
    const { body: deal } = await env()
      .as(rep)
      .post('/deals', { name: '蓉城二期', customer_id: customer.id, pipeline_id: pipe.id });
    const viaContact = await env()
      .as(rep)
      .post('/activities', { kind: 'email', content: '发送方案', contact_id: contact });
    expect(viaContact.body).toMatchObject({ customer_id: customer.id, contact_id: contact });
    const viaDeal = await env()
      .as(rep)
      .post('/activities', { kind: 'note', content: '商机备注', deal_id: deal.id });
    expect(viaDeal.body).toMatchObject({ customer_id: customer.id, deal_id: deal.id });
    const mine = await makeCustomer(env(), rep, '另一家自己的客户');
    const mismatch = await env()
      .as(rep)
      .post('/activities', { kind: 'note', content: 'x', customer_id: mine.id, contact_id: contact });
    expect(mismatch.status).toBe(400);
    expect(paths(mismatch.body)).toEqual(['contact_id']);
  });

  it('logs a follow-up on a lead and moves the lead’s last contact, audited', async () => {
    const lead = await insertLead(env(), rep.id, '线索张先生');
    const res = await env().as(rep).post('/activities', { kind: 'call', content: '首次电话', lead_id: lead });
    expect(res.status).toBe(201);
    expect(res.body.customer_id).toBeNull();
    expect(await lastContact(lead, 'leads')).toBe(res.body.occurred_at);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', lead)
      .execute();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['lead', 'updated']]);
    const events = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('record_id', '=', lead)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['lead.updated']);
    expect((await env().as(rep).get(`/activities/${res.body.id}`)).status).toBe(200);
    expect((await env().as(rep2).get(`/activities/${res.body.id}`)).status).toBe(404);
    const foreign = await env().as(rep2).post('/activities', { kind: 'call', content: 'x', lead_id: lead });
    expect(paths(foreign.body)).toEqual(['lead_id']);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const foreignContact = await insertContact(env(), other.id, '别人的联系人');
    const before = [await countRows(env(), 'activities'), await countRows(env(), 'audit_log')];
    const cases: [unknown, string][] = [
      [{ kind: 'call', content: '无归属' }, 'customer_id'],
      [{ kind: 'fax', content: 'x', customer_id: customer.id }, 'kind'],
      [{ kind: 'call', content: '', customer_id: customer.id }, 'content'],
      [{ kind: 'call', content: 'x', customer_id: other.id }, 'customer_id'],
      [{ kind: 'call', content: 'x', contact_id: foreignContact }, 'contact_id'],
      [{ kind: 'call', content: 'x', deal_id: '01890000-0000-7000-8000-000000000000' }, 'deal_id'],
      [{ kind: 'call', content: 'x', customer_id: customer.id, occurred_at: 'yesterday' }, 'occurred_at'],
      [{ kind: 'call', content: 'x', customer_id: customer.id, author_id: rep2.id }, 'author_id'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(rep).post('/activities', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res.body), JSON.stringify(body)).toContain(path);
    }
    expect([await countRows(env(), 'activities'), await countRows(env(), 'audit_log')]).toEqual(before);
  });

  it('filters by customer, kind and author, newest first', async () => {
    const c = await makeCustomer(env(), rep, '筛选跟进客户');
    const made: string[] = [];
    for (const kind of ['call', 'visit', 'call']) {
      env().clock.advance(60_000);
      made.push(
        (
          await env()
            .as(rep)
            .post('/activities', { kind, content: `${kind} 跟进`, customer_id: c.id })
        ).body.id,
      );
    }
    const q = async (f: unknown[]) =>
      ids(
        (
          await env()
            .as(rep)
            .get(`/activities?filter=${filterParam(f)}`)
        ).body.items,
      );
    expect(await q([{ field: 'customer_id', op: 'eq', value: c.id }])).toEqual([made[2], made[1], made[0]]);
    expect(
      await q([
        { field: 'customer_id', op: 'eq', value: c.id },
        { field: 'kind', op: 'eq', value: 'call' },
      ]),
    ).toEqual([made[2], made[0]]);
    expect((await q([{ field: 'author_id', op: 'eq', value: rep.id }])).length).toBeGreaterThanOrEqual(3);
    expect(await q([{ field: 'author_id', op: 'eq', value: rep2.id }])).toEqual([]);
  });

  it('keeps follow-ups of another rep’s customers behind 404; managers see their department, admin all', async () => {
    const { body: a } = await env()
      .as(rep)
      .post('/activities', { kind: 'note', content: '内部备注', customer_id: customer.id });
    expect((await env().as(rep2).get(`/activities/${a.id}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/activities/${a.id}`, { content: '改' })).status).toBe(404);
    expect((await env().as(rep2).delete(`/activities/${a.id}`)).status).toBe(404);
    expect(ids((await env().as(rep2).get('/activities?limit=200')).body.items)).not.toContain(a.id);
    expect((await env().as(env().admin).get(`/activities/${a.id}`)).status).toBe(200);

    const east = await env().makeDepartment('西南区');
    const north = await env().makeDepartment('东北区');
    const mgr = await env().makeUser('manager', { departmentId: east });
    const eastRep = await env().makeUser('rep', { departmentId: east });
    const northRep = await env().makeUser('rep', { departmentId: north });
    const ce = await makeCustomer(env(), eastRep, '西南客户');
    const cn = await makeCustomer(env(), northRep, '东北客户');
    const ae = (
      await env().as(eastRep).post('/activities', { kind: 'call', content: '西南', customer_id: ce.id })
    ).body;
    const an = (
      await env().as(northRep).post('/activities', { kind: 'call', content: '东北', customer_id: cn.id })
    ).body;
    expect((await env().as(mgr).get(`/activities/${ae.id}`)).status).toBe(200);
    expect((await env().as(mgr).get(`/activities/${an.id}`)).status).toBe(404);
    // A manager who sees the customer may edit a rep's follow-up.
    expect((await env().as(mgr).patch(`/activities/${ae.id}`, { content: '经理补充' })).body.content).toBe(
      '经理补充',
    );
  });

  it('lets the author edit and delete; deleted follow-ups leave the list', async () => {
    const { body: a } = await env()
      .as(rep)
      .post('/activities', { kind: 'visit', content: '上门', customer_id: customer.id });
    const edited = await env().as(rep).patch(`/activities/${a.id}`, { kind: 'call', content: '改为电话' });
    expect(edited.body).toMatchObject({ kind: 'call', content: '改为电话' });
    expect((await env().as(rep).patch(`/activities/${a.id}`, { customer_id: other.id })).status).toBe(400);
    expect((await env().as(rep).delete(`/activities/${a.id}`)).status).toBe(204);
    expect((await env().as(rep).get(`/activities/${a.id}`)).status).toBe(404);
    const f = filterParam([{ field: 'customer_id', op: 'eq', value: customer.id }]);
    expect(ids((await env().as(rep).get(`/activities?filter=${f}&limit=200`)).body.items)).not.toContain(
      a.id,
    );
    const types = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('record_id', '=', a.id)
      .orderBy('seq')
      .execute();
    expect(types.map((t) => t.type)).toEqual(['activity.created', 'activity.updated', 'activity.deleted']);
  });
});

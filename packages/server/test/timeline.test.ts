import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { newId } from '../src/core/ids';
import { defaultPipeline, insertContact, makeCustomer } from './sales-fixtures';

interface Item {
  key: string;
  type: string;
  at: string;
  actor: { id: string; name: string } | null;
  [k: string]: any;
}

describeEachDialect('timeline', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let customer: { id: string };
  let contact: string;
  let dealId: string;
  let pipe: Awaited<ReturnType<typeof defaultPipeline>>;

  const step = () => env().clock.advance(60_000);

  /** Every item of a timeline, read page by page. */
  const readAll = async (user: TestUser, id: string, limit: number) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/customers/${id}/timeline?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const res: any = await env().as(user).get(url);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      items.push(...res.body.items);
      cursor = res.body.next_cursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '孙悦' });
    rep2 = await env().makeUser('rep', { name: '周航' });
    pipe = await defaultPipeline(env());
    customer = await makeCustomer(env(), rep, '深圳南山智造');
    step();
    contact = await insertContact(env(), customer.id, '李工');
    await env().as(rep).patch(`/customers/${customer.id}`, { industry: '智能制造' });
    step();
    await env()
      .as(rep)
      .post('/activities', { kind: 'call', content: '首次电话沟通', customer_id: customer.id });
    step();
    dealId = (
      await env().as(rep).post('/deals', {
        name: '南山产线改造',
        customer_id: customer.id,
        pipeline_id: pipe.id,
        amount: 880_000,
      })
    ).body.id;
    step();
    await env().as(rep).patch(`/deals/${dealId}`, { stage_id: pipe.open[1]!.id });
    step();
    const task = (
      await env()
        .as(rep)
        .post('/tasks', { title: '安排技术交流', related_type: 'customer', related_id: customer.id })
    ).body;
    step();
    await env().as(rep).post(`/tasks/${task.id}/complete`);
    step();
    await env().as(rep).post('/activities', { kind: 'visit', content: '拜访李工', contact_id: contact });
  });

  it('merges follow-ups, changes, stage moves and tasks, newest first', async () => {
    const res = await env().as(rep).get(`/customers/${customer.id}/timeline`);
    expect(res.status).toBe(200);
    const items: Item[] = res.body.items;
    expect(
      items.map((i) =>
        i.type === 'task'
          ? `task:${i.event}`
          : i.type === 'change'
            ? `change:${i.entity}:${i.action}`
            : i.type,
      ),
    ).toEqual([
      'activity',
      'task:completed',
      'task:created',
      'deal',
      'change:deal:created',
      'activity',
      'change:customer:updated',
      'change:customer:created',
    ]);
    const ats = items.map((i) => i.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(items[0]).toMatchObject({
      kind: 'visit',
      content: '拜访李工',
      contact_id: contact,
      actor: { id: rep.id, name: '孙悦' },
    });
    expect(items[3]).toMatchObject({
      deal_id: dealId,
      deal_name: '南山产线改造',
      from_stage: { id: pipe.open[0]!.id, name: '初步接触', kind: 'open' },
      to_stage: { id: pipe.open[1]!.id, name: '需求确认', kind: 'open' },
    });
    expect(items[4]).toMatchObject({ record_id: dealId, record_name: '南山产线改造' });
    expect(items[6]!.changes).toEqual({ industry: { before: null, after: '智能制造' } });
    expect(items[1]).toMatchObject({
      title: '安排技术交流',
      status: 'done',
      assignee: { id: rep.id, name: '孙悦' },
    });
    expect(res.body.next_cursor).toBeNull();
    // Last-contact bumps made by follow-ups are not repeated as changes.
    expect(items.filter((i) => i.type === 'change' && 'last_contact_at' in (i.changes ?? {}))).toEqual([]);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const all = await readAll(rep, customer.id, 100);
    for (const limit of [1, 2, 3, 5])
      expect((await readAll(rep, customer.id, limit)).map((i) => i.key)).toEqual(all.map((i) => i.key));
    const bad = await env().as(rep).get(`/customers/${customer.id}/timeline?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('cursor');
  });

  it('orders entries of the same instant stably across pages', async () => {
    const c = await makeCustomer(env(), rep, '同一时刻客户');
    // Everything below happens in the same frozen millisecond.
    for (let i = 0; i < 3; i++)
      await env()
        .as(rep)
        .post('/activities', { kind: 'note', content: `备注${i}`, customer_id: c.id });
    const t = (
      await env()
        .as(rep)
        .post('/tasks', { title: '立刻完成', related_type: 'customer', related_id: c.id, status: 'done' })
    ).body;
    await env().as(rep).patch(`/customers/${c.id}`, { level: 'A' });
    const all = await readAll(rep, c.id, 100);
    expect(all).toHaveLength(7);
    expect(all.filter((i) => i.task_id === t.id).map((i) => i.event)).toEqual(['completed', 'created']);
    for (const limit of [1, 2, 4])
      expect((await readAll(rep, c.id, limit)).map((i) => i.key)).toEqual(all.map((i) => i.key));
    expect(new Set(all.map((i) => i.key)).size).toBe(7);
  });

  it('answers 404 for customers outside the actor’s scope; managers and admins see them', async () => {
    expect((await env().as(rep2).get(`/customers/${customer.id}/timeline`)).status).toBe(404);
    expect((await env().as(rep2).get(`/customers/${customer.id}/360`)).status).toBe(404);
    expect((await env().as(rep).get(`/customers/01890000-0000-7000-8000-000000000000/timeline`)).status).toBe(
      404,
    );
    expect((await env().as(env().admin).get(`/customers/${customer.id}/timeline`)).body.items).toHaveLength(
      8,
    );
    const dept = await env().makeDepartment('深圳组');
    const mgr = await env().makeUser('manager', { departmentId: dept });
    const deptRep = await env().makeUser('rep', { departmentId: dept });
    const c = await makeCustomer(env(), deptRep, '部门客户');
    expect((await env().as(mgr).get(`/customers/${c.id}/timeline`)).status).toBe(200);
    expect((await env().as(mgr).get(`/customers/${customer.id}/timeline`)).status).toBe(404);
  });

  it('leaves out deals the reader may not see, even on a visible customer', async () => {
    const c = await makeCustomer(env(), rep, '合作客户');
    const hidden = (
      await env()
        .as(env().admin)
        .post('/deals', { name: '同事的商机', customer_id: c.id, pipeline_id: pipe.id, owner_id: rep2.id })
    ).body;
    expect(hidden.owner_id).toBe(rep2.id);
    const mine = (await readAll(rep, c.id, 50)).filter(
      (i) => i.record_id === hidden.id || i.deal_id === hidden.id,
    );
    expect(mine).toEqual([]);
    expect((await readAll(env().admin, c.id, 50)).some((i) => i.record_id === hidden.id)).toBe(true);
    const view = await env().as(rep).get(`/customers/${c.id}/360`);
    expect(view.body.open_deals).toEqual([]);
    expect(view.body.counts.deals).toBe(0);
  });

  it('shows the 360 view: customer with tags, contacts, open deals with stage names, counts and the first page', async () => {
    const db = env().database.db;
    const tagId = newId();
    const now = env().clock.now().toISOString();
    await db
      .insertInto('tags')
      .values({
        id: tagId,
        workspace_id: env().ws.workspaceId,
        name: '重点客户',
        color: '#ff0000',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('record_tags')
      .values({
        workspace_id: env().ws.workspaceId,
        tag_id: tagId,
        record_type: 'customer',
        record_id: customer.id,
        created_at: now,
      })
      .execute();
    const won = (
      await env().as(rep).post('/deals', {
        name: '已赢单',
        customer_id: customer.id,
        pipeline_id: pipe.id,
        stage_id: pipe.won.id,
      })
    ).body;
    const res = await env().as(rep).get(`/customers/${customer.id}/360`);
    expect(res.status).toBe(200);
    expect(res.body.customer).toMatchObject({
      id: customer.id,
      name: '深圳南山智造',
      tags: [{ id: tagId, name: '重点客户' }],
    });
    expect(res.body.contacts.map((c: { name: string }) => c.name)).toEqual(['李工']);
    expect(res.body.open_deals.map((d: any) => [d.id, d.stage_name])).toEqual([[dealId, '需求确认']]);
    expect(res.body.open_deals.map((d: any) => d.id)).not.toContain(won.id);
    expect(res.body.counts).toEqual({
      contacts: 1,
      deals: 2,
      open_deals: 1,
      won_deals: 1,
      activities: 2,
      open_tasks: 0,
    });
    expect(res.body.timeline.items[0]).toMatchObject({
      type: 'change',
      entity: 'deal',
      action: 'created',
      record_id: won.id,
    });
  });
});

describeEachDialect('timeline of a converted lead', (env) => {
  it('shows follow-ups logged on the lead before and after conversion', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const { body: lead } = await e.as(rep).post('/leads', { name: '周晓', company_name: '合肥晓光电子' });
    const before = await e
      .as(rep)
      .post('/activities', { kind: 'call', content: '首次电话', lead_id: lead.id });
    expect(before.status).toBe(201);
    e.clock.advance(60_000);
    const converted = await e.as(rep).post(`/leads/${lead.id}/convert`, {});
    expect(converted.status).toBe(200);
    const customerId = converted.body.customer.id;
    e.clock.advance(60_000);
    const after = await e
      .as(rep)
      .post('/activities', { kind: 'visit', content: '转化后拜访', lead_id: lead.id });
    expect(after.body.customer_id).toBe(customerId);
    const timeline = await e.as(rep).get(`/customers/${customerId}/timeline`);
    const contents = timeline.body.items
      .filter((i: Item) => i.type === 'activity')
      .map((i: Item) => i.content);
    expect(contents).toEqual(['转化后拜访', '首次电话']);
  });
});

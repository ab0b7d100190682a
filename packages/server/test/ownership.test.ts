import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';

describeEachDialect('ownership transfer and hand-over', (env) => {
  it('transfers selected customers with their open deals and tasks, audits and notifies', async () => {
    const e = env();
    const manager = await e.makeUser('manager');
    const from = await e.makeUser('rep', { name: '王五' });
    const to = await e.makeUser('rep', { name: '赵六' });
    const { body: a } = await e.as(from).post('/customers', { name: '转移客户甲' });
    const { body: b } = await e.as(from).post('/customers', { name: '转移客户乙' });
    const { body: stay } = await e.as(from).post('/customers', { name: '留下的客户' });
    const db = e.database.db;
    const stage = await db
      .selectFrom('stages')
      .select(['id', 'pipeline_id'])
      .where('pipeline_id', '=', e.ws.pipelineId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const now = e.clock.now().toISOString();
    // Rows inserted directly: this suite is about ownership, not deal or task rules.
    await db
      .insertInto('deals')
      .values({
        id: '01900000-0000-7000-8000-00000000d001',
        workspace_id: e.ws.workspaceId,
        name: '甲的商机',
        customer_id: a.id,
        contact_id: null,
        pipeline_id: stage.pipeline_id,
        stage_id: stage.id,
        status: 'open',
        amount: 100,
        currency: 'CNY',
        expected_close_date: null,
        stage_entered_at: now,
        won_at: null,
        lost_at: null,
        lost_reason: null,
        description: null,
        owner_id: from.id,
        custom: '{}',
        created_by: from.id,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();
    await db
      .insertInto('tasks')
      .values({
        id: '01900000-0000-7000-8000-00000000e001',
        workspace_id: e.ws.workspaceId,
        title: '回访',
        description: null,
        assignee_id: from.id,
        due_at: null,
        start_at: null,
        status: 'open',
        completed_at: null,
        related_type: 'customer',
        related_id: a.id,
        customer_id: a.id,
        created_by: from.id,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();

    const res = await e
      .as(manager)
      .post('/ownership/transfer', { record_type: 'customer', ids: [a.id, b.id], owner_id: to.id });
    expect(res.status).toBe(200);
    expect(res.body.moved).toEqual({ lead: 0, customer: 2, deal: 1, task: 1 });
    expect((await e.as(to).get(`/customers/${a.id}`)).status).toBe(200);
    expect((await e.as(from).get(`/customers/${a.id}`)).status).toBe(404);
    expect((await e.as(from).get(`/customers/${stay.id}`)).status).toBe(200);
    const deal = await db
      .selectFrom('deals')
      .select('owner_id')
      .where('id', '=', '01900000-0000-7000-8000-00000000d001')
      .executeTakeFirstOrThrow();
    expect(deal.owner_id).toBe(to.id);
    const events = await db
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', a.id)
      .where('type', '=', 'customer.owner_changed')
      .execute();
    expect(events).toHaveLength(1);

    const inbox = await e.as(to).get('/notifications');
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items[0].title).toContain('2 个客户');
    expect(inbox.body.items[0].title).toContain('王五');
    const old = await e.as(from).get('/notifications');
    expect(old.body.items[0].title).toContain('赵六');
  });

  it('refuses a rep without transfer rights and ids outside the scope, writing nothing', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const other = await e.makeUser('rep');
    const { body: c } = await e.as(rep).post('/customers', { name: '不许转' });
    expect(
      (
        await e
          .as(rep)
          .post('/ownership/transfer', { record_type: 'customer', ids: [c.id], owner_id: other.id })
      ).status,
    ).toBe(403);
    const north = await e.makeDepartment('华北');
    const northManager = await e.makeUser('manager', { departmentId: north });
    const northRep = await e.makeUser('rep', { departmentId: north });
    const res = await e
      .as(northManager)
      .post('/ownership/transfer', { record_type: 'customer', ids: [c.id], owner_id: northRep.id });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('ids[0]');
    expect((await e.as(rep).get(`/customers/${c.id}`)).body.owner_id).toBe(rep.id);
  });

  it('previews then hands over everything a leaving user owns', async () => {
    const e = env();
    const leaving = await e.makeUser('rep');
    const heir = await e.makeUser('rep');
    for (const name of ['交接一', '交接二', '交接三']) await e.as(leaving).post('/customers', { name });
    const preview = await e
      .as(e.admin)
      .post('/ownership/handover', { from_user_id: leaving.id, to_user_id: heir.id, preview: true });
    expect(preview.body).toEqual({ preview: true, moved: { lead: 0, customer: 3, deal: 0, task: 0 } });
    expect((await e.as(leaving).get('/customers')).body.items).toHaveLength(3);
    const done = await e
      .as(e.admin)
      .post('/ownership/handover', { from_user_id: leaving.id, to_user_id: heir.id });
    expect(done.body.moved.customer).toBe(3);
    expect((await e.as(leaving).get('/customers')).body.items).toHaveLength(0);
    expect((await e.as(heir).get('/customers')).body.items).toHaveLength(3);
    const same = await e
      .as(e.admin)
      .post('/ownership/handover', { from_user_id: heir.id, to_user_id: heir.id });
    expect(same.status).toBe(400);
  });

  it('marks notifications read', async () => {
    const e = env();
    const a = await e.makeUser('rep');
    const b = await e.makeUser('rep');
    const { body: c } = await e.as(a).post('/customers', { name: '通知测试' });
    await e.as(e.admin).post('/ownership/transfer', { record_type: 'customer', ids: [c.id], owner_id: b.id });
    const list = await e.as(b).get('/notifications?unread=true');
    expect(list.body.items[0]).toMatchObject({ entity: 'customer', record_id: c.id });
    expect((await e.as(b).post('/notifications/read', { ids: [list.body.items[0].id] })).body.updated).toBe(
      1,
    );
    expect((await e.as(b).get('/notifications')).body.unread).toBe(0);
  });
});

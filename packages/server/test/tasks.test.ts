import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import type { NotificationMessage } from '../src/modules/notifications/notification.bus';
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

describeEachDialect('tasks', (env) => {
  let dept: string;
  let mgr: TestUser;
  let rep: TestUser;
  let rep2: TestUser;
  let customer: { id: string };

  beforeAll(async () => {
    dept = await env().makeDepartment('华南区');
    mgr = await env().makeUser('manager', { departmentId: dept, name: '黄经理' });
    rep = await env().makeUser('rep', { departmentId: dept, name: '林一' });
    rep2 = await env().makeUser('rep', { name: '吴二' });
    customer = await makeCustomer(env(), rep, '广州珠江贸易');
  });

  const notificationsOf = (userId: string) =>
    env()
      .database.db.selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'task_assigned')
      .execute();

  it('creates a task for oneself by default, without notifying anyone', async () => {
    const before = await countRows(env(), 'notifications');
    const res = await env()
      .as(rep)
      .post('/tasks', { title: '准备报价单', due_at: '2026-11-25T10:00:00+08:00' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      assignee_id: rep.id,
      assignee_name: '林一',
      created_by: rep.id,
      status: 'open',
      due_at: '2026-11-25T02:00:00.000Z',
      completed_at: null,
    });
    expect(await countRows(env(), 'notifications')).toBe(before);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', res.body.id)
      .execute();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['task', 'created']]);
  });

  it('notifies the assignee after commit when a manager assigns a task', async () => {
    const pushed: NotificationMessage[] = [];
    const stop = env().deps.notifier.subscribe(rep.id, (m) => pushed.push(m));
    const res = await env().as(mgr).post('/tasks', {
      title: '回访珠江贸易',
      assignee_id: rep.id,
      related_type: 'customer',
      related_id: customer.id,
    });
    stop();
    expect(res.status).toBe(201);
    expect(res.body.customer_id).toBe(customer.id);
    const rows = (await notificationsOf(rep.id)).filter((n) => n.record_id === res.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ entity: 'task', title: '新任务：回访珠江贸易' });
    expect(pushed.map((m) => [m.kind, m.recordId])).toEqual([['task_assigned', res.body.id]]);
    // Both the assignee and the creator see it.
    expect((await env().as(rep).get(`/tasks/${res.body.id}`)).status).toBe(200);
    expect((await env().as(mgr).get(`/tasks/${res.body.id}`)).status).toBe(200);

    const { body: own } = await env().as(mgr).post('/tasks', { title: '经理自己的事' });
    const moved = await env().as(mgr).patch(`/tasks/${own.id}`, { assignee_id: rep.id });
    expect(moved.body.assignee_id).toBe(rep.id);
    expect((await notificationsOf(rep.id)).filter((n) => n.record_id === own.id)).toHaveLength(1);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const disabled = await env().makeUser('rep', { departmentId: dept });
    await env()
      .database.db.updateTable('users')
      .set({ status: 'disabled' })
      .where('id', '=', disabled.id)
      .execute();
    const foreignCustomer = await makeCustomer(env(), rep2, '别人的客户');
    const foreignContact = await insertContact(env(), foreignCustomer.id, '别人的联系人');
    const foreignLead = await insertLead(env(), rep2.id, '别人的线索');
    const before = [
      await countRows(env(), 'tasks'),
      await countRows(env(), 'notifications'),
      await countRows(env(), 'audit_log'),
    ];
    const cases: [TestUser, unknown, string][] = [
      [rep, { title: '' }, 'title'],
      [rep, { title: 'x', assignee_id: rep2.id }, 'assignee_id'],
      [rep, { title: 'x', assignee_id: mgr.id }, 'assignee_id'],
      [mgr, { title: 'x', assignee_id: rep2.id }, 'assignee_id'],
      [mgr, { title: 'x', assignee_id: disabled.id }, 'assignee_id'],
      [mgr, { title: 'x', assignee_id: '01890000-0000-7000-8000-000000000000' }, 'assignee_id'],
      [rep, { title: 'x', start_at: '2026-11-26T00:00:00Z', due_at: '2026-11-25T00:00:00Z' }, 'due_at'],
      [rep, { title: 'x', related_type: 'customer', related_id: foreignCustomer.id }, 'related_id'],
      [rep, { title: 'x', related_type: 'contact', related_id: foreignContact }, 'related_id'],
      [rep, { title: 'x', related_type: 'lead', related_id: foreignLead }, 'related_id'],
      [rep, { title: 'x', related_type: 'deal', related_id: customer.id }, 'related_id'],
      [rep, { title: 'x', related_type: 'customer' }, 'related_id'],
      [rep, { title: 'x', related_id: customer.id }, 'related_type'],
      [rep, { title: 'x', status: 'waiting' }, 'status'],
    ];
    for (const [user, body, path] of cases) {
      const res = await env().as(user).post('/tasks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res.body), JSON.stringify(body)).toContain(path);
    }
    expect([
      await countRows(env(), 'tasks'),
      await countRows(env(), 'notifications'),
      await countRows(env(), 'audit_log'),
    ]).toEqual(before);
  });

  it('derives the customer from a related contact or deal', async () => {
    const contact = await insertContact(env(), customer.id, '采购主管');
    const pipe = await defaultPipeline(env());
    const { body: deal } = await env()
      .as(rep)
      .post('/deals', { name: '珠江年度合同', customer_id: customer.id, pipeline_id: pipe.id });
    const viaContact = await env()
      .as(rep)
      .post('/tasks', { title: '给采购主管寄样品', related_type: 'contact', related_id: contact });
    expect(viaContact.body.customer_id).toBe(customer.id);
    const viaDeal = await env()
      .as(rep)
      .post('/tasks', { title: '跟进合同', related_type: 'deal', related_id: deal.id });
    expect(viaDeal.body.customer_id).toBe(customer.id);
    const lead = await insertLead(env(), rep.id, '自己的线索');
    const viaLead = await env()
      .as(rep)
      .post('/tasks', { title: '打电话', related_type: 'lead', related_id: lead });
    expect(viaLead.body).toMatchObject({ related_type: 'lead', related_id: lead, customer_id: null });
    const unlinked = await env()
      .as(rep)
      .patch(`/tasks/${viaDeal.body.id}`, { related_type: null, related_id: null });
    expect(unlinked.body).toMatchObject({ related_type: null, related_id: null, customer_id: null });
  });

  it('completes, reopens and uses the complete shortcut', async () => {
    const { body: t } = await env().as(rep).post('/tasks', { title: '发送合同' });
    env().clock.advance(60_000);
    const done = await env().as(rep).patch(`/tasks/${t.id}`, { status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', completed_at: env().clock.now().toISOString() });
    const reopened = await env().as(rep).patch(`/tasks/${t.id}`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', completed_at: null });
    const renamed = await env().as(rep).patch(`/tasks/${t.id}`, { title: '发送合同（盖章版）' });
    expect(renamed.body.status).toBe('open');
    const shortcut = await env().as(rep).post(`/tasks/${t.id}/complete`);
    expect(shortcut.status).toBe(200);
    expect(shortcut.body.status).toBe('done');
    const window = await env()
      .as(rep)
      .patch(`/tasks/${t.id}`, { start_at: '2026-12-01T00:00:00Z', due_at: '2026-11-30T00:00:00Z' });
    expect(paths(window.body)).toEqual(['due_at']);
  });

  it('filters by status, assignee, due today and overdue', async () => {
    const u = await env().makeUser('rep', { departmentId: dept });
    const mk = async (title: string, due_at: string | null, status = 'open') =>
      (await env().as(u).post('/tasks', { title, due_at, status })).body.id as string;
    // Now is 2026-11-23 10:00 in Shanghai (plus the minutes earlier tests advanced).
    const overdue = await mk('昨天就该做', '2026-11-22T08:00:00Z');
    const todayLater = await mk('今天晚些', '2026-11-23T12:00:00Z');
    const doneLate = await mk('已完成的过期任务', '2026-11-20T08:00:00Z', 'done');
    const nextWeek = await mk('下周', '2026-12-01T08:00:00Z');
    const q = async (query: string) => ids((await env().as(u).get(`/tasks?${query}`)).body.items);
    expect(await q('overdue=true')).toEqual([overdue]);
    expect(
      (await q(`filter=${filterParam([{ field: 'due_at', op: 'period', value: 'today' }])}`)).sort(),
    ).toEqual([todayLater].sort());
    expect(await q(`filter=${filterParam([{ field: 'status', op: 'eq', value: 'done' }])}`)).toEqual([
      doneLate,
    ]);
    expect(
      await q(`filter=${filterParam([{ field: 'assignee_id', op: 'eq', value: u.id }])}&sort=due_at`),
    ).toEqual([doneLate, overdue, todayLater, nextWeek]);
    const overdueByFilter = filterParam([
      { field: 'due_at', op: 'lt', value: env().clock.now().toISOString() },
      { field: 'status', op: 'eq', value: 'open' },
    ]);
    expect(await q(`filter=${overdueByFilter}`)).toEqual([overdue]);
  });

  it('hides other people’s tasks behind 404; managers see their department, admin all', async () => {
    const { body: t } = await env().as(rep).post('/tasks', { title: '林一的私事' });
    expect((await env().as(rep2).get(`/tasks/${t.id}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/tasks/${t.id}`, { title: 'x' })).status).toBe(404);
    expect((await env().as(rep2).post(`/tasks/${t.id}/complete`)).status).toBe(404);
    expect((await env().as(rep2).delete(`/tasks/${t.id}`)).status).toBe(404);
    expect(ids((await env().as(rep2).get('/tasks?limit=200')).body.items)).not.toContain(t.id);
    expect((await env().as(mgr).get(`/tasks/${t.id}`)).status).toBe(200);
    expect((await env().as(env().admin).get(`/tasks/${t.id}`)).status).toBe(200);
    const { body: theirs } = await env().as(rep2).post('/tasks', { title: '吴二的事' });
    expect((await env().as(mgr).get(`/tasks/${theirs.id}`)).status).toBe(404);
    expect((await env().as(rep).delete(`/tasks/${t.id}`)).status).toBe(204);
    expect((await env().as(rep).get(`/tasks/${t.id}`)).status).toBe(404);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { makeCustomer } from './sales-fixtures';
import { sweepRelativeTime } from '../src/modules/automations/time-triggers';

const DAY = 86_400_000;

describeEachDialect('automations: time, delays, waits, schedules, debounce', (env) => {
  let rep: TestUser;

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '周六' });
  });

  const admin = () => env().as(env().admin);
  const runsOf = (automationId: string) =>
    env()
      .database.db.selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', automationId)
      .orderBy('created_at')
      .execute();
  const tagsOf = async (id: string) =>
    (
      await env()
        .database.db.selectFrom('record_tags as rt')
        .innerJoin('tags as t', 't.id', 'rt.tag_id')
        .select('t.name')
        .where('rt.record_id', '=', id)
        .execute()
    ).map((r) => r.name);
  const setLastContact = (id: string, at: string) =>
    env().database.db.updateTable('customers').set({ last_contact_at: at }).where('id', '=', id).execute();

  it('a relative-time rule fires once per record when last contact + 30 days passes, again after new contact', async () => {
    const start = env().clock.now();
    const res = await admin().post('/automations', {
      name: '30 天未跟进',
      enabled: true,
      definition: {
        trigger: {
          type: 'relative_time',
          entity: 'customer',
          field: 'last_contact_at',
          direction: 'after',
          offset: { amount: 30, unit: 'days' },
        },
        conditions: { field: 'status', op: 'ne', value: 'lost' },
        steps: [{ id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['待唤醒'] } }],
      },
    });
    expect(res.status).toBe(201);
    const idle = await makeCustomer(env(), rep, '沉睡客户甲');
    const fresh = await makeCustomer(env(), rep, '活跃客户乙');
    const lost = await makeCustomer(env(), rep, '流失客户丙');
    await env().as(rep).patch(`/customers/${lost.id}`, { status: 'lost' });
    await setLastContact(idle.id, new Date(start.getTime() - 10 * DAY).toISOString());
    await setLastContact(lost.id, new Date(start.getTime() - 10 * DAY).toISOString());
    await setLastContact(fresh.id, new Date(start.getTime() - 2 * DAY).toISOString());

    env().clock.advance(19 * DAY);
    await env().worker.drain();
    expect(await tagsOf(idle.id)).toEqual([]);

    env().clock.advance(2 * DAY); // idle: 31 days since contact; fresh: 23
    await env().worker.drain();
    expect(await tagsOf(idle.id)).toEqual(['待唤醒']);
    expect(await tagsOf(fresh.id)).toEqual([]);
    expect(await tagsOf(lost.id)).toEqual([]);
    await env().worker.drain();
    expect((await runsOf(res.body.id)).map((r) => r.record_id)).toEqual([idle.id]);

    // A new follow-up starts a new 30 days.
    await env().database.db.deleteFrom('record_tags').where('record_id', '=', idle.id).execute();
    await setLastContact(idle.id, env().clock.now().toISOString());
    env().clock.advance(31 * DAY);
    await env().worker.drain();
    expect(await tagsOf(idle.id)).toEqual(['待唤醒']);
    expect(await tagsOf(fresh.id)).toEqual(['待唤醒']);
    expect(await runsOf(res.body.id)).toHaveLength(3);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('a sweep pages through the date index without missing records that share a timestamp', async () => {
    const start = env().clock.now();
    const res = await admin().post('/automations', {
      name: '分页扫描',
      enabled: true,
      definition: {
        trigger: {
          type: 'relative_time',
          entity: 'customer',
          field: 'last_contact_at',
          direction: 'after',
          offset: { amount: 1, unit: 'days' },
        },
        steps: [{ id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['分页'] } }],
      },
    });
    const ids: string[] = [];
    // Seven customers, five of them contacted at the same instant: pages of three split the tie.
    const times = [1, 2, 2, 2, 2, 2, 3].map((h) => new Date(start.getTime() + h * 3_600_000).toISOString());
    for (const [i, at] of times.entries()) {
      const c = await makeCustomer(env(), rep, `分页客户${i}`);
      await setLastContact(c.id, at);
      ids.push(c.id);
    }
    env().clock.advance(2 * DAY);
    expect(await sweepRelativeTime(env().automation, 3)).toBe(7);
    expect(await sweepRelativeTime(env().automation, 3)).toBe(0);
    await env().worker.drain();
    for (const id of ids) expect(await tagsOf(id)).toEqual(['分页']);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('a delay of business days waits over the weekend, and the run resumes where it stopped', async () => {
    // 2026-11-27 is a Friday; 10:00 in Shanghai.
    env().clock.set('2026-11-27T02:00:00Z');
    const res = await admin().post('/automations', {
      name: '两个工作日后回访',
      enabled: true,
      definition: {
        trigger: { type: 'record_created', entity: 'customer' },
        steps: [
          { id: 'wait', kind: 'delay', duration: { amount: 2, unit: 'business_days' } },
          {
            id: 'task',
            kind: 'action',
            params: { action: 'create_task', title: '回访 {{ record.name }}', assignee: { type: 'owner' } },
          },
        ],
      },
    });
    const c = await makeCustomer(env(), rep, '周五新客户');
    await env().worker.drain();
    const [run] = await runsOf(res.body.id);
    expect(run).toMatchObject({ status: 'waiting', resume_at: '2026-12-01T02:00:00.000Z' }); // Tuesday 10:00
    env().clock.set('2026-11-30T02:00:00Z');
    await env().worker.drain();
    expect((await runsOf(res.body.id))[0]!.status).toBe('waiting');
    env().clock.set('2026-12-01T02:00:01Z');
    await env().worker.drain();
    expect((await runsOf(res.body.id))[0]!.status).toBe('completed');
    const tasks = await env()
      .database.db.selectFrom('tasks')
      .select('title')
      .where('related_id', '=', c.id)
      .execute();
    expect(tasks.map((t) => t.title)).toEqual(['回访 周五新客户']);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('waits for the quote e-mail to be opened, or takes the timeout branch after 3 days', async () => {
    const res = await admin().post('/automations', {
      name: '报价邮件跟踪',
      enabled: true,
      definition: {
        trigger: { type: 'record_created', entity: 'customer' },
        steps: [
          {
            id: 'wait',
            kind: 'wait',
            event: 'client.email_opened',
            timeout: { amount: 3, unit: 'days' },
            then: [{ id: 'hot', kind: 'action', params: { action: 'add_tags', tags: ['已读报价'] } }],
            on_timeout: [{ id: 'cold', kind: 'action', params: { action: 'add_tags', tags: ['未读报价'] } }],
          },
        ],
      },
    });
    const opened = await makeCustomer(env(), rep, '打开邮件的客户');
    const silent = await makeCustomer(env(), rep, '没打开的客户');
    await env().worker.drain();
    const event = await admin().post('/events', {
      type: 'email_opened',
      entity: 'customer',
      record_id: opened.id,
      external_id: 'esp-123',
    });
    expect(event.status).toBe(202);
    const again = await admin().post('/events', {
      type: 'email_opened',
      entity: 'customer',
      record_id: opened.id,
      external_id: 'esp-123',
    });
    expect(again.body.duplicate).toBe(true);
    await env().worker.drain();
    expect(await tagsOf(opened.id)).toEqual(['已读报价']);
    expect(await tagsOf(silent.id)).toEqual([]);
    env().clock.advance(3 * DAY + 1000);
    await env().worker.drain();
    expect(await tagsOf(silent.id)).toEqual(['未读报价']);
    expect(await tagsOf(opened.id)).toEqual(['已读报价']);
    const runs = await runsOf(res.body.id);
    expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('a burst of edits inside the debounce window starts one run, after the last edit', async () => {
    const res = await admin().post('/automations', {
      name: '编辑完成后同步',
      enabled: true,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['address'], debounce_seconds: 60 },
        steps: [{ id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['地址已更新'] } }],
      },
    });
    const c = await makeCustomer(env(), rep, '频繁修改的客户');
    for (const address of ['上海市', '上海市浦东新区', '上海市浦东新区世纪大道 100 号']) {
      await env().as(rep).patch(`/customers/${c.id}`, { address });
      await env().worker.drain();
      env().clock.advance(20_000);
    }
    expect(await tagsOf(c.id)).toEqual([]);
    env().clock.advance(60_000);
    await env().worker.drain();
    expect(await tagsOf(c.id)).toEqual(['地址已更新']);
    const runs = await runsOf(res.body.id);
    expect(runs.map((r) => r.status)).toEqual(['completed']);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('a schedule fires in the workspace time zone for each matching record', async () => {
    env().clock.set('2026-12-06T16:00:00Z'); // Monday 00:00 in Shanghai
    const res = await admin().post('/automations', {
      name: '每周一早上提醒',
      enabled: true,
      definition: {
        trigger: { type: 'schedule', cron: '0 9 * * 1', entity: 'customer' },
        conditions: { field: 'name', op: 'contains', value: '周报' },
        steps: [{ id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['周一提醒'] } }],
      },
    });
    expect(res.body.next_fire_at).toBe('2026-12-07T01:00:00.000Z');
    const c = await makeCustomer(env(), rep, '周报客户');
    await env().worker.drain();
    expect(await tagsOf(c.id)).toEqual([]);
    env().clock.set('2026-12-07T01:00:30Z');
    await env().worker.drain();
    expect(await tagsOf(c.id)).toEqual(['周一提醒']);
    const row = await env()
      .database.db.selectFrom('automations')
      .select('next_fire_at')
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.next_fire_at).toBe('2026-12-14T01:00:00.000Z');
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });
});

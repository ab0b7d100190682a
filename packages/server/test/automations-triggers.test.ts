import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { defaultPipeline, makeCustomer } from './sales-fixtures';

describeEachDialect('automations: templates, stage and owner triggers, inbound events', (env) => {
  let rep: TestUser;
  let rep2: TestUser;

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '孙一' });
    rep2 = await env().makeUser('rep', { name: '孙二' });
  });

  const admin = () => env().as(env().admin);
  const tagsOf = async (id: string) =>
    (
      await env()
        .database.db.selectFrom('record_tags as rt')
        .innerJoin('tags as t', 't.id', 'rt.tag_id')
        .select('t.name')
        .where('rt.record_id', '=', id)
        .execute()
    ).map((r) => r.name);
  const noticesOf = (userId: string) =>
    env()
      .database.db.selectFrom('notifications')
      .select('title')
      .where('user_id', '=', userId)
      .where('kind', '=', 'automation')
      .execute();

  it('lists the templates and installs one that tells the old and the new owner of a transfer', async () => {
    const list = await admin().get('/automation-templates');
    expect(list.body.items.map((t: { key: string }) => t.key)).toEqual(
      expect.arrayContaining([
        'high_value_lead',
        'dormant_wakeup',
        'quote_timeout',
        'stage_timeout',
        'contract_expiring',
        'owner_changed',
        'human_handoff',
      ]),
    );
    const missing = await admin().post('/automation-templates/contract_expiring/install', { params: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('params.field');
    const badField = await admin().post('/automation-templates/contract_expiring/install', {
      params: { field: 'custom.nope' },
    });
    expect(badField.status).toBe(400);
    expect(badField.body.errors[0].path).toBe('definition.trigger.field');

    const installed = await admin().post('/automation-templates/owner_changed/install', {
      enabled: true,
      params: {},
    });
    expect(installed.status).toBe(201);
    expect(installed.body).toMatchObject({
      name: '客户转移通知',
      template_key: 'owner_changed',
      enabled: true,
    });
    const c = await makeCustomer(env(), rep, '转移测试客户');
    const moved = await admin().post('/ownership/transfer', {
      record_type: 'customer',
      ids: [c.id],
      owner_id: rep2.id,
    });
    expect(moved.status).toBe(200);
    await env().worker.drain();
    expect((await noticesOf(rep.id)).map((n) => n.title)).toContain('客户「转移测试客户」的负责人已变更');
    expect((await noticesOf(rep2.id)).map((n) => n.title)).toContain('客户「转移测试客户」的负责人已变更');
    const listed = await admin().get('/automations');
    const mine = listed.body.items.find((a: { id: string }) => a.id === installed.body.id);
    expect(mine).toMatchObject({ last_run_status: 'completed', health: { runs_7d: 1, failed_7d: 0 } });
    await admin().patch(`/automations/${installed.body.id}`, { enabled: false });
  });

  it('a stage change moves the deal on, and a stage gate refusal fails the run with what is missing', async () => {
    const p = await defaultPipeline(env());
    const [first, second, third] = p.open;
    const gated = await admin().patch(`/pipelines/${p.id}`, {
      stages: p.stages.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        ...(s.id === third!.id ? { gate: { required_fields: ['expected_close_date'], on_entry: {} } } : {}),
      })),
    });
    expect(gated.status).toBe(200);
    const res = await admin().post('/automations', {
      name: '自动推进',
      enabled: true,
      definition: {
        trigger: { type: 'stage_changed', to_stage_ids: [second!.id] },
        steps: [{ id: 'move', kind: 'action', params: { action: 'move_stage', stage_id: third!.id } }],
      },
    });
    expect(res.status).toBe(201);
    const c = await makeCustomer(env(), rep, '商机客户');
    const deal = await env().as(rep).post('/deals', {
      name: '年度采购',
      customer_id: c.id,
      pipeline_id: p.id,
      stage_id: first!.id,
      amount: 100_000,
    });
    await env().as(rep).patch(`/deals/${deal.body.id}`, { stage_id: second!.id });
    await env().worker.drain();
    const [run] = await env()
      .database.db.selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', res.body.id)
      .execute();
    expect(run!.status).toBe('failed');
    expect(run!.error).toContain('expected_close_date');
    const stillThere = await env()
      .database.db.selectFrom('deals')
      .select('stage_id')
      .where('id', '=', deal.body.id)
      .executeTakeFirstOrThrow();
    expect(stillThere.stage_id).toBe(second!.id);

    // With the required field filled, the retry moves the deal.
    await env().as(rep).patch(`/deals/${deal.body.id}`, { expected_close_date: '2026-12-31' });
    await admin().post('/automation-runs/retry', { ids: [run!.id] });
    await env().worker.drain();
    const after = await env()
      .database.db.selectFrom('deals')
      .select('stage_id')
      .where('id', '=', deal.body.id)
      .executeTakeFirstOrThrow();
    expect(after.stage_id).toBe(third!.id);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('tags a customer whose message mentions a keyword, from an event posted by an integration', async () => {
    const res = await admin().post('/automations', {
      name: '询价关键词',
      enabled: true,
      definition: {
        trigger: {
          type: 'client_event',
          event: 'message_received',
          entity: 'customer',
          keywords: ['报价', '价格'],
        },
        steps: [{ id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['询价'] } }],
      },
    });
    expect(res.status).toBe(201);
    const asking = await makeCustomer(env(), rep, '询价客户');
    const chatting = await makeCustomer(env(), rep, '闲聊客户');
    await env()
      .as(rep)
      .post('/events', {
        type: 'message_received',
        entity: 'customer',
        record_id: asking.id,
        data: { text: '麻烦发一下最新价格表' },
      });
    await env()
      .as(rep)
      .post('/events', {
        type: 'message_received',
        entity: 'customer',
        record_id: chatting.id,
        data: { text: '周末愉快' },
      });
    const foreign = await env()
      .as(rep2)
      .post('/events', { type: 'message_received', entity: 'customer', record_id: asking.id, data: {} });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('record_id');
    await env().worker.drain();
    expect(await tagsOf(asking.id)).toEqual(['询价']);
    expect(await tagsOf(chatting.id)).toEqual([]);
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('starts a run from an inbound webhook, whose address is its credential', async () => {
    const res = await admin().post('/automations', {
      name: '外部系统回调',
      enabled: true,
      definition: {
        trigger: { type: 'webhook' },
        steps: [
          {
            id: 'tell',
            kind: 'action',
            params: {
              action: 'notify',
              channel: 'in_app',
              recipients: [{ type: 'user', user_id: rep.id }],
              title: '收到订单 {{ event.body.order_no }}',
            },
          },
        ],
      },
    });
    expect(res.body.webhook_path).toMatch(/^\/api\/v1\/hooks\/automations\//);
    const hit = await env().app.inject({
      method: 'POST',
      url: res.body.webhook_path,
      payload: { order_no: 'SO-2026-001' },
    });
    expect(hit.statusCode).toBe(202);
    const wrong = await env().app.inject({
      method: 'POST',
      url: `/api/v1/hooks/automations/${res.body.id}/not-the-secret-0000`,
      payload: {},
    });
    expect(wrong.statusCode).toBe(404);
    await env().worker.drain();
    expect((await noticesOf(rep.id)).map((n) => n.title)).toContain('收到订单 SO-2026-001');
  });

  it('keeps automations to the people allowed to see or change them', async () => {
    expect((await env().as(rep).get('/automations')).status).toBe(403);
    const mgr = await env().makeUser('manager', { name: '孙经理' });
    expect((await env().as(mgr).get('/automations')).status).toBe(200);
    const create = await env()
      .as(mgr)
      .post('/automations', {
        name: 'x',
        definition: {
          trigger: { type: 'webhook' },
          steps: [{ id: 'a', kind: 'delay', duration: { amount: 1, unit: 'hours' } }],
        },
      });
    expect(create.status).toBe(403);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import {
  countRows,
  defaultPipeline,
  filterParam,
  ids,
  insertContact,
  insertProduct,
  makeCustomer,
  paths,
  put,
} from './sales-fixtures';

describeEachDialect('deals', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let pipe: Awaited<ReturnType<typeof defaultPipeline>>;
  let customer: { id: string };
  let other: { id: string };

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '王芳' });
    rep2 = await env().makeUser('rep', { name: '赵强' });
    pipe = await defaultPipeline(env());
    customer = await makeCustomer(env(), rep, '苏州恒远精密机械');
    other = await makeCustomer(env(), rep2, '无锡另一家');
  });

  const newDeal = async (body: Record<string, unknown> = {}, as = rep) => {
    const res = await env()
      .as(as)
      .post('/deals', { name: '年度采购', customer_id: customer.id, pipeline_id: pipe.id, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  it('creates a deal in the first open stage with audit, event and search grams', async () => {
    const deal = await newDeal({
      name: '恒远二期数控设备采购',
      amount: 1_280_000,
      expected_close_date: '2026-12-20',
    });
    expect(deal).toMatchObject({
      owner_id: rep.id,
      stage_id: pipe.open[0]!.id,
      status: 'open',
      stage_entered_at: '2026-11-23T02:00:00.000Z',
      won_at: null,
      customer_name: '苏州恒远精密机械',
      stage_name: '初步接触',
      pipeline_name: '标准销售流程',
      currency: 'CNY',
    });
    const db = env().database.db;
    const audit = await db.selectFrom('audit_log').selectAll().where('record_id', '=', deal.id).execute();
    expect(audit.map((a) => [a.entity, a.action, a.customer_id])).toEqual([['deal', 'created', customer.id]]);
    const events = await db.selectFrom('events').select('type').where('record_id', '=', deal.id).execute();
    expect(events.map((e) => e.type)).toEqual(['deal.created']);
    const found = await env()
      .as(rep)
      .get(`/deals?q=${encodeURIComponent('数控')}`);
    expect(ids(found.body.items)).toEqual([deal.id]);
    expect(
      (
        await env()
          .as(rep2)
          .get(`/deals?q=${encodeURIComponent('数控')}`)
      ).body.items,
    ).toEqual([]);
  });

  it('rejects bad references with field paths and writes nothing', async () => {
    const { body: second } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '第二漏斗',
        stages: [
          { name: 'A', kind: 'open', probability: 10 },
          { name: 'B', kind: 'won', probability: 100 },
          { name: 'C', kind: 'lost', probability: 0 },
        ],
      });
    const foreignContact = await insertContact(env(), other.id, '别家联系人');
    const before = [await countRows(env(), 'deals'), await countRows(env(), 'audit_log')];
    const base = { name: '坏商机', customer_id: customer.id, pipeline_id: pipe.id };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, customer_id: other.id }, 'customer_id'],
      [{ ...base, customer_id: '01890000-0000-7000-8000-000000000000' }, 'customer_id'],
      [{ ...base, contact_id: foreignContact }, 'contact_id'],
      [{ ...base, pipeline_id: '01890000-0000-7000-8000-000000000000' }, 'pipeline_id'],
      [{ ...base, stage_id: second.stages[0].id }, 'stage_id'],
      [{ ...base, stage_id: pipe.lost.id }, 'lost_reason'],
      [{ ...base, lost_reason: '价格' }, 'lost_reason'],
      [{ ...base, amount: -1 }, 'amount'],
      [{ ...base, expected_close_date: '2026-13-01' }, 'expected_close_date'],
      [{ ...base, owner_id: rep2.id }, 'owner_id'],
      [{ ...base, probability: 50 }, 'probability'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(rep).post('/deals', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res.body), JSON.stringify(body)).toContain(path);
    }
    expect([await countRows(env(), 'deals'), await countRows(env(), 'audit_log')]).toEqual(before);
  });

  it('moves through stages: stage_changed events, won and lost rules, reopening clears them', async () => {
    const deal = await newDeal({ amount: 50_000 });
    const db = env().database.db;
    env().clock.advance(3_600_000);
    const moved = await env().as(rep).patch(`/deals/${deal.id}`, { stage_id: pipe.open[2]!.id });
    expect(moved.status).toBe(200);
    expect(moved.body.stage_entered_at).toBe(env().clock.now().toISOString());
    expect(moved.body.stage_name).toBe('方案报价');

    env().clock.advance(3_600_000);
    const won = await env().as(rep).patch(`/deals/${deal.id}`, { stage_id: pipe.won.id });
    expect(won.body).toMatchObject({ status: 'won', won_at: env().clock.now().toISOString(), lost_at: null });
    const c = await db
      .selectFrom('customers')
      .select('last_won_at')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(c.last_won_at).toBe(env().clock.now().toISOString());

    const noReason = await env().as(rep).patch(`/deals/${deal.id}`, { stage_id: pipe.lost.id });
    expect(noReason.status).toBe(400);
    expect(paths(noReason.body)).toEqual(['lost_reason']);
    expect((await env().as(rep).get(`/deals/${deal.id}`)).body.status).toBe('won');

    env().clock.advance(60_000);
    const lost = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: pipe.lost.id, lost_reason: '预算取消' });
    expect(lost.body).toMatchObject({
      status: 'lost',
      won_at: null,
      lost_at: env().clock.now().toISOString(),
      lost_reason: '预算取消',
    });
    const emptied = await env().as(rep).patch(`/deals/${deal.id}`, { lost_reason: null });
    expect(paths(emptied.body)).toEqual(['lost_reason']);

    const reopened = await env().as(rep).patch(`/deals/${deal.id}`, { stage_id: pipe.open[1]!.id });
    expect(reopened.body).toMatchObject({ status: 'open', won_at: null, lost_at: null, lost_reason: null });

    const events = await db
      .selectFrom('events')
      .selectAll()
      .where('record_id', '=', deal.id)
      .where('type', '=', 'deal.stage_changed')
      .orderBy('seq')
      .execute();
    const payloads = events.map((e) => env().database.dialect.readJson<Record<string, unknown>>(e.payload));
    expect(payloads.map((p) => [p.from_kind, p.to_kind])).toEqual([
      ['open', 'open'],
      ['open', 'won'],
      ['won', 'lost'],
      ['lost', 'open'],
    ]);
    expect(payloads[1]).toMatchObject({
      from_stage_id: pipe.open[2]!.id,
      to_stage_id: pipe.won.id,
      pipeline_id: pipe.id,
      customer_id: customer.id,
    });
    // Won is final for the customer's last win even when the deal is later lost.
    const after = await db
      .selectFrom('customers')
      .select('last_won_at')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(after.last_won_at).toBe(c.last_won_at);
  });

  it('moves a deal to another pipeline only with a stage of that pipeline', async () => {
    const deal = await newDeal();
    const { body: second } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '续约',
        stages: [
          { name: '续约沟通', kind: 'open', probability: 60 },
          { name: '已续约', kind: 'won', probability: 100 },
          { name: '流失', kind: 'lost', probability: 0 },
        ],
      });
    const noStage = await env().as(rep).patch(`/deals/${deal.id}`, { pipeline_id: second.id });
    expect(paths(noStage.body)).toEqual(['stage_id']);
    const wrongStage = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { pipeline_id: second.id, stage_id: pipe.open[1]!.id });
    expect(wrongStage.status).toBe(400);
    expect(paths(wrongStage.body)).toEqual(['stage_id']);
    const foreign = await env().as(rep).patch(`/deals/${deal.id}`, { stage_id: second.stages[0].id });
    expect(paths(foreign.body)).toEqual(['stage_id']);
    const ok = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { pipeline_id: second.id, stage_id: second.stages[0].id });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      pipeline_id: second.id,
      stage_id: second.stages[0].id,
      pipeline_name: '续约',
      stage_name: '续约沟通',
    });
    const ev = await env()
      .database.db.selectFrom('events')
      .selectAll()
      .where('record_id', '=', deal.id)
      .where('type', '=', 'deal.stage_changed')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson<Record<string, unknown>>(ev.payload)).toMatchObject({
      pipeline_id: second.id,
      from_pipeline_id: pipe.id,
    });
  });

  it('replaces line items in one go; the amount becomes their sum', async () => {
    const deal = await newDeal({ amount: 1 });
    const contact = await insertContact(env(), customer.id, '采购经理');
    expect((await env().as(rep).patch(`/deals/${deal.id}`, { contact_id: contact })).body.contact_name).toBe(
      '采购经理',
    );
    const lathe = await insertProduct(env(), '数控车床', 1_999_900);
    const service = await insertProduct(env(), '安装服务', 33_333);
    const res = await put(env(), rep, `/deals/${deal.id}/items`, {
      items: [
        { product_id: lathe, quantity: 3, discount_percent: 10 },
        { product_id: service, quantity: 1.5, unit_price: 20_001 },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 3 × 1,999,900 × 0.9 = 5,399,730; 1.5 × 20,001 = 30,001.5 → 30,002
    expect(res.body.items.map((i: any) => [i.product_name, i.unit_price, i.amount])).toEqual([
      ['数控车床', 1_999_900, 5_399_730],
      ['安装服务', 20_001, 30_002],
    ]);
    expect(res.body.amount).toBe(5_429_732);
    const got = await env().as(rep).get(`/deals/${deal.id}`);
    expect(got.body).toMatchObject({
      amount: 5_429_732,
      customer_name: '苏州恒远精密机械',
      stage_name: '初步接触',
      pipeline_name: '标准销售流程',
    });
    expect(got.body.items).toHaveLength(2);

    const itemsBefore = await countRows(env(), 'deal_items');
    const bad = await put(env(), rep, `/deals/${deal.id}/items`, {
      items: [
        { product_id: lathe, quantity: 1 },
        { product_id: '01890000-0000-7000-8000-000000000000', quantity: 1 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['items[1].product_id']);
    const zero = await put(env(), rep, `/deals/${deal.id}/items`, {
      items: [{ product_id: lathe, quantity: 0 }],
    });
    expect(paths(zero.body)).toEqual(['items[0].quantity']);
    expect(await countRows(env(), 'deal_items')).toBe(itemsBefore);
    expect((await env().as(rep).get(`/deals/${deal.id}`)).body.amount).toBe(5_429_732);

    const manual = await env().as(rep).patch(`/deals/${deal.id}`, { amount: 10 });
    expect(paths(manual.body)).toEqual(['amount']);
    expect((await put(env(), rep2, `/deals/${deal.id}/items`, { items: [] })).status).toBe(404);
    const cleared = await put(env(), rep, `/deals/${deal.id}/items`, { items: [] });
    expect(cleared.body).toMatchObject({ items: [], amount: 5_429_732 });
    expect((await env().as(rep).patch(`/deals/${deal.id}`, { amount: 10 })).body.amount).toBe(10);
  });

  it('filters by status, stage, amount, owner and relative close dates', async () => {
    const owner = await env().makeUser('rep');
    const c = await makeCustomer(env(), owner, '筛选客户');
    const mk = async (body: Record<string, unknown>) =>
      (
        await env()
          .as(owner)
          .post('/deals', { name: '筛选商机', customer_id: c.id, pipeline_id: pipe.id, ...body })
      ).body.id as string;
    const a = await mk({ amount: 100, expected_close_date: '2026-11-30' });
    const b = await mk({ amount: 5_000, expected_close_date: '2026-12-15', stage_id: pipe.open[3]!.id });
    const w = await mk({ amount: 9_000, stage_id: pipe.won.id });
    const q = async (f: unknown[], extra = '') =>
      ids(
        (
          await env()
            .as(owner)
            .get(`/deals?filter=${filterParam(f)}${extra}`)
        ).body.items,
      ).sort();
    expect(await q([{ field: 'status', op: 'eq', value: 'won' }])).toEqual([w]);
    expect(await q([{ field: 'stage_id', op: 'eq', value: pipe.open[3]!.id }])).toEqual([b]);
    expect(await q([{ field: 'amount', op: 'gte', value: 1_000 }])).toEqual([b, w].sort());
    expect(await q([{ field: 'expected_close_date', op: 'period', value: 'this_month' }])).toEqual([a]);
    expect(await q([{ field: 'expected_close_date', op: 'period', value: 'next_month' }])).toEqual([b]);
    expect(await q([{ field: 'won_at', op: 'not_empty' }])).toEqual([w]);
    expect(
      await q([
        { field: 'owner_id', op: 'eq', value: owner.id },
        { field: 'customer_id', op: 'eq', value: c.id },
      ]),
    ).toEqual([a, b, w].sort());
    const sorted = await env().as(owner).get('/deals?sort=-amount&limit=2');
    expect(ids(sorted.body.items)).toEqual([w, b]);
    const next = await env().as(owner).get(`/deals?sort=-amount&limit=2&cursor=${sorted.body.next_cursor}`);
    expect(ids(next.body.items)).toEqual([a]);
    const bad = await env()
      .as(owner)
      .get(`/deals?filter=${filterParam([{ field: 'amount', op: 'contains', value: 1 }])}`);
    expect(paths(bad.body)).toEqual(['filter[0].op']);
  });

  it('hides another rep’s deal behind 404; a manager sees the department, admin all', async () => {
    const deal = await newDeal({ name: '保密商机' });
    expect((await env().as(rep2).get(`/deals/${deal.id}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/deals/${deal.id}`, { name: 'x' })).status).toBe(404);
    expect((await env().as(rep2).delete(`/deals/${deal.id}`)).status).toBe(404);
    expect(ids((await env().as(rep2).get('/deals?limit=200')).body.items)).not.toContain(deal.id);
    expect((await env().as(env().admin).get(`/deals/${deal.id}`)).status).toBe(200);

    const east = await env().makeDepartment('华东区');
    const north = await env().makeDepartment('华北区');
    const mgr = await env().makeUser('manager', { departmentId: east });
    const eastRep = await env().makeUser('rep', { departmentId: east });
    const northRep = await env().makeUser('rep', { departmentId: north });
    const ce = await makeCustomer(env(), eastRep, '华东客户');
    const cn = await makeCustomer(env(), northRep, '华北客户');
    const de = (
      await env().as(eastRep).post('/deals', { name: '华东商机', customer_id: ce.id, pipeline_id: pipe.id })
    ).body;
    const dn = (
      await env().as(northRep).post('/deals', { name: '华北商机', customer_id: cn.id, pipeline_id: pipe.id })
    ).body;
    expect((await env().as(mgr).get(`/deals/${de.id}`)).status).toBe(200);
    expect((await env().as(mgr).get(`/deals/${dn.id}`)).status).toBe(404);
    expect((await env().as(mgr).patch(`/deals/${de.id}`, { stage_id: pipe.open[1]!.id })).status).toBe(200);
  });

  it('soft-deletes and restores', async () => {
    const deal = await newDeal({ name: '可恢复商机' });
    expect((await env().as(rep).delete(`/deals/${deal.id}`)).status).toBe(204);
    expect(ids((await env().as(rep).get('/deals?limit=200')).body.items)).not.toContain(deal.id);
    expect(ids((await env().as(rep).get('/deals?include_deleted=only')).body.items)).toContain(deal.id);
    expect((await env().as(rep).patch(`/deals/${deal.id}`, { name: 'x' })).status).toBe(404);
    const restored = await env().as(rep).post(`/deals/${deal.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deleted_at).toBeNull();
    const types = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('record_id', '=', deal.id)
      .orderBy('seq')
      .execute();
    expect(types.map((t) => t.type)).toEqual(['deal.created', 'deal.deleted', 'deal.restored']);
  });
});

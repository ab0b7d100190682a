import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { countRows, defaultPipeline, makeCustomer, paths } from './sales-fixtures';

const stagesOf = (names: [string, 'open' | 'won' | 'lost', number][]) =>
  names.map(([name, kind, probability]) => ({ name, kind, probability }));

describeEachDialect('pipelines', (env) => {
  let rep: TestUser;

  it('lists the default pipeline with its stages in order', async () => {
    rep = await env().makeUser('rep');
    const res = await env().as(rep).get('/pipelines');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [p] = res.body.items;
    expect(p.is_default).toBe(true);
    expect(p.stages.map((s: { name: string }) => s.name)).toEqual([
      '初步接触',
      '需求确认',
      '方案报价',
      '商务谈判',
      '赢单',
      '输单',
    ]);
    expect(p.stages.map((s: { position: number }) => s.position)).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await env().as(rep).get(`/pipelines/${p.id}`)).body.stages).toHaveLength(6);
  });

  it('creates a pipeline for pipeline managers only, audited', async () => {
    const body = {
      name: '渠道销售',
      stages: stagesOf([
        ['报备', 'open', 20],
        ['签约', 'won', 100],
        ['丢单', 'lost', 0],
      ]),
    };
    expect((await env().as(rep).post('/pipelines', body)).status).toBe(403);
    const res = await env().as(env().admin).post('/pipelines', body);
    expect(res.status).toBe(201);
    expect(res.body.is_default).toBe(false);
    expect(res.body.stages.map((s: { name: string; kind: string }) => [s.name, s.kind])).toEqual([
      ['报备', 'open'],
      ['签约', 'won'],
      ['丢单', 'lost'],
    ]);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', res.body.id)
      .execute();
    expect(audit.map((a) => [a.entity, a.action])).toEqual([['pipeline', 'created']]);
    const events = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('record_id', '=', res.body.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['pipeline.created']);
  });

  it('refuses bad stage lists with field paths and writes nothing', async () => {
    const before = [await countRows(env(), 'pipelines'), await countRows(env(), 'stages')];
    const cases: [unknown, string][] = [
      [
        {
          name: 'x',
          stages: stagesOf([
            ['A', 'open', 10],
            ['B', 'won', 100],
            ['a ', 'lost', 0],
          ]),
        },
        'stages[2].name',
      ],
      [
        {
          name: 'x',
          stages: stagesOf([
            ['A', 'open', 10],
            ['B', 'open', 20],
            ['C', 'lost', 0],
          ]),
        },
        'stages',
      ],
      [
        {
          name: 'x',
          stages: stagesOf([
            ['A', 'won', 100],
            ['C', 'lost', 0],
          ]),
        },
        'stages',
      ],
      [
        {
          name: 'x',
          stages: [
            { name: 'A', kind: 'open', probability: 120 },
            ...stagesOf([
              ['B', 'won', 100],
              ['C', 'lost', 0],
            ]),
          ],
        },
        'stages[0].probability',
      ],
      [
        {
          name: 'x',
          stages: stagesOf([
            ['A', 'open', 10],
            ['B', 'won', 100],
            ['C', 'lost', 0],
          ]),
          colour: 'red',
        },
        'colour',
      ],
      [
        {
          name: '',
          stages: stagesOf([
            ['A', 'open', 10],
            ['B', 'won', 100],
            ['C', 'lost', 0],
          ]),
        },
        'name',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(env().admin).post('/pipelines', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(paths(res.body)).toContain(path);
    }
    expect([await countRows(env(), 'pipelines'), await countRows(env(), 'stages')]).toEqual(before);
  });

  it('renames, reorders and adds stages keeping ids; removes an empty stage', async () => {
    const { body: p } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '项目制',
        stages: stagesOf([
          ['立项', 'open', 10],
          ['招标', 'open', 40],
          ['备用', 'open', 50],
          ['中标', 'won', 100],
          ['未中标', 'lost', 0],
        ]),
      });
    const [s0, s1, , won, lost] = p.stages;
    const res = await env()
      .as(env().admin)
      .patch(`/pipelines/${p.id}`, {
        name: '项目制销售',
        stages: [
          { id: s1.id, name: '招投标', kind: 'open', probability: 45 },
          { id: s0.id, name: '立项', kind: 'open', probability: 10 },
          { name: '合同谈判', kind: 'open', probability: 80 },
          { id: won.id, name: '中标', kind: 'won', probability: 100 },
          { id: lost.id, name: '未中标', kind: 'lost', probability: 0 },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('项目制销售');
    const got = (await env().as(env().admin).get(`/pipelines/${p.id}`)).body;
    expect(got.stages.map((s: { name: string }) => s.name)).toEqual([
      '招投标',
      '立项',
      '合同谈判',
      '中标',
      '未中标',
    ]);
    expect(got.stages[0].id).toBe(s1.id);
    expect(got.stages[0].probability).toBe(45);
    expect(got.stages[1].id).toBe(s0.id);
    expect(got.stages[2].id).not.toBe(p.stages[2].id);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', p.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(Object.keys(env().database.dialect.readJson<object>(audit.changes)).sort()).toEqual([
      'name',
      'stages',
    ]);
  });

  it('refuses to remove a stage that holds deals, naming it, and to change its kind', async () => {
    const pipe = await defaultPipeline(env());
    const customer = await makeCustomer(env(), rep, '阶段占用客户');
    const { body: deal } = await env().as(rep).post('/deals', {
      name: '占用阶段的商机',
      customer_id: customer.id,
      pipeline_id: pipe.id,
      stage_id: pipe.open[1]!.id,
    });
    expect(deal.stage_id).toBe(pipe.open[1]!.id);
    const without = pipe.stages
      .filter((s) => s.id !== pipe.open[1]!.id)
      .map(({ id, name, kind, probability }) => ({ id, name, kind, probability }));
    const res = await env().as(env().admin).patch(`/pipelines/${pipe.id}`, { stages: without });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('stage_in_use');
    expect(res.body.stage_id).toBe(pipe.open[1]!.id);
    expect(res.body.stage_name).toBe('需求确认');
    const rekind = pipe.stages.map((s) => (s.id === pipe.open[1]!.id ? { ...s, kind: 'won' } : s));
    const res2 = await env()
      .as(env().admin)
      .patch(`/pipelines/${pipe.id}`, {
        stages: rekind.map(({ id, name, kind, probability }) => ({ id, name, kind, probability })),
      });
    expect(res2.status).toBe(409);
    expect(paths(res2.body)).toContain('stages[1].kind');
    expect((await env().as(rep).get(`/pipelines/${pipe.id}`)).body.stages).toHaveLength(6);
  });

  it('refuses a stage id of another pipeline', async () => {
    const pipe = await defaultPipeline(env());
    const { body: other } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '另一个',
        stages: stagesOf([
          ['A', 'open', 10],
          ['B', 'won', 100],
          ['C', 'lost', 0],
        ]),
      });
    const stages = pipe.stages.map(({ id, name, kind, probability }) => ({ id, name, kind, probability }));
    stages[0] = { ...stages[0]!, id: other.stages[0].id };
    const res = await env().as(env().admin).patch(`/pipelines/${pipe.id}`, { stages });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['stages[0].id']);
  });

  it('keeps exactly one default pipeline', async () => {
    const pipe = await defaultPipeline(env());
    const { body: p } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '新默认',
        stages: stagesOf([
          ['A', 'open', 10],
          ['B', 'won', 100],
          ['C', 'lost', 0],
        ]),
      });
    const res = await env().as(env().admin).patch(`/pipelines/${p.id}`, { is_default: true });
    expect(res.status).toBe(200);
    const all = (await env().as(env().admin).get('/pipelines')).body.items;
    expect(all.filter((x: { is_default: boolean }) => x.is_default).map((x: { id: string }) => x.id)).toEqual(
      [p.id],
    );
    const off = await env().as(env().admin).patch(`/pipelines/${p.id}`, { is_default: false });
    expect(off.status).toBe(400);
    expect(paths(off.body)).toEqual(['is_default']);
    // Put the original back as default for the remaining tests.
    expect(
      (await env().as(env().admin).patch(`/pipelines/${pipe.id}`, { is_default: true })).body.is_default,
    ).toBe(true);
  });

  it('shows the board: per stage counts, sums and weighted sums of visible deals', async () => {
    const pipe = await defaultPipeline(env());
    const owner = await env().makeUser('rep');
    const other = await env().makeUser('rep');
    const c1 = await makeCustomer(env(), owner, '看板客户一');
    const c2 = await makeCustomer(env(), other, '看板客户二');
    const [first, second] = [pipe.open[0]!, pipe.open[2]!];
    const made: string[] = [];
    for (const [amount, stage] of [
      [10_000, first],
      [30_000, first],
      [55_555, second],
    ] as const) {
      env().clock.advance(60_000);
      const r = await env()
        .as(owner)
        .post('/deals', {
          name: `看板商机${amount}`,
          customer_id: c1.id,
          pipeline_id: pipe.id,
          stage_id: stage.id,
          amount,
        });
      made.push(r.body.id);
    }
    await env().as(other).post('/deals', {
      name: '别人的商机',
      customer_id: c2.id,
      pipeline_id: pipe.id,
      stage_id: first.id,
      amount: 99_999,
    });
    const res = await env().as(owner).get(`/pipelines/${pipe.id}/board`);
    expect(res.status).toBe(200);
    const col = (id: string) => res.body.stages.find((s: { id: string }) => s.id === id);
    expect(col(first.id)).toMatchObject({ count: 2, amount: 40_000, weighted_amount: 4_000 });
    expect(col(first.id).deals.map((d: { id: string }) => d.id)).toEqual([made[1], made[0]]);
    expect(col(first.id).deals[0].customer_name).toBe('看板客户一');
    expect(col(second.id)).toMatchObject({ count: 1, amount: 55_555, weighted_amount: 27_778 });
    expect(res.body.open).toEqual({ count: 3, amount: 95_555, weighted_amount: 31_778 });
    const big = encodeURIComponent(JSON.stringify([{ field: 'amount', op: 'gte', value: 20_000 }]));
    const filtered = await env().as(owner).get(`/pipelines/${pipe.id}/board?filter=${big}`);
    expect(filtered.body.open).toEqual({ count: 2, amount: 85_555, weighted_amount: 30_778 });
    const small = await env().as(owner).get(`/pipelines/${pipe.id}/board?per_stage=1`);
    expect(small.body.stages.find((s: { id: string }) => s.id === first.id).deals).toHaveLength(1);
    expect(
      (await env().as(env().admin).get(`/pipelines/${pipe.id}/board`)).body.stages.find(
        (s: { id: string }) => s.id === first.id,
      ).count,
    ).toBeGreaterThanOrEqual(3);
  });

  it('refuses to delete a pipeline with deals or the last one; moves the default on', async () => {
    const pipe = await defaultPipeline(env());
    const busy = await env().as(env().admin).delete(`/pipelines/${pipe.id}`);
    expect(busy.status).toBe(409);
    expect(busy.body.code).toBe('pipeline_in_use');
    // Delete every pipeline without deals; the last one left must stay.
    const all = (await env().as(env().admin).get('/pipelines')).body.items as { id: string }[];
    for (const p of all.filter((x) => x.id !== pipe.id))
      expect((await env().as(env().admin).delete(`/pipelines/${p.id}`)).status).toBe(204);
    expect((await env().as(env().admin).get('/pipelines')).body.items).toHaveLength(1);
    const { body: spare } = await env()
      .as(env().admin)
      .post('/pipelines', {
        name: '临时',
        is_default: true,
        stages: stagesOf([
          ['A', 'open', 10],
          ['B', 'won', 100],
          ['C', 'lost', 0],
        ]),
      });
    expect((await env().as(env().admin).get(`/pipelines/${pipe.id}`)).body.is_default).toBe(false);
    expect((await env().as(env().admin).delete(`/pipelines/${spare.id}`)).status).toBe(204);
    // The default moved back to the remaining pipeline.
    expect((await env().as(env().admin).get(`/pipelines/${pipe.id}`)).body.is_default).toBe(true);
    expect((await env().as(env().admin).get(`/pipelines/${spare.id}`)).status).toBe(404);
    expect((await env().as(rep).delete(`/pipelines/${pipe.id}`)).status).toBe(403);
  });

  it('never deletes the last pipeline', async () => {
    const db = env().database.db;
    // Empty the only pipeline of deals so that only the "last one" rule is left to refuse.
    await db.deleteFrom('deal_items').execute();
    await db.deleteFrom('deals').execute();
    const pipe = await defaultPipeline(env());
    const res = await env().as(env().admin).delete(`/pipelines/${pipe.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('last_pipeline');
  });
});

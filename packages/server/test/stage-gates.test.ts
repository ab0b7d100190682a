import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect, TEST_NOW } from './harness';
import type { TestUser } from './harness';
import { insertLead, makeCustomer, paths } from './sales-fixtures';
import { updateDeal } from '../src/modules/deals/deal.service';
import { StageGateError } from '../src/modules/stage-gates/stage-gate.enforce';

interface Stage {
  id: string;
  name: string;
  kind: string;
  probability: number;
  gate: Record<string, unknown> | null;
}

describeEachDialect('stage gates', (env) => {
  let rep: TestUser;
  let customer: { id: string };
  let pipeline: { id: string; stages: Stage[] };
  const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;

  const STAGES = [
    { name: '初步接触', kind: 'open', probability: 10 },
    {
      name: '签约',
      kind: 'open',
      probability: 60,
      gate: { required_fields: ['amount', 'custom.contract_no'] },
    },
    {
      name: '已开票',
      kind: 'open',
      probability: 80,
      gate: {
        required_fields: ['expected_close_date'],
        on_entry: {
          'custom.invoice_sent_at': { type: 'now' },
          'custom.invoice_status': { type: 'const', value: 'sent' },
        },
      },
    },
    {
      name: '大单评审',
      kind: 'open',
      probability: 70,
      gate: { entry_condition: { field: 'amount', op: 'gte', value: 1_000_000 } },
    },
    { name: '赢单', kind: 'won', probability: 100 },
    { name: '输单', kind: 'lost', probability: 0 },
  ];

  beforeAll(async () => {
    const admin = env().as(env().admin);
    const fields = [
      { key: 'contract_no', label: '合同编号', type: 'text' },
      { key: 'invoice_sent_at', label: '开票时间', type: 'datetime' },
      {
        key: 'invoice_status',
        label: '开票状态',
        type: 'select',
        options: [
          { value: 'none', label: '未开' },
          { value: 'sent', label: '已开' },
        ],
      },
    ];
    for (const f of fields) {
      const res = await admin.post('/custom-fields', { entity: 'deal', ...f });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const res = await admin.post('/pipelines', { name: '关卡漏斗', stages: STAGES });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    pipeline = res.body;
    rep = await env().makeUser('rep', { name: '王芳' });
    customer = await makeCustomer(env(), rep, '苏州恒远精密机械');
  });

  const newDeal = async (body: Record<string, unknown> = {}) => {
    const res = await env()
      .as(rep)
      .post('/deals', { name: '年度采购', customer_id: customer.id, pipeline_id: pipeline.id, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; stage_id: string; amount: number; custom: Record<string, unknown> };
  };
  const auditOf = (id: string) =>
    env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', id)
      .orderBy('created_at')
      .execute();

  it('returns each stage with its gate, defaults filled in', async () => {
    const listed = (await env().as(rep).get(`/pipelines/${pipeline.id}`)).body.stages as Stage[];
    expect(listed.map((s) => s.gate)).toEqual([
      null,
      { required_fields: ['amount', 'custom.contract_no'], on_entry: {} },
      {
        required_fields: ['expected_close_date'],
        on_entry: {
          'custom.invoice_sent_at': { type: 'now' },
          'custom.invoice_status': { type: 'const', value: 'sent' },
        },
      },
      {
        required_fields: [],
        entry_condition: { field: 'amount', op: 'gte', value: 1_000_000 },
        on_entry: {},
      },
      null,
      null,
    ]);
  });

  it('refuses a move that lacks required fields, listing each, and writes nothing', async () => {
    const deal = await newDeal();
    const res = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: stage('签约').id });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'stage_gate_failed',
      stage_id: stage('签约').id,
      stage_name: '签约',
      condition_failed: false,
      missing_fields: [
        { path: 'amount', label: 'Amount', type: 'money' },
        { path: 'custom.contract_no', label: '合同编号', type: 'text' },
      ],
    });
    expect(res.body.errors).toEqual([
      { path: 'amount', message: 'Amount is required to enter stage 签约', code: 'stage_gate_required' },
      {
        path: 'custom.contract_no',
        message: '合同编号 is required to enter stage 签约',
        code: 'stage_gate_required',
      },
    ]);
    const after = (await env().as(rep).get(`/deals/${deal.id}`)).body;
    expect(after.stage_id).toBe(stage('初步接触').id);
    expect((await auditOf(deal.id)).map((a) => a.action)).toEqual(['created']);
    const events = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('record_id', '=', deal.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['deal.created']);
  });

  it('lets the move through when the same request fills the fields in', async () => {
    const deal = await newDeal();
    const res = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, {
        stage_id: stage('签约').id,
        amount: 880_000,
        custom: { contract_no: 'HT-2026-001' },
      });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ stage_id: stage('签约').id, amount: 880_000 });
    // A blank text does not count as filled in.
    const other = await newDeal({ amount: 100 });
    const blank = await env()
      .as(rep)
      .patch(`/deals/${other.id}`, { stage_id: stage('签约').id, custom: { contract_no: '   ' } });
    expect(blank.status).toBe(400);
    expect(paths(blank.body)).toEqual(['custom.contract_no']);
  });

  it('applies the gate to a deal created in a gated stage', async () => {
    const refused = await env()
      .as(rep)
      .post('/deals', {
        name: '直接签约',
        customer_id: customer.id,
        pipeline_id: pipeline.id,
        stage_id: stage('签约').id,
        amount: 5000,
      });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('stage_gate_failed');
    expect(paths(refused.body)).toEqual(['custom.contract_no']);
    const created = await newDeal({
      name: '直接开票',
      stage_id: stage('已开票').id,
      expected_close_date: '2026-12-31',
    });
    expect(created.custom).toEqual({ invoice_sent_at: TEST_NOW, invoice_status: 'sent' });
  });

  it('sets on-entry fields as the deal enters, audited with the move; a value sent along wins', async () => {
    const deal = await newDeal({ expected_close_date: '2026-12-31' });
    env().clock.advance(60_000);
    const moved = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: stage('已开票').id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const at = env().clock.now().toISOString();
    expect(moved.body.custom).toEqual({ invoice_sent_at: at, invoice_status: 'sent' });
    const update = (await auditOf(deal.id)).find((a) => a.action === 'updated')!;
    expect(env().database.dialect.readJson(update.changes)).toMatchObject({
      stage_id: { before: stage('初步接触').id, after: stage('已开票').id },
      'custom.invoice_sent_at': { before: null, after: at },
      'custom.invoice_status': { before: null, after: 'sent' },
    });
    const second = await newDeal({ expected_close_date: '2026-12-31' });
    const own = await env()
      .as(rep)
      .patch(`/deals/${second.id}`, {
        stage_id: stage('已开票').id,
        custom: { invoice_sent_at: '2026-11-20T08:00:00Z' },
      });
    expect(own.body.custom).toEqual({ invoice_sent_at: '2026-11-20T08:00:00.000Z', invoice_status: 'sent' });
    // Required fields are checked after on-entry edits: no close date, no entry.
    const third = await newDeal();
    const refused = await env()
      .as(rep)
      .patch(`/deals/${third.id}`, { stage_id: stage('已开票').id });
    expect(paths(refused.body)).toEqual(['expected_close_date']);
    expect((await env().as(rep).get(`/deals/${third.id}`)).body.custom).toEqual({});
  });

  it('refuses a deal that fails the entry condition, saying which part failed', async () => {
    const deal = await newDeal({ amount: 50_000 });
    const res = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: stage('大单评审').id });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'stage_gate_failed', condition_failed: true, missing_fields: [] });
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'stage_id', code: 'stage_gate_condition' }),
    ]);
    expect(res.body.condition_text).toContain('Amount ≥ 1000000 (is 50000)');
    const ok = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: stage('大单评审').id, amount: 1_200_000 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('guards automations and lead conversion with the same gate', async () => {
    const deal = await newDeal({ amount: 10 });
    const automation = {
      ...rep.actor,
      actorType: 'automation' as const,
      source: 'automation' as const,
      depth: 1,
    };
    const move = updateDeal(env().deps, automation, deal.id, { stage_id: stage('签约').id });
    await expect(move).rejects.toBeInstanceOf(StageGateError);
    await expect(move).rejects.toMatchObject({ fields: [{ path: 'custom.contract_no' }] });
    const leadId = await insertLead(env(), rep.id, '李雷');
    const converted = await env()
      .as(rep)
      .post(`/leads/${leadId}/convert`, {
        deal: { name: '线索商机', pipeline_id: pipeline.id, stage_id: stage('签约').id, amount: 100 },
      });
    expect(converted.status).toBe(400);
    expect(converted.body.code).toBe('stage_gate_failed');
    expect(paths(converted.body)).toEqual(['deal.custom.contract_no']);
  });

  it('keeps the existing rules of won and lost stages', async () => {
    const deal = await newDeal();
    const res = await env()
      .as(rep)
      .patch(`/deals/${deal.id}`, { stage_id: stage('输单').id });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['lost_reason']);
  });

  it('refuses a bulk move naming each deal that lacks a field, and moves none', async () => {
    const a = await newDeal({ amount: 1000, custom: { contract_no: 'HT-A' } });
    const b = await newDeal({ amount: 2000 });
    const target = stage('签约').id;
    const res = await env()
      .as(rep)
      .post('/deals/bulk-update', { ids: [a.id, b.id], patch: { stage_id: target } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('stage_gate_failed');
    expect(paths(res.body)).toEqual(['ids[1].custom.contract_no']);
    for (const id of [a.id, b.id])
      expect((await env().as(rep).get(`/deals/${id}`)).body.stage_id).toBe(stage('初步接触').id);
    const ok = await env()
      .as(rep)
      .post('/deals/bulk-update', {
        ids: [a.id, b.id],
        patch: { stage_id: target, custom: { contract_no: 'HT-批量' } },
      });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ updated: 2 });
    for (const id of [a.id, b.id])
      expect((await env().as(rep).get(`/deals/${id}`)).body.stage_id).toBe(target);
  });

  it('rejects bad gate definitions on save, naming the part at fault', async () => {
    const bad = [
      { name: 'A', kind: 'open', probability: 10, gate: { required_fields: ['nope', 'custom.missing'] } },
      {
        name: 'B',
        kind: 'open',
        probability: 20,
        gate: {
          on_entry: {
            description: { type: 'now' },
            'custom.contract_no': { type: 'template', template: '{{ record.name }}' },
            'custom.invoice_status': { type: 'const', value: 'bogus' },
            'custom.invoice_sent_at': { type: 'relative', amount: 2, unit: 'business_days' },
            stage_id: { type: 'const', value: 'x' },
          },
        },
      },
      {
        name: 'C',
        kind: 'open',
        probability: 30,
        gate: { entry_condition: { all: [{ field: 'amount', op: 'contains', value: 'x' }] } },
      },
      { name: 'W', kind: 'won', probability: 100 },
      { name: 'L', kind: 'lost', probability: 0 },
    ];
    const res = await env().as(env().admin).post('/pipelines', { name: '坏关卡', stages: bad });
    expect(res.status).toBe(400);
    expect(paths(res.body).sort()).toEqual(
      [
        'stages[0].gate.required_fields[0]',
        'stages[0].gate.required_fields[1]',
        'stages[1].gate.on_entry.description',
        'stages[1].gate.on_entry.custom.contract_no',
        'stages[1].gate.on_entry.custom.invoice_status.value',
        'stages[1].gate.on_entry.custom.invoice_sent_at.unit',
        'stages[1].gate.on_entry.stage_id',
        'stages[2].gate.entry_condition.all[0].op',
      ].sort(),
    );
    const names = (await env().as(env().admin).get('/pipelines')).body.items.map(
      (p: { name: string }) => p.name,
    );
    expect(names).not.toContain('坏关卡');
  });

  it('keeps a gate when an update leaves it out, and removes it on null', async () => {
    const admin = env().as(env().admin);
    const body = (gateOf: (s: Stage) => unknown) => ({
      stages: pipeline.stages.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
        ...(gateOf(s) === undefined ? {} : { gate: gateOf(s) }),
      })),
    });
    const kept = await admin.patch(
      `/pipelines/${pipeline.id}`,
      body(() => undefined),
    );
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.stages.map((s: Stage) => s.gate)).toEqual(pipeline.stages.map((s) => s.gate));
    const cleared = await admin.patch(
      `/pipelines/${pipeline.id}`,
      body((s) => (s.name === '大单评审' ? null : undefined)),
    );
    expect(cleared.body.stages.find((s: Stage) => s.name === '大单评审').gate).toBeNull();
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', pipeline.id)
      .where('action', '=', 'updated')
      .execute();
    expect(audit).toHaveLength(1);
    const deal = await newDeal({ amount: 10 });
    expect(
      (
        await env()
          .as(rep)
          .patch(`/deals/${deal.id}`, { stage_id: stage('大单评审').id })
      ).status,
    ).toBe(200);
    // A rep may read gates (the board needs them) but not change them.
    expect(
      (
        await env()
          .as(rep)
          .patch(
            `/pipelines/${pipeline.id}`,
            body(() => null),
          )
      ).status,
    ).toBe(403);
  });
});

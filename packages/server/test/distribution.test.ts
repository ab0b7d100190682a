import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { createPool, notificationsOf } from './pool-fixtures';
import {
  addRule,
  apiCustomer,
  apiLead,
  freshPhone,
  logOf,
  put,
  resetDistribution,
  setAway,
} from './distribution-fixtures';

describeEachDialect('lead distribution: methods, order, availability, fallback', (env) => {
  const reps: TestUser[] = [];
  beforeEach(async () => {
    const e = env();
    await resetDistribution(e);
    if (reps.length === 0)
      for (const name of ['张三', '李四', '王五', '赵六']) reps.push(await e.makeUser('rep', { name }));
    for (const r of reps) await setAway(e, r, null);
  });
  const ids = (users: TestUser[]) => users.map((u) => u.id);

  it('round robin hands leads out in turn and says who was which', async () => {
    const e = env();
    await addRule(e, { name: '轮询', method: { type: 'round_robin', user_ids: ids(reps.slice(0, 3)) } });
    const owners = [];
    for (let i = 0; i < 6; i++) owners.push((await apiLead(e)).owner_id);
    expect(owners).toEqual([...ids(reps.slice(0, 3)), ...ids(reps.slice(0, 3))]);
    const lead = await apiLead(e);
    const [log] = await logOf(e, lead.id);
    expect(log).toMatchObject({ owner_id: reps[0]!.id, rule_name: '轮询', reason: '轮询：第1位 张三' });
    expect(log.reason_en).toBe('Round robin: #1 张三');
  });

  it('an owner named, or assign manual, skips the rules; assign auto runs them even with no owner rule match', async () => {
    const e = env();
    await addRule(e, { name: '轮询', method: { type: 'round_robin', user_ids: [reps[1]!.id] } });
    expect((await apiLead(e, { owner_id: reps[3]!.id })).owner_id).toBe(reps[3]!.id);
    expect((await apiLead(e, { assign: 'manual' })).owner_id).toBe(e.admin.id);
    const auto = await apiLead(e, { assign: 'auto' });
    expect(auto.owner_id).toBe(reps[1]!.id);
    const both = await e.as(e.admin).post('/leads', { name: '冲突', assign: 'auto', owner_id: reps[0]!.id });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('assign');
  });

  it('least loaded picks the rep with the fewest open leads under capacity', async () => {
    const e = env();
    const [a, b] = reps;
    await apiLead(e, { owner_id: a!.id });
    await apiLead(e, { owner_id: a!.id });
    await apiLead(e, { owner_id: b!.id });
    const openA = await e.database.db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_id', '=', a!.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    const nA = Number(openA.n);
    await addRule(e, {
      name: '负载',
      method: { type: 'least_loaded', user_ids: [a!.id, b!.id], capacity: 100 },
    });
    const lead = await apiLead(e);
    expect(lead.owner_id).toBe(b!.id);
    const [log] = await logOf(e, lead.id);
    expect(log.reason).toMatch(/^最少负载：李四（\d+\/100）$/);
    // At capacity a rep is skipped: with capacity = a's load, only b can take more.
    await resetDistribution(e);
    await addRule(e, { name: '满', method: { type: 'least_loaded', user_ids: [a!.id], capacity: nA } });
    await addRule(e, { name: '兜底轮询', method: { type: 'round_robin', user_ids: [reps[2]!.id] } });
    const next = await apiLead(e);
    expect(next.owner_id).toBe(reps[2]!.id);
    const [l2] = await logOf(e, next.id);
    expect(l2.steps[0]).toMatchObject({ rule_name: '满', outcome: 'skipped' });
    expect(l2.steps[0].reason).toContain(`张三：已满 ${nA}/${nA}`);
  });

  it('mapping by region sends 广东 to 李四, and falls through for an unmapped region', async () => {
    const e = env();
    await addRule(e, {
      name: '地区',
      method: {
        type: 'mapping',
        field: 'region',
        table: [
          { value: '广东', user_id: reps[1]!.id },
          { value: '浙江', user_id: reps[2]!.id },
        ],
      },
    });
    await addRule(e, { name: '其余', method: { type: 'round_robin', user_ids: [reps[3]!.id] } });
    const gd = await apiLead(e, { region: '广东' });
    expect(gd.owner_id).toBe(reps[1]!.id);
    expect((await logOf(e, gd.id))[0].reason).toBe('按地区映射：广东 → 李四');
    const gx = await apiLead(e, { region: '广西' });
    expect(gx.owner_id).toBe(reps[3]!.id);
    const [log] = await logOf(e, gx.id);
    expect(log.steps.map((s: any) => [s.rule_name, s.outcome])).toEqual([
      ['地区', 'skipped'],
      ['其余', 'chosen'],
    ]);
    expect(log.steps[0].reason).toBe('没有「广西」的映射');
  });

  it('conditions choose the rule: web leads go round, others to the next rule', async () => {
    const e = env();
    await addRule(e, {
      name: '官网线索',
      conditions: { field: 'source', op: 'eq', value: '官网' },
      method: { type: 'round_robin', user_ids: [reps[0]!.id] },
    });
    await addRule(e, { name: '其他', method: { type: 'round_robin', user_ids: [reps[1]!.id] } });
    expect((await apiLead(e, { source: '官网' })).owner_id).toBe(reps[0]!.id);
    const other = await apiLead(e, { source: '展会' });
    expect(other.owner_id).toBe(reps[1]!.id);
    expect((await logOf(e, other.id))[0].steps[0]).toMatchObject({
      outcome: 'no_match',
      reason: '条件不满足',
    });
  });

  it('skips disabled reps and reps on leave, and takes them back when they return', async () => {
    const e = env();
    const [a, b, c] = reps;
    await addRule(e, { name: '轮询', method: { type: 'round_robin', user_ids: ids([a!, b!, c!]) } });
    await e.as(e.admin).patch(`/users/${b!.id}`, { status: 'disabled' });
    await setAway(e, c!, '2026-11-30T10:00:00+08:00');
    const owners = [];
    for (let i = 0; i < 3; i++) owners.push((await apiLead(e)).owner_id);
    expect(owners).toEqual([a!.id, a!.id, a!.id]);
    // A rep sets their own leave; another rep may not set it for them.
    expect((await put(e, c!, `/users/${c!.id}/away`, { away_until: null })).status).toBe(200);
    expect((await put(e, a!, `/users/${c!.id}/away`, { away_until: null })).status).toBe(403);
    await e.as(e.admin).patch(`/users/${b!.id}`, { status: 'active' });
    const back = [];
    for (let i = 0; i < 3; i++) back.push((await apiLead(e)).owner_id);
    expect(new Set(back)).toEqual(new Set(ids([a!, b!, c!])));
  });

  it('every rep away: the rule is skipped with each reason and the fallback applies', async () => {
    const e = env();
    const [a, b] = reps;
    await addRule(e, { name: '轮询', method: { type: 'round_robin', user_ids: ids([a!, b!]) } });
    await setAway(e, a!, '2026-12-01T00:00:00Z');
    await setAway(e, b!, '2026-12-01T00:00:00Z');
    await put(e, e.admin, '/distribution-rules/fallback', { entity: 'lead', kind: 'unassigned' });
    const lead = await apiLead(e);
    expect(lead.owner_id).toBeNull();
    const [log] = await logOf(e, lead.id);
    expect(log.reason).toBe('无人可分配，暂不分配');
    expect(log.steps[0].reason).toBe('轮询无人可用（张三：休假至 2026-12-01；李四：休假至 2026-12-01）');
  });

  it('a rep at the pool owner cap gets no new customers', async () => {
    const e = env();
    const [a, b] = reps;
    await apiCustomer(e, { owner_id: a!.id });
    await e.as(e.admin).post('/owner-caps', { subject_type: 'user', subject_id: a!.id, max_customers: 1 });
    await addRule(e, {
      entity: 'customer',
      name: '客户轮询',
      method: { type: 'round_robin', user_ids: ids([a!, b!]) },
    });
    const owners = [];
    for (let i = 0; i < 2; i++) owners.push((await apiCustomer(e)).owner_id);
    expect(owners).toEqual([b!.id, b!.id]);
  });

  it('sticky: a new lead goes to the owner of the contact or customer with the same phone', async () => {
    const e = env();
    const phone = freshPhone();
    const customer = await apiCustomer(e, { owner_id: reps[2]!.id });
    const contact = await e
      .as(e.admin)
      .post('/contacts', { customer_id: customer.id, name: '陈经理', mobile: phone });
    expect(contact.status).toBe(201);
    await addRule(e, { name: '老客户', method: { type: 'sticky' } });
    await addRule(e, { name: '轮询', method: { type: 'round_robin', user_ids: [reps[0]!.id] } });
    const res = await e.as(e.admin).post('/leads?allow_duplicate=true', { name: '陈先生', mobile: phone });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.owner_id).toBe(reps[2]!.id);
    expect((await logOf(e, res.body.id))[0].reason).toBe('已有联系人负责人：王五');
    // A stranger falls through to the next rule.
    expect((await apiLead(e)).owner_id).toBe(reps[0]!.id);
  });

  it('customers with nobody to take them go to the fallback pool, with the reason', async () => {
    const e = env();
    const pool = await createPool(e, { name: '华南公海', members: [{ type: 'user', id: reps[0]!.id }] });
    await addRule(e, {
      entity: 'customer',
      name: '华南',
      conditions: { field: 'region', op: 'eq', value: '广东' },
      method: { type: 'round_robin', user_ids: [reps[0]!.id] },
    });
    const set = await put(e, e.admin, '/distribution-rules/fallback', {
      entity: 'customer',
      kind: 'pool',
      pool_id: pool.id,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const c = await apiCustomer(e, { region: '北京' });
    expect(c.owner_id).toBeNull();
    const row = await e.database.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect((row as Record<string, unknown>).pool_id).toBe(pool.id);
    expect((await logOf(e, c.id))[0]).toMatchObject({
      pool_id: pool.id,
      reason: '无人可分配，进入公海 华南公海',
    });
    // Leads cannot fall back to a pool.
    const bad = await put(e, e.admin, '/distribution-rules/fallback', {
      entity: 'lead',
      kind: 'pool',
      pool_id: pool.id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('kind');
  });

  it('records each assignment: audit on the timeline, event, and a notice to the new owner', async () => {
    const e = env();
    await addRule(e, {
      entity: 'customer',
      name: '客户轮询',
      method: { type: 'round_robin', user_ids: [reps[3]!.id] },
    });
    const c = await apiCustomer(e);
    expect(c.owner_id).toBe(reps[3]!.id);
    const timeline = await e.as(e.admin).get(`/customers/${c.id}/timeline`);
    expect(timeline.status).toBe(200);
    const assigned = timeline.body.items.find((i: any) => i.action === 'assigned');
    expect(assigned.changes.owner_id.after).toBe(reps[3]!.id);
    expect(assigned.changes.distribution_reason.after).toBe('轮询：第1位 赵六');
    const notices = await notificationsOf(e, reps[3]!.id, 'distribution_assigned');
    expect(notices.some((n: any) => n.record_id === c.id)).toBe(true);
  });

  it('the tester says who would get a lead and why, and writes nothing', async () => {
    const e = env();
    await addRule(e, {
      name: '官网',
      conditions: { field: 'source', op: 'eq', value: '官网' },
      method: { type: 'round_robin', user_ids: ids(reps.slice(0, 2)) },
    });
    await addRule(e, {
      name: '地区',
      method: { type: 'mapping', field: 'region', table: [{ value: '广东', user_id: reps[1]!.id }] },
    });
    const count = async (table: 'leads' | 'distribution_log' | 'audit_log') =>
      Number(
        (
          await e.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [await count('leads'), await count('distribution_log'), await count('audit_log')];
    for (let i = 0; i < 3; i++) {
      const res = await e.as(e.admin).post('/distribution-rules/test', {
        entity: 'lead',
        record: { source: '官网', region: '广东' },
      });
      expect(res.status).toBe(200);
      // The pointer does not move: the same rep each time.
      expect(res.body).toMatchObject({
        owner_id: reps[0]!.id,
        rule_name: '官网',
        reason: '轮询：第1位 张三',
      });
    }
    const other = await e.as(e.admin).post('/distribution-rules/test', {
      entity: 'lead',
      record: { source: '展会', region: '广东' },
    });
    expect(other.body.owner_name).toBe('李四');
    expect(other.body.steps.map((s: any) => s.outcome)).toEqual(['no_match', 'chosen']);
    expect([await count('leads'), await count('distribution_log'), await count('audit_log')]).toEqual(before);
    // The first real lead still starts at the first rep.
    expect((await apiLead(e, { source: '官网' })).owner_id).toBe(reps[0]!.id);
  });

  it('rejects bad rules naming the field, and only admins manage them', async () => {
    const e = env();
    const ghost = '01900000-0000-7000-8000-000000000001';
    const cases: [Record<string, unknown>, string][] = [
      [{ method: { type: 'round_robin', user_ids: [] } }, 'method.user_ids'],
      [{ method: { type: 'least_loaded', user_ids: [reps[0]!.id], capacity: 0 } }, 'method.capacity'],
      [{ method: { type: 'round_robin', user_ids: [reps[0]!.id, ghost] } }, 'method.user_ids[1]'],
      [{ method: { type: 'mapping', field: 'region', table: [] } }, 'method.table'],
      [
        { method: { type: 'mapping', field: 'nope', table: [{ value: 'x', user_id: reps[0]!.id }] } },
        'method.field',
      ],
      [{ method: { type: 'round_robin', department_id: ghost } }, 'method.department_id'],
      [
        {
          conditions: { field: 'unknown_field', op: 'eq', value: 'x' },
          method: { type: 'round_robin', user_ids: [reps[0]!.id] },
        },
        'conditions.field',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await e
        .as(e.admin)
        .post('/distribution-rules', { entity: 'lead', name: '坏规则', ...body });
      expect(res.status, path).toBe(400);
      expect(
        res.body.errors.map((x: any) => x.path),
        JSON.stringify(res.body),
      ).toContain(path);
    }
    expect((await e.as(e.admin).get('/distribution-rules')).body.items).toEqual([]);
    const rep = await e.as(reps[0]!).get('/distribution-rules');
    expect(rep.status).toBe(403);
  });

  it('reorders, edits and deletes rules', async () => {
    const e = env();
    const r1 = await addRule(e, { name: '一', method: { type: 'round_robin', user_ids: [reps[0]!.id] } });
    const r2 = await addRule(e, { name: '二', method: { type: 'round_robin', user_ids: [reps[1]!.id] } });
    expect((await apiLead(e)).owner_id).toBe(reps[0]!.id);
    const re = await e
      .as(e.admin)
      .post('/distribution-rules/reorder', { entity: 'lead', ids: [r2.id, r1.id] });
    expect(re.status).toBe(200);
    expect(re.body.items.map((r: any) => r.name)).toEqual(['二', '一']);
    expect((await apiLead(e)).owner_id).toBe(reps[1]!.id);
    const partial = await e.as(e.admin).post('/distribution-rules/reorder', { entity: 'lead', ids: [r2.id] });
    expect(partial.status).toBe(400);
    expect((await e.as(e.admin).patch(`/distribution-rules/${r2.id}`, { enabled: false })).status).toBe(200);
    expect((await apiLead(e)).owner_id).toBe(reps[0]!.id);
    expect((await e.as(e.admin).delete(`/distribution-rules/${r1.id}`)).status).toBe(204);
    // No enabled rule left: an API create keeps the creator as before.
    expect((await apiLead(e)).owner_id).toBe(e.admin.id);
  });
});

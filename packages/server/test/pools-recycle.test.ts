import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';
import { sweepPools } from '../src/modules/pools/pool-sweep';
import {
  addDeal,
  createPool,
  customerRow,
  DAY,
  movesOf,
  notificationsOf,
  ownedCustomer,
} from './pool-fixtures';

/** A robot endpoint on loopback that records what it receives. */
const robot = { url: '', received: [] as any[], close: () => undefined as void };
beforeAll(async () => {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      robot.received.push(JSON.parse(body));
      res.setHeader('content-type', 'application/json');
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  robot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`;
  robot.close = () => void server.close();
});
afterAll(() => robot.close());

describeEachDialect('public pools: recycling rules, exemptions, warnings, countdown', (env) => {
  let n = 0;
  /** A department with one rep and a pool of that department: each test recycles only its own customers. */
  const setup = async (e: TestEnv, rules: Record<string, unknown>[], extra: Record<string, unknown> = {}) => {
    const dept = await e.makeDepartment(`回收部${++n}`);
    const rep = await e.makeUser('rep', { departmentId: dept, name: `销售${n}` });
    const pool = await createPool(e, {
      name: `部门公海${n}`,
      scope: 'department',
      department_id: dept,
      members: [{ type: 'department', id: dept }],
      rules,
      ...extra,
    });
    return { dept, rep, pool, t0: e.clock.now().getTime() };
  };
  const at = (e: TestEnv, t0: number, days: number) => e.clock.set(new Date(t0 + days * DAY + 60_000));
  const sweep = (e: TestEnv) => sweepPools(e.automation, { minIntervalMs: 0 });
  const poolOf = async (e: TestEnv, id: string) => (await customerRow(e, id)).pool_id;

  it('no follow-up: days per level, a follow-up restarts the clock, warning K days before, then the recycle', async () => {
    const e = env();
    const { rep, pool, t0 } = await setup(e, [
      { kind: 'no_follow_up', days: 30, days_by_level: { 高价值: 60 }, warn_days: 3 },
    ]);
    const a = await ownedCustomer(e, rep, '普通甲', { level: '普通' });
    const b = await ownedCustomer(e, rep, '重点乙', { level: '高价值' });
    const c = await ownedCustomer(e, rep, '跟进丙', { level: '普通' });
    at(e, t0, 20);
    expect(
      (await e.as(rep).post('/activities', { kind: 'call', content: '回访', customer_id: c })).status,
    ).toBe(201);

    at(e, t0, 26);
    expect(await sweep(e)).toBe(0);
    at(e, t0, 27);
    expect(await sweep(e)).toBe(1);
    const warning = (await notificationsOf(e, rep.id, 'pool_recycle_warning'))[0];
    expect(warning).toMatchObject({ title: '客户「普通甲」3 天后因 30 天未跟进回收到公海', record_id: a });
    const status = await e.as(rep).get(`/customers/${a}/pool-status`);
    expect(status.body).toMatchObject({
      in_pool: false,
      pool: { id: pool.id },
      rule: { kind: 'no_follow_up', days: 30 },
      days_left: 3,
      countdown: { zh: '3 天后因 30 天未跟进回收到公海' },
    });
    expect((await e.as(rep).get(`/customers/${b}/pool-status`)).body).toMatchObject({
      days_left: 33,
      reason: { zh: '60 天未跟进' },
    });
    expect((await e.as(rep).get(`/customers/${c}/pool-status`)).body.days_left).toBe(23);
    // Once per due instant.
    expect(await sweep(e)).toBe(0);

    at(e, t0, 30);
    expect(await sweep(e)).toBe(1);
    expect(await customerRow(e, a)).toMatchObject({
      owner_id: null,
      pool_id: pool.id,
      previous_owner_id: rep.id,
      recycle_reason: '30 天未跟进',
      released_at: e.clock.now().toISOString(),
      times_dropped: 1,
    });
    expect((await notificationsOf(e, rep.id, 'pool_recycled'))[0]).toMatchObject({
      title: `客户「普通甲」因 30 天未跟进已回收到公海「${pool.name}」`,
    });
    const [move] = (await movesOf(e, a)).filter((m) => m.kind === 'recycle');
    expect(move).toMatchObject({
      actor_id: null,
      from_owner_id: rep.id,
      reason: '30 天未跟进',
      rule_id: pool.rules[0].id,
    });
    const timeline = await e.as(e.admin).get(`/customers/${a}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      actor: null,
      changes: {
        pool_move: { after: 'recycle' },
        pool_reason: { after: '30 天未跟进' },
        owner_id: { before: rep.id, after: null },
      },
    });
    const adminStatus = await e.as(e.admin).get(`/customers/${a}/pool-status`);
    expect(adminStatus.body).toMatchObject({
      in_pool: true,
      recycle_reason: '30 天未跟进',
      previous_owner: { id: rep.id },
    });

    at(e, t0, 50);
    await sweep(e);
    expect(await poolOf(e, c)).toBe(pool.id);
    expect(await poolOf(e, b)).toBeNull();
    at(e, t0, 60);
    await sweep(e);
    expect(await customerRow(e, b)).toMatchObject({ pool_id: pool.id, recycle_reason: '60 天未跟进' });
  });

  it('no open deal, not won and no repurchase, each counted from the claim or the purchase', async () => {
    const e = env();
    const { rep, pool, t0 } = await setup(e, [
      { kind: 'no_open_deal', days: 10, exempt_open_deals: false },
      { kind: 'not_won', days: 20, exempt_open_deals: false },
      { kind: 'no_repurchase', days: 15, exempt_open_deals: false },
    ]);
    const withDeal = await ownedCustomer(e, rep, '有商机');
    await addDeal(e, withDeal, rep.id, 'open');
    const noDeal = await ownedCustomer(e, rep, '无商机');
    await addDeal(e, noDeal, rep.id, 'lost');
    at(e, t0, 10);
    await sweep(e);
    expect(await poolOf(e, withDeal)).toBeNull();
    expect(await customerRow(e, noDeal)).toMatchObject({
      pool_id: pool.id,
      recycle_reason: '领取 10 天无进行中的商机',
    });

    // not_won: a win since the claim protects; a win before the claim does not.
    const claimed = new Date(t0 + 10 * DAY).toISOString();
    const wonAfter = await ownedCustomer(e, rep, '领取后成交', { claimed_at: claimed });
    await addDeal(e, wonAfter, rep.id, 'open');
    await addDeal(e, wonAfter, rep.id, 'won');
    const wonBefore = await ownedCustomer(e, rep, '领取前成交', {
      last_won_at: new Date(t0 - 100 * DAY).toISOString(),
      claimed_at: claimed,
    });
    await addDeal(e, wonBefore, rep.id, 'open');
    // no_repurchase: counted from the last purchase; a customer who never bought is not covered.
    const bought = await ownedCustomer(e, rep, '复购客户', {
      last_purchase_at: new Date(t0 + 16 * DAY).toISOString(),
    });
    await addDeal(e, bought, rep.id, 'open');
    await addDeal(e, bought, rep.id, 'won');
    const never = await ownedCustomer(e, rep, '未购客户');
    await addDeal(e, never, rep.id, 'open');
    await addDeal(e, never, rep.id, 'won');
    at(e, t0, 30);
    await sweep(e);
    expect(await customerRow(e, wonBefore)).toMatchObject({
      pool_id: pool.id,
      recycle_reason: '领取 20 天未成交',
    });
    expect(await poolOf(e, wonAfter)).toBeNull();
    expect(await poolOf(e, bought)).toBeNull();
    at(e, t0, 31);
    await sweep(e);
    expect(await customerRow(e, bought)).toMatchObject({ pool_id: pool.id, recycle_reason: '15 天未复购' });
    at(e, t0, 200);
    await sweep(e);
    expect(await poolOf(e, wonAfter)).toBeNull();
    expect(await poolOf(e, never)).toBeNull();
    expect((await e.as(rep).get(`/customers/${wonAfter}/pool-status`)).body).toMatchObject({
      rule: null,
      due_at: null,
    });
  });

  it('honours each exemption only where it is switched on', async () => {
    const e = env();
    const rule = { kind: 'no_follow_up', days: 5 };
    const on = await setup(e, [{ ...rule, exempt_locked: true, exempt_won: true, exempt_open_deals: true }]);
    const off = await setup(e, [
      { ...rule, exempt_locked: false, exempt_won: false, exempt_open_deals: false },
    ]);
    const make = async (s: { rep: TestUser }, tag: string) => {
      const locked = await ownedCustomer(e, s.rep, `锁定${tag}`, { is_locked: 1 });
      const won = await ownedCustomer(e, s.rep, `成交${tag}`);
      await addDeal(e, won, s.rep.id, 'won');
      const open = await ownedCustomer(e, s.rep, `商机${tag}`);
      await addDeal(e, open, s.rep.id, 'open');
      const plain = await ownedCustomer(e, s.rep, `普通${tag}`);
      return { locked, won, open, plain };
    };
    const a = await make(on, 'A');
    const b = await make(off, 'B');
    const status = await e.as(on.rep).get(`/customers/${a.locked}/pool-status`);
    expect(status.body).toMatchObject({ rule: null, exemptions: ['locked'], locked: true });
    at(e, on.t0, 5);
    await sweep(e);
    expect(await poolOf(e, a.plain)).toBe(on.pool.id);
    for (const id of [a.locked, a.won, a.open]) expect(await poolOf(e, id)).toBeNull();
    for (const id of Object.values(b)) expect(await poolOf(e, id)).toBe(off.pool.id);
  });

  it('a rule looks forward from when it is saved; the worker runs the sweep; robot and in-app warnings', async () => {
    const e = env();
    const { rep, pool, t0 } = await setup(e, []);
    const old = await ownedCustomer(e, rep, '老客户', {
      last_contact_at: new Date(t0 - 400 * DAY).toISOString(),
    });
    at(e, t0, 100);
    const saved = await e.as(e.admin).patch(`/pools/${pool.id}`, {
      rules: [
        { kind: 'no_follow_up', days: 30, warn_days: 2, warn_robot: { platform: 'wecom', url: robot.url } },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.rules[0].warn_robot.url).toBe(robot.url);
    // Members see that a robot is set, not its address.
    expect((await e.as(rep).get(`/pools/${pool.id}`)).body.rules[0].warn_robot).toEqual({
      platform: 'wecom',
    });
    await e.worker.drain();
    expect(await poolOf(e, old)).toBeNull();
    at(e, t0, 128);
    await e.worker.drain();
    expect(robot.received.at(-1)?.markdown?.content).toContain('公海回收预警');
    expect(await notificationsOf(e, rep.id, 'pool_recycle_warning')).toHaveLength(1);
    at(e, t0, 130);
    await e.worker.drain();
    expect(await poolOf(e, old)).toBe(pool.id);
  });

  it('a transfer noted by the ownership service restarts the clock and shows in the history', async () => {
    const e = env();
    const { rep, pool, t0 } = await setup(e, [{ kind: 'no_follow_up', days: 30 }]);
    const other = await e.makeUser('rep', { departmentId: pool.department_id });
    const id = await ownedCustomer(e, rep, '转手客户');
    at(e, t0, 25);
    const res = await e
      .as(e.admin)
      .post('/ownership/transfer', { record_type: 'customer', ids: [id], owner_id: other.id });
    expect(res.status).toBe(200);
    at(e, t0, 31);
    await sweep(e);
    expect(await poolOf(e, id)).toBeNull();
    expect((await e.as(other).get(`/customers/${id}/pool-status`)).body.days_left).toBe(24);
    expect((await movesOf(e, id)).map((m) => [m.kind, m.from_owner_id, m.to_owner_id])).toEqual([
      ['transfer', rep.id, other.id],
    ]);
  });

  it('recycles into the most specific pool: a department pool takes its people from the company pool', async () => {
    const e = env();
    const company = await createPool(e, {
      name: '全公司公海',
      members: [{ type: 'department', id: e.ws.rootDepartmentId }],
      rules: [{ kind: 'no_follow_up', days: 3 }],
    });
    const clash = await e
      .as(e.admin)
      .post('/pools', { name: '第二个全公司公海', members: [{ type: 'user', id: e.admin.id }] });
    expect(clash.status).toBe(400);
    expect(clash.body.errors[0]).toMatchObject({ path: 'scope', code: 'scope_taken' });
    const inDept = await setup(e, []);
    const outside = await e.makeUser('rep');
    const t0 = e.clock.now().getTime();
    const mine = await ownedCustomer(e, inDept.rep, '部门客户');
    const theirs = await ownedCustomer(e, outside, '公司客户');
    expect((await e.as(outside).get(`/customers/${theirs}/pool-status`)).body.pool).toEqual({
      id: company.id,
      name: '全公司公海',
    });
    at(e, t0, 3);
    await sweep(e);
    expect(await poolOf(e, theirs)).toBe(company.id);
    expect(await poolOf(e, mine)).toBeNull();
    expect((await e.as(e.admin).patch(`/pools/${company.id}`, { enabled: false })).status).toBe(200);
  });
});

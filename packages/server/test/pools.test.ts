import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';
import {
  addDeal,
  createPool,
  customerRow,
  movesOf,
  notificationsOf,
  ownedCustomer,
  pooledCustomer,
  DAY,
} from './pool-fixtures';

describeEachDialect('public pools: setup, visibility, claims, release, assignment', (env) => {
  let n = 0;
  /** A pool of its own lead source, so that suites do not compete for the company scope. */
  const sourcePool = async (e: TestEnv, members: TestUser[], extra: Record<string, unknown> = {}) =>
    createPool(e, {
      name: `公海${++n}`,
      scope: 'source',
      source: `渠道${n}`,
      members: members.map((m) => ({ type: 'user', id: m.id })),
      hidden_fields: ['phone', 'email'],
      ...extra,
    });

  it('rejects bad pools on save, naming the field, and writes nothing', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const base = { name: '坏公海', members: [{ type: 'user', id: rep.id }] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, rules: [{ kind: 'no_follow_up', days: -5 }] }, 'rules[0].days'],
      [{ ...base, rules: [{ kind: 'no_follow_up', days: 30, warn_days: 30 }] }, 'rules[0].warn_days'],
      [
        { ...base, rules: [{ kind: 'not_won', days: 90, days_by_level: { 高价值: 10 }, warn_days: 15 }] },
        'rules[0].warn_days',
      ],
      [
        { ...base, rules: [{ kind: 'no_follow_up', days: 30, days_by_level: { 高价值: -1 } }] },
        'rules[0].days_by_level.高价值',
      ],
      [{ ...base, members: [] }, 'members'],
      [{ ...base, cooldown_days: -1 }, 'cooldown_days'],
      [{ ...base, scope: 'department' }, 'department_id'],
      [{ ...base, members: [{ type: 'user', id: '01900000-0000-7000-8000-000000000001' }] }, 'members[0].id'],
    ];
    for (const [body, path] of cases) {
      const res = await e.as(e.admin).post('/pools', body);
      expect(res.status, path).toBe(400);
      expect(
        res.body.errors.map((x: any) => x.path),
        JSON.stringify(res.body),
      ).toContain(path);
    }
    const count = await e.database.db
      .selectFrom('pools')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // Reps cannot manage pools.
    expect((await e.as(rep).post('/pools', base)).status).toBe(403);
  });

  it('shows pool customers to members only, with hidden fields masked, and never through customer lists or search', async () => {
    const e = env();
    const member = await e.makeUser('rep');
    const outsider = await e.makeUser('rep');
    const poolAdmin = await e.makeUser('rep');
    const pool = await sourcePool(e, [member], { admin_ids: [poolAdmin.id] });
    const id = await pooledCustomer(e, pool.id, '海淀云图科技');

    const list = await e.as(member).get(`/pools/${pool.id}/customers`);
    expect(list.status).toBe(200);
    const item = list.body.items.find((c: any) => c.id === id);
    expect(item).toMatchObject({
      name: '海淀云图科技',
      phone: null,
      email: null,
      masked: ['phone', 'email'],
    });
    expect(item.recycle_reason).toBeUndefined();
    expect(item.previous_owner).toBeUndefined();
    // Filtering or searching by a hidden field cannot reveal it.
    const byPhone = await e
      .as(member)
      .get(
        `/pools/${pool.id}/customers?filter=${encodeURIComponent(JSON.stringify([{ field: 'phone', op: 'contains', value: '139' }]))}`,
      );
    expect(byPhone.status).toBe(400);
    const { phone } = await customerRow(e, id);
    expect((await e.as(member).get(`/pools/${pool.id}/customers?q=${phone}`)).body.items).toEqual([]);
    expect(
      (await e.as(member).get(`/pools/${pool.id}/customers?q=云图`)).body.items.map((c: any) => c.id),
    ).toEqual([id]);

    const adminView = await e.as(poolAdmin).get(`/pools/${pool.id}/customers/${id}`);
    expect(adminView.body).toMatchObject({ phone, recycle_reason: '测试', masked: [] });
    expect(adminView.body.previous_owner).toMatchObject({ id: e.admin.id });
    expect(adminView.body.last_move).toMatchObject({ kind: 'release', reason: '测试' });

    const refused = await e.as(outsider).get(`/pools/${pool.id}/customers`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('not_member');
    expect((await e.as(member).get(`/customers/${id}`)).status).toBe(404);
    expect((await e.as(member).get('/customers')).body.items.map((c: any) => c.id)).not.toContain(id);
    const search = await e.as(member).get(`/search?q=${encodeURIComponent('云图')}`);
    expect(JSON.stringify(search.body)).not.toContain(id);

    const mine = await e.as(member).get('/pools');
    expect(mine.body.items.map((p: any) => p.id)).toContain(pool.id);
    expect((await e.as(outsider).get('/pools')).body.items.map((p: any) => p.id)).not.toContain(pool.id);
    const status = await e.as(member).get(`/customers/${id}/pool-status`);
    expect(status.body).toMatchObject({ in_pool: true, pool: { id: pool.id }, times_dropped: 1 });
    expect(status.body.recycle_reason).toBeUndefined();
  });

  it('claims atomically: the customer moves to the rep, leaves the pool, and the timeline says so', async () => {
    const e = env();
    const a = await e.makeUser('rep', { name: '甲' });
    const b = await e.makeUser('rep', { name: '乙' });
    const pool = await sourcePool(e, [a, b]);
    const id = await pooledCustomer(e, pool.id, '朝阳数据');
    const claim = await e.as(a).post(`/pools/${pool.id}/claim`, { ids: [id] });
    expect(claim.status).toBe(200);
    expect(claim.body).toEqual({ claimed: [id], refused: [] });
    const row = await customerRow(e, id);
    expect(row).toMatchObject({ owner_id: a.id, pool_id: null, claimed_at: e.clock.now().toISOString() });
    expect((await e.as(a).get(`/customers/${id}`)).status).toBe(200);
    expect((await e.as(a).get(`/pools/${pool.id}/customers`)).body.items.map((c: any) => c.id)).not.toContain(
      id,
    );

    const again = await e.as(b).post(`/pools/${pool.id}/claim`, { ids: [id] });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_claimed');
    expect(again.body.errors).toEqual([expect.objectContaining({ path: 'ids[0]', code: 'already_claimed' })]);

    const timeline = await e.as(a).get(`/customers/${id}/timeline`);
    const moves = timeline.body.items.filter((i: any) => i.changes?.pool_move);
    expect(moves.map((m: any) => m.changes.pool_move.after)).toEqual(['claim', 'release']);
    expect(moves[0].changes.owner_id).toEqual({ before: null, after: a.id });
    const events = await e.database.db
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', id)
      .execute();
    expect(events.filter((x) => x.type === 'customer.owner_changed')).toHaveLength(2);
    expect((await movesOf(e, id)).map((m) => m.kind)).toEqual(['release', 'claim']);
  });

  it('gives per-customer reasons when claiming many, and refuses non-members and customers of other pools', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const stranger = await e.makeUser('rep');
    const pool = await sourcePool(e, [rep]);
    const other = await sourcePool(e, [rep]);
    const ok = await pooledCustomer(e, pool.id, '可领取');
    const elsewhere = await pooledCustomer(e, other.id, '别的公海');
    const owned = await ownedCustomer(e, stranger, '别人的客户');
    const res = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [ok, elsewhere, owned] });
    expect(res.status).toBe(200);
    expect(res.body.claimed).toEqual([ok]);
    expect(res.body.refused.map((r: any) => [r.index, r.reason])).toEqual([
      [1, 'not_in_pool'],
      [2, 'already_claimed'],
    ]);
    const notMember = await e.as(stranger).post(`/pools/${pool.id}/claim`, { ids: [elsewhere] });
    expect(notMember.status).toBe(403);
    expect(notMember.body.code).toBe('not_member');
  });

  it('enforces the owner cap: the most specific cap applies, won customers count only when the cap says so', async () => {
    const e = env();
    const dept = await e.makeDepartment('华东大区');
    const rep = await e.makeUser('rep', { departmentId: dept });
    const pool = await sourcePool(e, [rep]);
    const won = await ownedCustomer(e, rep, '已成交客户');
    await addDeal(e, won, rep.id, 'won');
    await ownedCustomer(e, rep, '在跟客户');
    // Role cap 100, department cap 2 (nearer, applies), counting won customers.
    const roleCap = await e
      .as(e.admin)
      .post('/owner-caps', { subject_type: 'role', subject_id: e.ws.roleIds.rep, max_customers: 100 });
    expect(roleCap.status).toBe(201);
    const deptCap = await e
      .as(e.admin)
      .post('/owner-caps', { subject_type: 'department', subject_id: dept, max_customers: 2 });
    expect(deptCap.status).toBe(201);
    const dup = await e
      .as(e.admin)
      .post('/owner-caps', { subject_type: 'department', subject_id: dept, max_customers: 5 });
    expect(dup.status).toBe(400);
    expect(dup.body.errors[0]).toMatchObject({ path: 'subject_id', code: 'duplicate' });
    const c1 = await pooledCustomer(e, pool.id, '池中一');
    const c2 = await pooledCustomer(e, pool.id, '池中二');
    const full = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [c1] });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('cap_reached');
    // Not counting won customers frees one place.
    expect((await e.as(e.admin).patch(`/owner-caps/${deptCap.body.id}`, { count_won: false })).status).toBe(
      200,
    );
    const some = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [c1, c2] });
    expect(some.status).toBe(200);
    expect(some.body.claimed).toEqual([c1]);
    expect(some.body.refused).toEqual([expect.objectContaining({ id: c2, index: 1, reason: 'cap_reached' })]);
    // A cap for the user beats the department's.
    await e.as(e.admin).post('/owner-caps', { subject_type: 'user', subject_id: rep.id, max_customers: 10 });
    expect((await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [c2] })).status).toBe(200);
    const mine = await e.as(rep).get('/pools');
    expect(mine.body.me).toMatchObject({ cap: { subject_type: 'user', max_customers: 10 }, owned: 4 });
    for (const cap of (await e.as(e.admin).get('/owner-caps')).body.items)
      expect((await e.as(e.admin).delete(`/owner-caps/${cap.id}`)).status).toBe(204);
  });

  it('enforces the daily claim limit per pool in the workspace day', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const pool = await sourcePool(e, [rep], { daily_claim_limit: 2 });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await pooledCustomer(e, pool.id, `日限${i}`));
    const res = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: ids.slice(0, 3) });
    expect(res.body.claimed).toHaveLength(2);
    expect(res.body.refused).toEqual([expect.objectContaining({ index: 2, reason: 'daily_limit' })]);
    const more = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [ids[3]] });
    expect(more.status).toBe(409);
    expect(more.body.code).toBe('daily_limit');
    // 02:00Z is 10:00 in Shanghai; 16:00Z is already the next day there.
    e.clock.advance(14 * 3_600_000);
    expect((await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [ids[3]] })).status).toBe(200);
  });

  it('keeps the previous owner out for the cooldown, then lets them claim again', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const pool = await sourcePool(e, [rep], { cooldown_days: 7 });
    const id = await ownedCustomer(e, rep, '冷却客户');
    const rel = await e
      .as(rep)
      .post('/customers/release', { ids: [id], pool_id: pool.id, reason: '暂无需求' });
    expect(rel.status).toBe(200);
    const early = await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [id] });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('cooldown');
    expect(early.body.errors[0].message).toContain('7 days');
    e.clock.advance(6 * DAY);
    expect((await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [id] })).body.code).toBe('cooldown');
    e.clock.advance(DAY + 60_000);
    expect((await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [id] })).status).toBe(200);
  });

  it('releases with a reason (to the named or the home pool), tells the owner when a manager did it', async () => {
    const e = env();
    const manager = await e.makeUser('manager', { name: '王经理' });
    const rep = await e.makeUser('rep', { name: '小李' });
    const pool = await sourcePool(e, [rep]);
    const id = await ownedCustomer(e, rep, '退回客户');
    const noReason = await e
      .as(manager)
      .post('/customers/release', { ids: [id], pool_id: pool.id, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe('reason');
    const res = await e
      .as(manager)
      .post('/customers/release', { ids: [id], pool_id: pool.id, reason: '客户已转向竞品' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ released: 1, pools: [{ id: pool.id, count: 1 }] });
    expect(await customerRow(e, id)).toMatchObject({
      owner_id: null,
      pool_id: pool.id,
      previous_owner_id: rep.id,
      recycle_reason: '客户已转向竞品',
      times_dropped: 1,
    });
    const notices = await notificationsOf(e, rep.id, 'pool_released');
    expect(notices[0]).toMatchObject({
      title: '王经理 把客户「退回客户」退回了公海「' + pool.name + '」',
      body: '原因：客户已转向竞品',
    });
    const again = await e
      .as(manager)
      .post('/customers/release', { ids: [id], pool_id: pool.id, reason: 'x' });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]).toMatchObject({ path: 'ids[0]' });
    // A source pool is the home pool of customers from that source.
    const own = await ownedCustomer(e, rep, '来源客户', { source: pool.source });
    const home = await e.as(rep).post('/customers/release', { ids: [own], reason: '不匹配' });
    expect(home.body.pools).toEqual([{ id: pool.id, name: pool.name, count: 1 }]);
  });

  it('lets pool admins and managers assign, with a notice to the assignee; reps cannot', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const poolAdmin = await e.makeUser('rep');
    const target = await e.makeUser('rep', { name: '被分配人' });
    const pool = await sourcePool(e, [rep, target], { admin_ids: [poolAdmin.id] });
    const id = await pooledCustomer(e, pool.id, '分配客户');
    const denied = await e.as(rep).post(`/pools/${pool.id}/assign`, { ids: [id], owner_id: rep.id });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('not_pool_admin');
    const res = await e.as(poolAdmin).post(`/pools/${pool.id}/assign`, { ids: [id], owner_id: target.id });
    expect(res.status).toBe(200);
    expect(res.body.assigned).toEqual([id]);
    expect((await notificationsOf(e, target.id, 'pool_assigned'))[0]?.title).toContain('分配到 1 个客户');
    expect((await movesOf(e, id)).map((m) => [m.kind, m.actor_id, m.to_owner_id])).toContainEqual([
      'assign',
      poolAdmin.id,
      target.id,
    ]);
    const history = await e.as(poolAdmin).get(`/pools/${pool.id}/moves?customer_id=${id}`);
    expect(history.body.items.map((m: any) => m.kind)).toEqual(['assign', 'release']);
    expect((await e.as(rep).get(`/pools/${pool.id}/moves`)).status).toBe(403);
  });

  it('records transfers between reps on the timeline and tells both', async () => {
    const e = env();
    const manager = await e.makeUser('manager');
    const from = await e.makeUser('rep');
    const to = await e.makeUser('rep');
    const id = await ownedCustomer(e, from, '转移客户');
    const res = await e
      .as(manager)
      .post('/ownership/transfer', { record_type: 'customer', ids: [id], owner_id: to.id });
    expect(res.status).toBe(200);
    const timeline = await e.as(to).get(`/customers/${id}/timeline`);
    expect(timeline.body.items.some((i: any) => i.changes?.owner_id?.after === to.id)).toBe(true);
    expect(await notificationsOf(e, to.id, 'ownership_received')).toHaveLength(1);
    expect(await notificationsOf(e, from.id, 'ownership_removed')).toHaveLength(1);
  });

  it('locks key accounts (managers only) and deletes only empty pools', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const pool = await sourcePool(e, [rep]);
    const id = await ownedCustomer(e, rep, '重点客户');
    expect((await e.as(rep).post('/customers/pool-lock', { ids: [id], locked: true })).status).toBe(403);
    expect((await e.as(e.admin).post('/customers/pool-lock', { ids: [id], locked: true })).body).toEqual({
      updated: 1,
    });
    expect((await customerRow(e, id)).is_locked).toBe(1);
    const held = await pooledCustomer(e, pool.id, '池中客户');
    const del = await e.as(e.admin).delete(`/pools/${pool.id}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('pool_not_empty');
    await e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [held] });
    expect((await e.as(e.admin).delete(`/pools/${pool.id}`)).status).toBe(204);
  });
});

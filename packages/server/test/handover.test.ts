import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';
import { addDeal, createPool, movesOf, notificationsOf, ownedCustomer } from './pool-fixtures';
import {
  addLead,
  addTask,
  assigneeOf,
  bulkCustomers,
  dealsOf,
  ownerOf,
  poolColumns,
  writeCounts,
} from './handover-fixtures';
import { runHandover } from '../src/modules/ownership/handover-job';

describeEachDialect('hand-over to several reps or a pool, in the background', (env) => {
  let n = 0;
  const customers = async (e: TestEnv, owner: TestUser, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await ownedCustomer(e, owner, `交接客户${++n}`));
    // The split follows id order, which is what the assertions compare against.
    return ids.sort();
  };

  it('splits customers evenly among three reps; open deals and tasks follow their customer', async () => {
    const e = env();
    const leaving = await e.makeUser('rep', { name: '离职的王五' });
    const [a, b, c] = [await e.makeUser('rep'), await e.makeUser('rep'), await e.makeUser('rep')];
    const ids = await customers(e, leaving, 7);
    for (const i of [0, 1, 4]) await addDeal(e, ids[i]!, leaving.id, 'open');
    await addDeal(e, ids[2]!, leaving.id, 'won');
    const t0 = await addTask(e, ids[0]!, leaving.id);
    const t3 = await addTask(e, ids[3]!, leaving.id);
    const doneTask = await addTask(e, ids[3]!, leaving.id, true);
    await addLead(e, leaving, '线索甲');
    await addLead(e, leaving, '线索乙');
    const body = { from_user_id: leaving.id, to: [{ user_id: a.id }, { user_id: b.id }, { user_id: c.id }] };

    const before = await writeCounts(e);
    const preview = await e.as(e.admin).post('/handovers/preview', body);
    expect(preview.status).toBe(200);
    // Customers 0..6 go a, b, c, a, b, c, a; deals of 0, 1, 4 go to a, b, b; tasks of 0, 3 to a, a.
    expect(preview.body.targets.map((t: { counts: unknown }) => t.counts)).toEqual([
      { customer: 3, deal: 1, task: 2, lead: 1 },
      { customer: 2, deal: 2, task: 0, lead: 1 },
      { customer: 2, deal: 0, task: 0, lead: 0 },
    ]);
    expect(preview.body.total).toBe(7 + 3 + 2 + 2);
    expect(await writeCounts(e)).toEqual(before);
    expect(await ownerOf(e, 'customers', ids[0]!)).toBe(leaving.id);

    const started = await e.as(e.admin).post('/handovers', body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', total: 14, done: 0 });
    await e.worker.drain();

    const done = await e.as(e.admin).get(`/handovers/${started.body.id}`);
    expect(done.body).toMatchObject({
      status: 'completed',
      total: 14,
      done: 14,
      moved: { customer: 7, deal: 3, task: 2, lead: 2 },
    });
    expect(done.body.targets.map((t: { counts: unknown }) => t.counts)).toEqual(
      preview.body.targets.map((t: { counts: unknown }) => t.counts),
    );
    const expected = [a, b, c, a, b, c, a];
    for (const [i, id] of ids.entries()) {
      expect(await ownerOf(e, 'customers', id)).toBe(expected[i]!.id);
      for (const d of await dealsOf(e, id))
        expect(d.owner_id).toBe(d.status === 'open' ? expected[i]!.id : leaving.id);
    }
    expect(await assigneeOf(e, t0)).toBe(a.id);
    expect(await assigneeOf(e, t3)).toBe(a.id);
    expect(await assigneeOf(e, doneTask)).toBe(leaving.id);
    expect((await e.as(leaving).get('/customers')).body.items).toHaveLength(0);

    // Transfers restart the recycle clock and appear in the customer's pool history.
    expect((await poolColumns(e, ids[0]!)).claimed_at).toBe(e.clock.now().toISOString());
    expect((await movesOf(e, ids[0]!)).map((m) => [m.kind, m.from_owner_id, m.to_owner_id])).toEqual([
      ['transfer', leaving.id, a.id],
    ]);
    const owned = await e.database.db
      .selectFrom('events')
      .select('record_id')
      .where('type', '=', 'customer.owner_changed')
      .where('record_id', 'in', ids)
      .execute();
    expect(owned).toHaveLength(7);

    for (const [rep, text] of [
      [a, '3 个客户、1 个商机、2 个任务、1 个线索'],
      [b, '2 个客户、2 个商机、1 个线索'],
      [c, '2 个客户'],
    ] as const) {
      const inbox = await notificationsOf(e, rep.id, 'handover_received');
      expect(inbox).toHaveLength(1);
      expect(inbox[0]!.title).toBe(`你接手了 离职的王五 的 ${text}`);
    }
    const admin = await notificationsOf(e, e.admin.id, 'handover_completed');
    expect(admin).toHaveLength(1);
    expect(admin[0]!.title).toContain('离职的王五');
    expect(admin[0]!.body).toContain('7 个客户');

    const list = await e.as(e.admin).get('/handovers');
    expect(list.body.items.map((h: { id: string }) => h.id)).toContain(started.body.id);
  });

  it('sends customers back to a pool; deals and tasks go to the manager, leads unassigned, user disabled', async () => {
    const e = env();
    const leaving = await e.makeUser('rep', { name: '离职的赵六' });
    const manager = await e.makeUser('manager', { name: '主管' });
    const pool = await createPool(e, {
      name: '交接公海',
      scope: 'source',
      source: '交接渠道',
      members: [{ type: 'user', id: manager.id }],
    });
    const ids = await customers(e, leaving, 3);
    await addDeal(e, ids[1]!, leaving.id, 'open');
    const task = await addTask(e, ids[2]!, leaving.id);
    const lead = await addLead(e, leaving, '无人跟进的线索');
    const body = { from_user_id: leaving.id, to_pool: pool.id, deals_to: manager.id, deactivate: true };

    const preview = await e.as(e.admin).post('/handovers/preview', body);
    expect(preview.body).toMatchObject({
      pool: { pool_id: pool.id, customers: 3 },
      unassigned_leads: 1,
      targets: [{ user_id: manager.id, counts: { customer: 0, deal: 1, task: 1, lead: 0 } }],
    });
    const started = await e.as(e.admin).post('/handovers', body);
    expect(started.status).toBe(202);
    await e.worker.drain();
    const done = (await e.as(e.admin).get(`/handovers/${started.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', pooled: 3, unassigned_leads: 1, deactivated: true });

    for (const id of ids)
      expect(await poolColumns(e, id)).toMatchObject({
        owner_id: null,
        pool_id: pool.id,
        claimed_at: null,
        recycle_reason: '交接退回',
        previous_owner_id: leaving.id,
      });
    const inPool = await e.as(e.admin).get(`/pools/${pool.id}/customers`);
    expect(inPool.body.items.map((c: { id: string }) => c.id).sort()).toEqual(ids);
    const history = await e.as(e.admin).get(`/pools/${pool.id}/moves`);
    expect(history.status).toBe(200);
    const moves = history.body.items.filter((m: { customer: { id: string } }) => ids.includes(m.customer.id));
    expect(moves).toHaveLength(3);
    expect(moves[0]).toMatchObject({ kind: 'release', reason: '交接退回' });

    expect((await dealsOf(e, ids[1]!))[0]!.owner_id).toBe(manager.id);
    expect(await assigneeOf(e, task)).toBe(manager.id);
    expect(await ownerOf(e, 'leads', lead)).toBeNull();
    const user = await e.database.db
      .selectFrom('users')
      .select('status')
      .where('id', '=', leaving.id)
      .executeTakeFirstOrThrow();
    expect(user.status).toBe('disabled');
    expect(await notificationsOf(e, manager.id, 'handover_received')).toHaveLength(1);
    const admin = await notificationsOf(e, e.admin.id, 'handover_completed');
    expect(admin.at(-1)!.body).toContain('3 个客户退回公海「交接公海」');
  });

  it('reports progress batch by batch and refuses a second hand-over of the same user meanwhile', async () => {
    const e = env();
    const leaving = await e.makeUser('rep');
    const [a, b] = [await e.makeUser('rep'), await e.makeUser('rep')];
    await customers(e, leaving, 5);
    const body = { from_user_id: leaving.id, to: [{ user_id: a.id, share: 2 }, { user_id: b.id }] };
    const started = await e.as(e.admin).post('/handovers', body);
    expect(started.body.total).toBe(5);

    expect(
      await runHandover(e.deps, e.ws.workspaceId, started.body.id, { batchSize: 2, maxBatches: 1 }),
    ).toBe(false);
    const midway = (await e.as(e.admin).get(`/handovers/${started.body.id}`)).body;
    expect(midway).toMatchObject({ status: 'running', done: 2, total: 5, moved: { customer: 2 } });
    const again = await e.as(e.admin).post('/handovers', body);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].path).toBe('from_user_id');

    await e.worker.drain();
    const done = (await e.as(e.admin).get(`/handovers/${started.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', done: 5 });
    // Shares 2 : 1 give a, a, b, a, a.
    expect(done.targets.map((t: { counts: { customer: number } }) => t.counts.customer)).toEqual([4, 1]);
  });

  it('moves a large book in batches of 500, splitting it exactly evenly', async () => {
    const e = env();
    const leaving = await e.makeUser('rep');
    const reps = [await e.makeUser('rep'), await e.makeUser('rep'), await e.makeUser('rep')];
    const ids = await bulkCustomers(e, leaving, 1203);
    const started = await e
      .as(e.admin)
      .post('/handovers', { from_user_id: leaving.id, to: reps.map((r) => ({ user_id: r.id })) });
    expect(started.body.total).toBe(1203);
    await e.worker.drain();
    const done = (await e.as(e.admin).get(`/handovers/${started.body.id}`)).body;
    expect(done).toMatchObject({ status: 'completed', done: 1203 });
    expect(done.targets.map((t: { counts: { customer: number } }) => t.counts.customer)).toEqual([
      401, 401, 401,
    ]);
    // The rotation carries over from one batch to the next: customer 500 goes to the third rep.
    expect(await ownerOf(e, 'customers', ids[500]!)).toBe(reps[2]!.id);
    expect(await ownerOf(e, 'customers', ids[1202]!)).toBe(reps[2]!.id);
  });

  it('refuses bad requests with 400 naming the field, and writes nothing', async () => {
    const e = env();
    const leaving = await e.makeUser('rep');
    const rep = await e.makeUser('rep');
    const gone = await e.makeUser('rep');
    await e.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', gone.id).execute();
    const pool = await createPool(e, {
      name: '校验公海',
      scope: 'source',
      source: '校验渠道',
      members: [{ type: 'user', id: rep.id }],
    });
    await customers(e, leaving, 1);
    const unknown = '01900000-0000-7000-8000-0000000000ff';
    const from = leaving.id;
    const cases: [Record<string, unknown>, string][] = [
      [{ from_user_id: from, to: [] }, 'to'],
      [{ from_user_id: from }, 'to'],
      [{ from_user_id: from, to: [{ user_id: unknown }] }, 'to[0].user_id'],
      [{ from_user_id: from, to: [{ user_id: rep.id }, { user_id: gone.id }] }, 'to[1].user_id'],
      [{ from_user_id: from, to: [{ user_id: from }] }, 'to[0].user_id'],
      [{ from_user_id: from, to: [{ user_id: rep.id }, { user_id: rep.id }] }, 'to[1].user_id'],
      [{ from_user_id: from, to: [{ user_id: rep.id, share: 0 }] }, 'to[0].share'],
      [{ from_user_id: from, to: [{ user_id: rep.id }], to_pool: pool.id }, 'to_pool'],
      [{ from_user_id: from, to_pool: pool.id }, 'deals_to'],
      [{ from_user_id: from, to_pool: unknown, deals_to: rep.id }, 'to_pool'],
      [{ from_user_id: from, to_pool: pool.id, deals_to: from }, 'deals_to'],
      [{ from_user_id: unknown, to: [{ user_id: rep.id }] }, 'from_user_id'],
    ];
    const before = await writeCounts(e);
    for (const [body, path] of cases) {
      for (const url of ['/handovers/preview', '/handovers']) {
        const res = await e.as(e.admin).post(url, body);
        expect(res.status, `${url} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.errors[0].path, JSON.stringify(body)).toBe(path);
      }
    }
    expect(
      (await e.as(rep).post('/handovers', { from_user_id: from, to: [{ user_id: rep.id }] })).status,
    ).toBe(403);
    expect(await writeCounts(e)).toEqual(before);
    expect((await e.as(e.admin).get('/handovers/01900000-0000-7000-8000-0000000000aa')).status).toBe(404);
  });

  it('a single transfer restarts the recycle clock and shows in the pool history', async () => {
    const e = env();
    const from = await e.makeUser('rep');
    const to = await e.makeUser('rep');
    const [id] = await customers(e, from, 1);
    e.clock.advance(60_000);
    const res = await e
      .as(e.admin)
      .post('/ownership/transfer', { record_type: 'customer', ids: [id], owner_id: to.id });
    expect(res.status).toBe(200);
    expect((await poolColumns(e, id!)).claimed_at).toBe(e.clock.now().toISOString());
    expect((await movesOf(e, id!)).map((m) => [m.kind, m.to_owner_id])).toEqual([['transfer', to.id]]);
  });
});

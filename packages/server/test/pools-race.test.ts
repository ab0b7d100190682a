import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { createPool, customerRow, movesOf, pooledCustomer } from './pool-fixtures';

describeEachDialect('public pools: concurrent claims', (env) => {
  it('50 reps claim the same customer at once: exactly one gets it, 49 hear already_claimed', async () => {
    const e = env();
    const dept = await e.makeDepartment('抢单部');
    const reps = [];
    for (let i = 0; i < 50; i++) reps.push(await e.makeUser('rep', { departmentId: dept, name: `抢单${i}` }));
    const pool = await createPool(e, { name: '抢单公海', members: [{ type: 'department', id: dept }] });
    const id = await pooledCustomer(e, pool.id, '热门客户');

    const results = await Promise.all(
      reps.map((r) => e.as(r).post(`/pools/${pool.id}/claim`, { ids: [id] })),
    );
    const won = results.filter((r) => r.status === 200);
    const lost = results.filter((r) => r.status !== 200);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('already_claimed');
      expect(r.body.errors).toEqual([expect.objectContaining({ path: 'ids[0]', code: 'already_claimed' })]);
    }
    const winner = reps[results.findIndex((r) => r.status === 200)]!;
    expect(won[0]!.body.claimed).toEqual([id]);
    expect((await customerRow(e, id)).owner_id).toBe(winner.id);
    expect((await movesOf(e, id)).filter((m) => m.kind === 'claim')).toHaveLength(1);
    const changes = await e.database.db
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', id)
      .where('type', '=', 'customer.owner_changed')
      .execute();
    expect(changes).toHaveLength(2);
  });

  it("one rep's concurrent claims cannot exceed their cap", async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const pool = await createPool(e, {
      name: '上限公海',
      scope: 'source',
      source: '并发',
      members: [{ type: 'user', id: rep.id }],
    });
    await e.as(e.admin).post('/owner-caps', { subject_type: 'user', subject_id: rep.id, max_customers: 3 });
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await pooledCustomer(e, pool.id, `并发客户${i}`));
    const results = await Promise.all(
      ids.map((id) => e.as(rep).post(`/pools/${pool.id}/claim`, { ids: [id] })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    expect(results.filter((r) => r.body.code === 'cap_reached')).toHaveLength(5);
  });
});

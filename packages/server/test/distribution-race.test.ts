import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { addRule, freshPhone, resetDistribution } from './distribution-fixtures';

describeEachDialect('lead distribution: concurrent creates', (env) => {
  it('40 leads created at once across 4 reps in turn: 10 each, every pointer step used once', async () => {
    const e = env();
    await resetDistribution(e);
    const reps = [];
    for (let i = 0; i < 4; i++) reps.push(await e.makeUser('rep', { name: `并发${i}` }));
    await addRule(e, { name: '并发轮询', method: { type: 'round_robin', user_ids: reps.map((r) => r.id) } });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        e.as(e.admin).post('/leads', { name: `并发线索${i}`, mobile: freshPhone(), source: '并发' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(40).fill(201));
    const counts = new Map<string, number>();
    for (const r of results) counts.set(r.body.owner_id, (counts.get(r.body.owner_id) ?? 0) + 1);
    expect([...counts.entries()].sort()).toEqual(reps.map((r) => [r.id, 10]).sort());
    const logs = await e.database.db
      .selectFrom('distribution_log')
      .select('reason')
      .where('workspace_id', '=', e.ws.workspaceId)
      .execute();
    expect(logs).toHaveLength(40);
  });

  it('least loaded under concurrency: 24 leads, 4 reps with room for 5 each: 5 each, the rest to the fallback', async () => {
    const e = env();
    await resetDistribution(e);
    const reps = [];
    for (let i = 0; i < 4; i++) reps.push(await e.makeUser('rep', { name: `负载${i}` }));
    await addRule(e, {
      name: '并发负载',
      method: { type: 'least_loaded', user_ids: reps.map((r) => r.id), capacity: 5 },
    });
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        e.as(e.admin).post('/leads', { name: `负载线索${i}`, mobile: freshPhone(), assign: 'auto' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(24).fill(201));
    const counts = new Map<string | null, number>();
    for (const r of results) counts.set(r.body.owner_id, (counts.get(r.body.owner_id) ?? 0) + 1);
    for (const rep of reps) expect(counts.get(rep.id)).toBe(5);
    // Past capacity the fallback (the creator) keeps the rest.
    expect(counts.get(e.admin.id)).toBe(4);
  });
});

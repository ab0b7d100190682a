import { expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { automationDepsFor, buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { OffsetClock, withTestClock } from '../src/core/test-clock';
import { describeEachDialect } from './harness';
import type { TestEnv } from './harness';
import { createPool, customerRow, DAY, ownedCustomer } from './pool-fixtures';

/** The journeys' movable clock: off unless TIDELINE_TEST_CLOCK is set, and then it moves and sweeps. */
describeEachDialect('test clock (journeys only)', (env) => {
  const post = (app: FastifyInstance, body: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/test/clock', payload: body as object });

  it('is off by default: the setting is false and the endpoint does not exist', async () => {
    expect(loadConfig({}).testClock).toBe(false);
    expect(loadConfig({ TIDELINE_TEST_CLOCK: '1' }).testClock).toBe(true);
    const e = env();
    const res = await post(e.app, { advance_days: 31 });
    expect(res.statusCode).toBe(404);
    // A signed-in admin cannot reach it either.
    expect((await e.as(e.admin).post('/test/clock', { advance_days: 31 })).status).toBe(404);
  });

  it('refuses to start with the setting but without the movable clock', async () => {
    const e = env();
    const config = { ...loadConfig({ TIDELINE_TEST_CLOCK: '1' }), logLevel: 'silent' };
    await expect(buildApp({ deps: e.deps, config })).rejects.toThrow(/test clock/);
  });

  it('with TIDELINE_TEST_CLOCK=1, moves time forward, sweeps the pools at once, and resets', async () => {
    const e: TestEnv = env();
    const deps = withTestClock(e.deps);
    const config = { ...loadConfig({ TIDELINE_TEST_CLOCK: '1' }), logLevel: 'silent' };
    const app = await buildApp({ deps, config, automation: automationDepsFor(deps, config) });
    try {
      const rep = await e.makeUser('rep', { name: '时钟销售' });
      await createPool(e, {
        name: '时钟公海',
        scope: 'source',
        source: '时钟测试',
        members: [{ type: 'user', id: rep.id }],
        rules: [{ kind: 'no_follow_up', days: 30, warn_days: 3 }],
      });
      const id = await ownedCustomer(e, rep, '时钟客户', { source: '时钟测试' });
      const start = e.clock.now().getTime();

      const moved = await post(app, { advance_days: 31 });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ offset_days: 31, now: new Date(start + 31 * DAY).toISOString() });
      expect(moved.json().swept).toBeGreaterThan(0);
      expect(deps.clock).toBeInstanceOf(OffsetClock);
      const row = await customerRow(e, id);
      expect(row.owner_id).toBeNull();
      expect(row.pool_id).not.toBeNull();

      const reset = await post(app, { reset: true, sweep: false });
      expect(reset.json()).toMatchObject({ offset_days: 0, now: new Date(start).toISOString(), swept: 0 });
      expect((await post(app, { advance_days: -1 })).statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});

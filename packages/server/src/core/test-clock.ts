import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AutomationDeps } from '../modules/automations/run-context';
import { sweepPools } from '../modules/pools/pool-sweep';
import { DAY_MS, systemClock } from './clock';
import type { Clock } from './clock';
import type { AppDeps } from './deps';

/**
 * Browser journeys only (TIDELINE_TEST_CLOCK=1): real time plus an offset a journey moves forward, so
 * "idle for 30 days" can happen in a minute. Time keeps running, so sessions, ids and ordering behave
 * as in production between moves. Never used unless that variable is set.
 */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
  get offset(): number {
    return this.offsetMs;
  }
}

/** The same dependencies with an OffsetClock over their clock (server.ts, when the test clock is on). */
export function withTestClock(deps: AppDeps): AppDeps & { clock: OffsetClock } {
  return { ...deps, clock: new OffsetClock(deps.clock) };
}

const clockBody = z.strictObject({
  /** Move the clock forward by this many days (fractions allowed). */
  advance_days: z.number().min(0).max(3650).default(0),
  /** Back to real time first (journeys call this when they finish, so later journeys see today). */
  reset: z.boolean().default(false),
  /** Run the pool sweep at the new time right away instead of waiting for the worker's tick. */
  sweep: z.boolean().default(true),
});

/**
 * POST /test/clock — registered by app.ts only when config.testClock is set (TIDELINE_TEST_CLOCK=1).
 * Public on purpose: a jump of weeks ends every session, and only a test server ever has this route.
 */
export function registerTestClockRoutes(api: FastifyInstance, auto: AutomationDeps): void {
  const clock = auto.clock;
  if (!(clock instanceof OffsetClock))
    throw new Error('TIDELINE_TEST_CLOCK is set but the server was not started with the test clock');
  const app = api.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/test/clock',
    {
      config: { public: true },
      schema: { hide: true, body: clockBody },
    },
    async (req) => {
      if (req.body.reset) clock.reset();
      clock.advance(req.body.advance_days * DAY_MS);
      const swept = req.body.sweep ? await sweepPools(auto, { minIntervalMs: 0 }) : 0;
      return {
        now: clock.now().toISOString(),
        offset_days: clock.offset / DAY_MS,
        swept,
      };
    },
  );
}

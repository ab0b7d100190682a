import { expect, it } from 'vitest';
import { DEFAULT_CHINA_CALENDAR, addDuration } from '@tideline/engine';
import { loadBusinessCalendar } from '../src/modules/calendars/calendar.service';
import { TEST_NOW, describeEachDialect } from './harness';
import type { TestEnv, TestUser } from './harness';

const URL = '/api/v1/settings/business-calendar';

/** The harness client has no PUT; the calendar is replaced whole, so it is the one verb we need. */
async function put(env: TestEnv, user: TestUser, body: unknown) {
  const res = await env.app.inject({
    method: 'PUT',
    url: URL,
    headers: { authorization: `Bearer ${user.token}` },
    payload: body as object,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

const SIX_DAY_WEEK = {
  working_days: [6, 1, 2, 3, 4, 5, 5],
  hours: [{ start: '08:30', end: '17:30' }],
  holidays: ['2026-12-25', '2026-11-24', '2026-12-25'],
  extra_working_days: ['2026-11-29'],
};

describeEachDialect('business calendar', (env) => {
  let rep: TestUser;
  let manager: TestUser;

  it('gives everyone signed in the built-in China calendar until one is saved', async () => {
    rep = await env().makeUser('rep');
    manager = await env().makeUser('manager');
    const res = await env().as(rep).get('/settings/business-calendar');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      is_default: true,
      updated_at: null,
      updated_by: null,
      working_days: [1, 2, 3, 4, 5],
      hours: [
        { start: '09:00', end: '12:00' },
        { start: '13:30', end: '18:00' },
      ],
    });
    expect(res.body.holidays).toContain('2026-02-17');
    expect(res.body.holidays).toHaveLength(33);
    expect(res.body.extra_working_days).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(await loadBusinessCalendar(env().database.db, env().ws.workspaceId)).toBe(DEFAULT_CHINA_CALENDAR);

    const china = await env().as(rep).get('/settings/business-calendar/china-default');
    expect(china.status).toBe(200);
    const { is_default: _d, updated_at: _u, updated_by: _b, ...definition } = res.body;
    expect(china.body).toEqual(definition);

    const anonymous = await env().app.inject({ method: 'GET', url: URL });
    expect(anonymous.statusCode).toBe(401);
  });

  it('saves a calendar, tidied, and reads it back, audited', async () => {
    const res = await put(env(), env().admin, SIX_DAY_WEEK);
    expect(res.status).toBe(200);
    const saved = {
      working_days: [1, 2, 3, 4, 5, 6],
      hours: [{ start: '08:30', end: '17:30' }],
      holidays: ['2026-11-24', '2026-12-25'],
      extra_working_days: ['2026-11-29'],
    };
    expect(res.body).toEqual({
      ...saved,
      is_default: false,
      updated_at: TEST_NOW,
      updated_by: env().admin.id,
    });

    const read = await env().as(rep).get('/settings/business-calendar');
    expect(read.body).toEqual(res.body);
    expect(await loadBusinessCalendar(env().database.db, env().ws.workspaceId)).toEqual(saved);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'business_calendar')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'created',
      record_id: env().ws.workspaceId,
      actor_id: env().admin.id,
    });
    const events = await env()
      .database.db.selectFrom('events')
      .select('type')
      .where('entity', '=', 'business_calendar')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['business_calendar.created']);
  });

  it('times business days by the saved calendar', async () => {
    const cal = await loadBusinessCalendar(env().database.db, env().ws.workspaceId);
    // Monday 10:00 + 1 business day: Tuesday 2026-11-24 is now a holiday, Saturday the 28th a working day.
    const monday = new Date('2026-11-23T02:00:00Z');
    const due = addDuration(monday, { amount: 1, unit: 'business_days' }, cal, 'Asia/Shanghai');
    expect(due.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    const fourOn = addDuration(monday, { amount: 4, unit: 'business_days' }, cal, 'Asia/Shanghai');
    expect(fourOn.toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });

  it('audits only what changed, and nothing for a save that changes nothing', async () => {
    expect((await put(env(), env().admin, SIX_DAY_WEEK)).status).toBe(200);
    const changed = await put(env(), env().admin, { ...SIX_DAY_WEEK, holidays: ['2026-11-24'] });
    expect(changed.body.holidays).toEqual(['2026-11-24']);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'business_calendar')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated']);
    const changes = env().database.dialect.readJson<Record<string, unknown>>(audit[1]!.changes);
    expect(Object.keys(changes)).toEqual(['holidays']);
  });

  it.each([
    ['an end before its start', { hours: [{ start: '09:00', end: '08:00' }] }, ['hours[0].end']],
    [
      'overlapping periods',
      {
        hours: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '18:00' },
        ],
      },
      ['hours[1].start'],
    ],
    [
      'periods out of order',
      {
        hours: [
          { start: '13:30', end: '18:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
      ['hours[1].start'],
    ],
    ['an end after midnight', { hours: [{ start: '09:00', end: '24:30' }] }, ['hours[0].end']],
    ['a malformed time', { hours: [{ start: '9:00', end: '18:00' }] }, ['hours[0].start']],
    ['no working hours', { hours: [] }, ['hours']],
    [
      'a date both holiday and working day',
      {
        holidays: ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-05'],
        extra_working_days: ['2026-12-05'],
      },
      ['holidays[3]', 'extra_working_days[0]'],
    ],
    ['a malformed date', { holidays: ['2026-11-24', '2026-13-01'] }, ['holidays[1]']],
    ['no working day', { working_days: [] }, ['working_days']],
    ['a weekday out of range', { working_days: [1, 8] }, ['working_days[1]']],
    ['an unknown field', { is_default: false }, []],
  ])('refuses %s, naming the field, and keeps the saved calendar', async (_label, patch, paths) => {
    const res = await put(env(), env().admin, { ...SIX_DAY_WEEK, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    for (const path of paths) expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    const read = await env().as(rep).get('/settings/business-calendar');
    expect(read.body.holidays).toEqual(['2026-11-24']);
    expect(read.body.hours).toEqual([{ start: '08:30', end: '17:30' }]);
  });

  it('lets only those who manage automations save it', async () => {
    for (const user of [rep, manager]) {
      const res = await put(env(), user, DEFAULT_CHINA_CALENDAR);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission_denied');
    }
    const read = await env().as(rep).get('/settings/business-calendar');
    expect(read.body.is_default).toBe(false);
    expect(read.body.working_days).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

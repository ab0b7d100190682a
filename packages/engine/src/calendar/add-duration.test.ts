import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Duration, DurationUnit } from '@tideline/shared';
import { addDuration, subtractDuration } from './add-duration';
import { isWorkingDay } from './business-calendar';
import { DEFAULT_CHINA_CALENDAR as CN } from './china-calendar';
import { isWithinBusinessHours, nextBusinessHour } from './next-business-hour';
import { PLAIN_WEEK, at, show } from './test-helpers';

const SH = 'Asia/Shanghai';
const ROUND_THE_CLOCK = {
  working_days: [1, 2, 3, 4, 5, 6, 7],
  hours: [{ start: '00:00', end: '24:00' }],
  holidays: [],
  extra_working_days: [],
};
const BERLIN = 'Europe/Berlin';

describe('addDuration in Asia/Shanghai with the China calendar', () => {
  it.each([
    // plain time ignores the calendar
    ['2026-11-23 10:00', 90, 'minutes', '2026-11-23 11:30'],
    ['2026-11-21 23:00', 2, 'hours', '2026-11-22 01:00'],
    ['2026-02-13 10:00', 3, 'days', '2026-02-16 10:00'],
    // business days keep the time of day
    ['2026-11-20 10:00', 1, 'business_days', '2026-11-23 10:00'], // Friday → Monday over the weekend
    ['2026-11-23 10:00', 5, 'business_days', '2026-11-30 10:00'],
    ['2026-11-20 20:00', 1, 'business_days', '2026-11-23 20:00'], // after hours still keeps the time
    ['2026-11-21 10:00', 1, 'business_days', '2026-11-24 00:00'], // Saturday counts from Monday 00:00
    ['2026-11-22 23:59', 2, 'business_days', '2026-11-25 00:00'],
    ['2026-02-13 15:00', 1, 'business_days', '2026-02-14 15:00'], // 调休 Saturday is a working day
    ['2026-02-13 15:00', 2, 'business_days', '2026-02-24 15:00'], // over the Spring Festival
    ['2026-02-14 09:30', 1, 'business_days', '2026-02-24 09:30'],
    ['2026-02-18 10:00', 1, 'business_days', '2026-02-25 00:00'], // from inside the Spring Festival
    ['2026-09-30 10:00', 1, 'business_days', '2026-10-08 10:00'], // over National Day
    ['2026-10-09 10:00', 1, 'business_days', '2026-10-10 10:00'], // 调休 Saturday after National Day
    ['2026-11-21 10:00', 0, 'business_days', '2026-11-21 10:00'], // zero is no move at all
    // business hours: only working time counts
    ['2026-11-23 11:00', 2, 'business_hours', '2026-11-23 14:30'], // over the lunch break
    ['2026-11-23 17:00', 1, 'business_hours', '2026-11-23 18:00'], // a period used up exactly ends it
    ['2026-11-23 17:00', 2, 'business_hours', '2026-11-24 10:00'], // into the next day
    ['2026-11-23 12:30', 1, 'business_hours', '2026-11-23 14:30'], // from lunch: starts at 13:30
    ['2026-11-23 07:00', 3, 'business_hours', '2026-11-23 12:00'],
    ['2026-11-23 07:00', 8, 'business_hours', '2026-11-24 09:30'], // a day holds 7.5 hours
    ['2026-11-20 17:30', 1, 'business_hours', '2026-11-23 09:30'], // over the weekend
    ['2026-11-21 10:00', 1, 'business_hours', '2026-11-23 10:00'], // from a Saturday
    ['2026-02-13 17:00', 8, 'business_hours', '2026-02-14 17:30'], // 调休 Saturday works
    ['2026-02-14 17:00', 2, 'business_hours', '2026-02-24 10:00'], // over the Spring Festival
    ['2026-11-23 23:00', 0, 'business_hours', '2026-11-23 23:00'],
  ] as const)('%s + %i %s → %s', (start, amount, unit, expected) => {
    expect(show(addDuration(at(start), { amount, unit }, CN, SH))).toBe(expected);
  });
});

describe('subtractDuration in Asia/Shanghai with the China calendar', () => {
  it.each([
    ['2026-11-23 11:30', 90, 'minutes', '2026-11-23 10:00'],
    ['2026-11-23 00:00', 3, 'days', '2026-11-20 00:00'],
    ['2026-11-23 10:00', 1, 'business_days', '2026-11-20 10:00'],
    ['2026-11-22 10:00', 1, 'business_days', '2026-11-20 00:00'], // a Sunday counts as Monday 00:00
    ['2026-02-24 15:00', 2, 'business_days', '2026-02-13 15:00'], // back over the Spring Festival
    ['2026-10-04 00:00', 3, 'business_days', '2026-09-28 00:00'], // as WORKDAY(2026-10-04, -3)
    ['2026-11-23 10:00', 1, 'business_hours', '2026-11-23 09:00'], // not Friday 18:00
    ['2026-11-23 14:30', 2, 'business_hours', '2026-11-23 11:00'], // back over lunch
    ['2026-11-23 09:30', 1, 'business_hours', '2026-11-20 17:30'], // back over the weekend
    ['2026-02-24 10:00', 2, 'business_hours', '2026-02-14 17:00'], // back over the Spring Festival
  ] as const)('%s − %i %s → %s', (end, amount, unit, expected) => {
    expect(show(subtractDuration(at(end), { amount, unit }, CN, SH))).toBe(expected);
  });
});

describe('addDuration in Europe/Berlin (DST)', () => {
  const berlin = (local: string) => at(local, BERLIN);
  it.each([
    // 2026-03-29 02:00 → 03:00 (spring forward): a calendar day is 23 hours
    ['2026-03-28 10:00', 1, 'days', '2026-03-29 10:00', 23],
    // 2026-10-25 03:00 → 02:00 (fall back): a calendar day is 25 hours
    ['2026-10-24 10:00', 1, 'days', '2026-10-25 10:00', 25],
    ['2026-03-28 10:00', 24, 'hours', '2026-03-29 11:00', 24],
    ['2026-03-27 10:00', 1, 'business_days', '2026-03-30 10:00', 71],
    ['2026-03-27 16:00', 2, 'business_hours', '2026-03-30 10:00', 65],
  ] as const)('%s + %i %s → %s (%i h elapsed)', (start, amount, unit, expected, hours) => {
    const from = berlin(start);
    const to = addDuration(from, { amount, unit }, PLAIN_WEEK, BERLIN);
    expect(show(to, BERLIN)).toBe(expected);
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(hours);
  });

  it.each([
    ['2026-03-23 09:00', 48, 'a Mon–Fri 8-hour week', '2026-03-30 17:00', 7 * 24 + 8 - 1],
    ['2026-03-27 10:00', 72, 'round the clock, over the short day', '2026-03-30 11:00', 72],
    ['2026-10-23 10:00', 72, 'round the clock, over the long day', '2026-10-26 09:00', 72],
  ])('%s + %i business hours on %s → %s (%i h elapsed)', (start, amount, _label, expected, hours) => {
    const cal = amount === 48 ? PLAIN_WEEK : ROUND_THE_CLOCK;
    const from = berlin(start);
    const to = addDuration(from, { amount, unit: 'business_hours' }, cal, BERLIN);
    expect(show(to, BERLIN)).toBe(expected);
    expect((to.getTime() - from.getTime()) / 3_600_000).toBe(hours);
    expect(subtractDuration(to, { amount, unit: 'business_hours' }, cal, BERLIN)).toEqual(from);
  });

  it('moves a wall-clock time that does not exist forward by the gap', () => {
    const to = addDuration(berlin('2026-03-28 02:30'), { amount: 1, unit: 'days' }, PLAIN_WEEK, BERLIN);
    expect(show(to, BERLIN)).toBe('2026-03-29 03:30');
  });

  it('subtracts calendar days across the fall-back change', () => {
    const to = subtractDuration(berlin('2026-10-26 10:00'), { amount: 2, unit: 'days' }, PLAIN_WEEK, BERLIN);
    expect(show(to, BERLIN)).toBe('2026-10-24 10:00');
  });
});

describe('addDuration errors', () => {
  it('refuses a negative or fractional amount', () => {
    expect(() => addDuration(new Date(), { amount: -1, unit: 'days' }, CN, SH)).toThrow(RangeError);
    expect(() => addDuration(new Date(), { amount: 1.5, unit: 'hours' }, CN, SH)).toThrow(RangeError);
  });

  it('refuses an unknown time zone', () => {
    expect(() => addDuration(new Date(), { amount: 1, unit: 'days' }, CN, 'Mars/Olympus')).toThrow(
      RangeError,
    );
  });

  it('gives up on a calendar without working time instead of looping', () => {
    const never = { ...PLAIN_WEEK, working_days: [] };
    expect(() => addDuration(new Date(), { amount: 1, unit: 'business_days' }, never, SH)).toThrow(
      /no working/,
    );
    expect(() => addDuration(new Date(), { amount: 1, unit: 'business_hours' }, never, SH)).toThrow(
      /no working/,
    );
  });
});

// ---------------------------------------------------------------- properties

const START = Date.parse('2025-12-01T00:00:00Z');
const END = Date.parse('2027-01-01T00:00:00Z');
const instant = fc.integer({ min: START, max: END }).map((t) => new Date(t));
// Also hit round wall-clock times (09:00, 12:00, 18:00 …), where the edge cases live.
const roundInstant = fc
  .record({ day: fc.integer({ min: 0, max: 390 }), quarter: fc.integer({ min: 0, max: 95 }) })
  .map(({ day, quarter }) => new Date(START + day * 86_400_000 + quarter * 900_000 - 8 * 3_600_000));
const anyInstant = fc.oneof(instant, roundInstant);
const businessUnit = fc.constantFrom<DurationUnit>('business_days', 'business_hours');
const anyUnit = fc.constantFrom<DurationUnit>('minutes', 'hours', 'days', 'business_days', 'business_hours');
const amount = fc.integer({ min: 0, max: 40 });

/** The first working instant at or after `s`: where a business duration really starts counting. */
function normalized(s: Date, unit: DurationUnit): Date {
  if (unit === 'business_hours') return nextBusinessHour(s, CN, SH);
  const local = DateTime.fromJSDate(s, { zone: SH });
  if (isWorkingDay(local.toISODate()!, CN)) return s;
  let day = local.startOf('day').plus({ days: 1 });
  while (!isWorkingDay(day.toISODate()!, CN)) day = day.plus({ days: 1 });
  return day.toJSDate();
}

const inWorkingTime = (s: Date, unit: DurationUnit) =>
  unit === 'business_hours'
    ? isWithinBusinessHours(s, CN, SH)
    : isWorkingDay(DateTime.fromJSDate(s, { zone: SH }).toISODate()!, CN);

describe('addDuration properties (Asia/Shanghai, China calendar)', () => {
  it('subtract after add lands at or before the start for starts inside working time (exactly on it)', () => {
    fc.assert(
      fc.property(anyInstant, amount, businessUnit, (s, n, unit) => {
        fc.pre(inWorkingTime(s, unit));
        const d: Duration = { amount: n, unit };
        expect(subtractDuration(addDuration(s, d, CN, SH), d, CN, SH).getTime()).toBe(s.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('subtract after add lands on the first working instant at or after any start', () => {
    fc.assert(
      fc.property(anyInstant, fc.integer({ min: 1, max: 40 }), businessUnit, (s, n, unit) => {
        const d: Duration = { amount: n, unit };
        const back = subtractDuration(addDuration(s, d, CN, SH), d, CN, SH);
        expect(show(back)).toBe(show(normalized(s, unit)));
        expect(back.getTime()).toBeGreaterThanOrEqual(s.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('add after subtract never passes the end', () => {
    fc.assert(
      fc.property(anyInstant, amount, businessUnit, (e, n, unit) => {
        const d: Duration = { amount: n, unit };
        const there = addDuration(subtractDuration(e, d, CN, SH), d, CN, SH);
        expect(there.getTime()).toBeLessThanOrEqual(normalized(e, unit).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(anyInstant, amount, amount, anyUnit, (s, a, b, unit) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const early = addDuration(s, { amount: lo, unit }, CN, SH).getTime();
        const late = addDuration(s, { amount: hi, unit }, CN, SH).getTime();
        expect(early).toBeLessThanOrEqual(late);
        if (hi > lo) expect(early).toBeLessThan(late);
      }),
      { numRuns: 400 },
    );
  });

  it('is monotonic in the start, so a later record is never due earlier', () => {
    fc.assert(
      fc.property(anyInstant, anyInstant, amount, anyUnit, (a, b, n, unit) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        const d: Duration = { amount: n, unit };
        expect(addDuration(s1, d, CN, SH).getTime()).toBeLessThanOrEqual(
          addDuration(s2, d, CN, SH).getTime(),
        );
        expect(subtractDuration(s1, d, CN, SH).getTime()).toBeLessThanOrEqual(
          subtractDuration(s2, d, CN, SH).getTime(),
        );
      }),
      { numRuns: 400 },
    );
  });
});

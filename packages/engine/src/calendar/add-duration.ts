import { DateTime, IANAZone } from 'luxon';
import type { BusinessCalendar, Duration } from '@tideline/shared';
import {
  MAX_IDLE_DAYS,
  assertHasHours,
  compileCalendar,
  instantOf,
  isWorkingDayNumber,
  localTimeOf,
  seekWorkingDay,
  workingIntervals,
} from './business-calendar';
import type { CompiledCalendar, LocalTime } from './business-calendar';

/*
 * Units:
 * - minutes, hours: elapsed time, whatever the calendar says.
 * - days: calendar days in the time zone, keeping the wall-clock time (so across a DST change a day
 *   is 23 or 25 hours).
 * - business_days: the N-th working day after the start's date, at the same wall-clock time. A start
 *   on a day off counts from 00:00 of the next working day, so Saturday 10:00 + 1 business day is
 *   Tuesday 00:00 (all of Monday is the one business day). This keeps the result monotonic in the
 *   start: a later start is never due earlier.
 * - business_hours: only time inside working periods on working days is consumed. A start outside
 *   them waits for the next period; a result that uses up a period exactly is that period's end
 *   (17:00 + 1 h = 18:00, not 09:00 the next day).
 * subtractDuration mirrors each rule backwards; a day off again counts as 00:00 of the next working
 * day. Working time is a line with flat stretches (nights, weekends); going back lands at the latest
 * instant of a flat stretch: 1 business hour before Monday 10:00 is Monday 09:00, not Friday 18:00,
 * and 1 business day before a Sunday is Friday 00:00. So subtractDuration(addDuration(s, d), d) is s
 * for a start inside working time, and the first working instant after s otherwise. Sweeps that need
 * "due ≤ now" as a bound on the field use relativeFieldBound, which is exact.
 */

const HOUR_MS = 3_600_000;

function shiftWorkingDays(c: CompiledCalendar, from: LocalTime, n: number, step: 1 | -1): LocalTime {
  let day = from.day;
  if (!isWorkingDayNumber(c, day)) {
    // A day off counts as 00:00 of the next working day, in both directions.
    day = seekWorkingDay(c, day + 1, 1);
    from = { day, ms: 0 };
  }
  for (let i = 0; i < n; i++) day = seekWorkingDay(c, day + step, step);
  return { day, ms: from.ms };
}

const DAY_MS = 86_400_000;

/**
 * Whether a local day runs without an offset change (no DST switch), checked over a window wide
 * enough for any UTC offset. Such a day holds exactly the calendar's nominal working time, so long
 * durations skip it without building its intervals. Whole weeks are checked and remembered per zone
 * (no zone switches twice within a week); a week with a switch falls back to checking its days.
 */
const steadyWeeks = new Map<string, Map<number, boolean>>();

function isSteadyDay(zone: IANAZone, day: number): boolean {
  const steady = (from: number, to: number) =>
    zone.offset(from * DAY_MS - 14 * HOUR_MS) === zone.offset((to + 1) * DAY_MS + 12 * HOUR_MS);
  let weeks = steadyWeeks.get(zone.name);
  if (!weeks || weeks.size > 100_000) steadyWeeks.set(zone.name, (weeks = new Map()));
  const week = Math.floor(day / 7);
  let known = weeks.get(week);
  if (known === undefined) weeks.set(week, (known = steady(week * 7, week * 7 + 6)));
  return known || steady(day, day);
}

const nominalMs = (c: CompiledCalendar) => c.periods.reduce((sum, p) => sum + (p.end - p.start) * 60_000, 0);

/** Walk working intervals from `at` forwards (step 1) or backwards (-1), consuming `ms` of working time. */
function consume(c: CompiledCalendar, at: number, ms: number, timezone: string, step: 1 | -1): number {
  assertHasHours(c);
  const zone = IANAZone.create(timezone);
  const perDay = nominalMs(c);
  let remaining = ms;
  let idle = 0;
  const first = localTimeOf(at, timezone).day;
  for (let day = first; idle <= MAX_IDLE_DAYS; day += step) {
    if (!isWorkingDayNumber(c, day)) {
      idle++;
      continue;
    }
    idle = 0;
    if (day !== first && remaining > perDay && isSteadyDay(zone, day)) {
      remaining -= perDay;
      continue;
    }
    const intervals = workingIntervals(c, day, timezone);
    if (step === -1) intervals.reverse();
    for (const { start, end } of intervals) {
      if (step === 1 ? end <= at : start >= at) continue;
      const available = step === 1 ? end - Math.max(start, at) : Math.min(end, at) - start;
      if (remaining <= available)
        return step === 1 ? Math.max(start, at) + remaining : Math.min(end, at) - remaining;
      remaining -= available;
    }
  }
  throw new RangeError('The business calendar has no working time within ten years');
}

function move(start: Date, d: Duration, cal: BusinessCalendar, timezone: string, step: 1 | -1): Date {
  if (!Number.isInteger(d.amount) || d.amount < 0) {
    throw new RangeError(`A duration amount is a whole number ≥ 0, got ${d.amount}`);
  }
  const t = start.getTime();
  if (d.amount === 0) return new Date(t);
  switch (d.unit) {
    case 'minutes':
      return new Date(t + step * d.amount * 60_000);
    case 'hours':
      return new Date(t + step * d.amount * HOUR_MS);
    case 'days': {
      const local = DateTime.fromMillis(t, { zone: timezone });
      if (!local.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
      return local.plus({ days: step * d.amount }).toJSDate();
    }
    case 'business_days': {
      const to = shiftWorkingDays(compileCalendar(cal), localTimeOf(t, timezone), d.amount, step);
      return new Date(instantOf(to.day, to.ms, timezone));
    }
    case 'business_hours': {
      const c = compileCalendar(cal);
      const ms = d.amount * HOUR_MS;
      return new Date(consume(c, t, ms, timezone, step));
    }
  }
}

/** The instant a duration after `start`, business units following the calendar in `timezone`. */
export function addDuration(start: Date, d: Duration, cal: BusinessCalendar, timezone: string): Date {
  return move(start, d, cal, timezone, 1);
}

/** The instant a duration before `end`: addDuration's rules run backwards (see the note above). */
export function subtractDuration(end: Date, d: Duration, cal: BusinessCalendar, timezone: string): Date {
  return move(end, d, cal, timezone, -1);
}

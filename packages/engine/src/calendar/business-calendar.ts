import { DateTime } from 'luxon';
import type { BusinessCalendar } from '@tideline/shared';

/**
 * Calendar dates are handled as day numbers (days since 1970-01-01) so that walking thousands of days
 * is integer arithmetic; only the instants at the ends go through luxon and the time zone.
 */
export type DayNumber = number;

const DAY_MS = 86_400_000;
/** How many calendar days in a row may be without working time before we give up. */
export const MAX_IDLE_DAYS = 3_700;

export function dayNumberOf(date: string): DayNumber {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

export function dateOfDayNumber(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** A working period of a day in minutes after midnight, [start, end). */
export interface Period {
  start: number;
  end: number;
}

/** A calendar prepared for fast questions: sets of day numbers and periods in order. */
export interface CompiledCalendar {
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<DayNumber>;
  extraWorkingDays: ReadonlySet<DayNumber>;
  periods: readonly Period[];
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

// Calendars are read-only values: compiled once per object, as a run or a sweep asks many questions.
const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();

export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  const hit = compiled.get(cal);
  if (hit) return hit;
  const periods = cal.hours
    .map((h) => ({ start: minutesOf(h.start), end: Math.min(minutesOf(h.end), 1440) }))
    .filter((p) => p.end > p.start)
    .sort((a, b) => a.start - b.start);
  const result: CompiledCalendar = {
    workingDays: new Set(cal.working_days),
    holidays: new Set(cal.holidays.map(dayNumberOf)),
    extraWorkingDays: new Set(cal.extra_working_days.map(dayNumberOf)),
    periods,
  };
  compiled.set(cal, result);
  return result;
}

export function isWorkingDayNumber(c: CompiledCalendar, day: DayNumber): boolean {
  if (c.holidays.has(day)) return false;
  if (c.extraWorkingDays.has(day)) return true;
  return c.workingDays.has(weekdayOf(day));
}

/**
 * Whether a 'YYYY-MM-DD' date is a working day: a public holiday is off, a swapped working day (调休)
 * is on, any other date follows its weekday. A date listed as both counts as a holiday.
 */
export function isWorkingDay(date: string, cal: BusinessCalendar): boolean {
  return isWorkingDayNumber(compileCalendar(cal), dayNumberOf(date));
}

/** The first working day at or after `day` (`step` 1) or at or before it (`step` -1). */
export function seekWorkingDay(c: CompiledCalendar, day: DayNumber, step: 1 | -1): DayNumber {
  for (let i = 0; i <= MAX_IDLE_DAYS; i++, day += step) {
    if (isWorkingDayNumber(c, day)) return day;
  }
  throw new RangeError('The business calendar has no working day within ten years');
}

/** A local wall-clock position: the day and the milliseconds since its midnight. */
export interface LocalTime {
  day: DayNumber;
  ms: number;
}

function zoned(at: Date | number, timezone: string): DateTime {
  const dt = DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: timezone });
  if (!dt.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
  return dt;
}

export function localTimeOf(at: Date | number, timezone: string): LocalTime {
  const dt = zoned(at, timezone);
  return {
    day: Date.UTC(dt.year, dt.month - 1, dt.day) / DAY_MS,
    ms: ((dt.hour * 60 + dt.minute) * 60 + dt.second) * 1000 + dt.millisecond,
  };
}

/**
 * The instant of a wall-clock time on a local day. A time that does not exist (a DST gap) moves
 * forward by the gap, as luxon does; 24:00 is the next midnight.
 */
export function instantOf(day: DayNumber, ms: number, timezone: string): number {
  const d = new Date((day + Math.floor(ms / DAY_MS)) * DAY_MS);
  const rest = ms % DAY_MS;
  const dt = DateTime.fromObject(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: Math.floor(rest / 3_600_000),
      minute: Math.floor(rest / 60_000) % 60,
      second: Math.floor(rest / 1000) % 60,
      millisecond: rest % 1000,
    },
    { zone: timezone },
  );
  if (!dt.isValid) throw new RangeError(`Unknown time zone: ${timezone}`);
  return dt.toMillis();
}

/** The working periods of a local day as instants, in order; none on a day off. */
export function workingIntervals(
  c: CompiledCalendar,
  day: DayNumber,
  timezone: string,
): { start: number; end: number }[] {
  if (!isWorkingDayNumber(c, day)) return [];
  return c.periods.map((p) => ({
    start: instantOf(day, p.start * 60_000, timezone),
    end: instantOf(day, p.end * 60_000, timezone),
  }));
}

/** Throw early on a calendar that can never yield working time (no working hours). */
export function assertHasHours(c: CompiledCalendar): void {
  if (c.periods.length === 0) throw new RangeError('The business calendar has no working hours');
}

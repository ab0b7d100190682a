import type { BusinessCalendar } from '@tideline/shared';
import {
  MAX_IDLE_DAYS,
  assertHasHours,
  compileCalendar,
  localTimeOf,
  workingIntervals,
} from './business-calendar';

/**
 * `at` itself when it falls inside working hours of a working day, else the start of the next
 * working period (a period's end is outside it: 12:00 with a 09:00–12:00 morning waits for 13:30).
 */
export function nextBusinessHour(at: Date, cal: BusinessCalendar, timezone: string): Date {
  const c = compileCalendar(cal);
  assertHasHours(c);
  const t = at.getTime();
  const first = localTimeOf(t, timezone).day;
  for (let day = first; day <= first + MAX_IDLE_DAYS; day++) {
    for (const { start, end } of workingIntervals(c, day, timezone)) {
      if (t >= start && t < end) return new Date(t);
      if (start > t) return new Date(start);
    }
  }
  throw new RangeError('The business calendar has no working time within ten years');
}

/** Whether `at` falls inside working hours of a working day. */
export function isWithinBusinessHours(at: Date, cal: BusinessCalendar, timezone: string): boolean {
  const t = at.getTime();
  return workingIntervals(compileCalendar(cal), localTimeOf(t, timezone).day, timezone).some(
    ({ start, end }) => t >= start && t < end,
  );
}

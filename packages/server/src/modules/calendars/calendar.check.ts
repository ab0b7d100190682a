import type { BusinessCalendar } from '@tideline/shared';
import type { FieldIssue } from '../../core/errors';

/**
 * Rules of a calendar beyond its shape: at least one working weekday, each working period ending
 * after it starts (24:00 at the latest), periods in order without overlap, and no date both a holiday
 * and a swapped working day. Paths name the offending entry, e.g. `hours[1].start`, `holidays[3]`.
 */
export function checkCalendar(cal: BusinessCalendar): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (cal.working_days.length === 0) {
    issues.push({ path: 'working_days', message: 'choose at least one working day', code: 'required' });
  }
  let previousEnd: string | null = null;
  cal.hours.forEach((h, i) => {
    if (h.end > '24:00') {
      issues.push({ path: `hours[${i}].end`, message: 'a time is at most 24:00', code: 'invalid_time' });
      return;
    }
    if (h.end <= h.start) {
      issues.push({
        path: `hours[${i}].end`,
        message: 'must be after the start',
        code: 'end_not_after_start',
      });
      return;
    }
    if (previousEnd !== null && h.start < previousEnd) {
      issues.push({
        path: `hours[${i}].start`,
        message: `must not be before ${previousEnd}, where the period before ends (periods go in order and do not overlap)`,
        code: 'hours_overlap',
      });
    }
    previousEnd = previousEnd !== null && previousEnd > h.end ? previousEnd : h.end;
  });
  const holidays = new Set(cal.holidays);
  const extra = new Set(cal.extra_working_days);
  cal.holidays.forEach((d, i) => {
    if (extra.has(d)) {
      issues.push({
        path: `holidays[${i}]`,
        message: `${d} is also listed as a swapped working day`,
        code: 'holiday_and_working_day',
      });
    }
  });
  cal.extra_working_days.forEach((d, i) => {
    if (holidays.has(d)) {
      issues.push({
        path: `extra_working_days[${i}]`,
        message: `${d} is also listed as a holiday`,
        code: 'holiday_and_working_day',
      });
    }
  });
  return issues;
}

/** The calendar as stored: weekdays and dates sorted, repeats dropped. */
export function normalizeCalendar(cal: BusinessCalendar): BusinessCalendar {
  const sorted = <T extends string | number>(values: T[]) =>
    [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    working_days: sorted(cal.working_days),
    hours: cal.hours.map((h) => ({ start: h.start, end: h.end })),
    holidays: sorted(cal.holidays),
    extra_working_days: sorted(cal.extra_working_days),
  };
}

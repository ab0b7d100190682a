import { DateTime } from 'luxon';
import type { RelativePeriod } from '@tideline/shared';

/** A half-open instant range [from, to); a missing end is unbounded. */
export interface InstantRange {
  from?: Date;
  to?: Date;
}

export type RelativeDateOp = 'last_n_days' | 'next_n_days' | 'older_than_days' | 'period';

/**
 * Resolve a relative date condition to an instant range in the workspace's time zone.
 * - last_n_days N: today and the N−1 days before it;
 * - next_n_days N: today and the N−1 days after it;
 * - older_than_days N: before the start of the day N days ago;
 * - period: a named calendar period (weeks start on Monday, as in China).
 */
export function resolveRelativeRange(
  op: RelativeDateOp,
  value: number | RelativePeriod,
  now: Date,
  timezone: string,
): InstantRange {
  const today = DateTime.fromJSDate(now, { zone: timezone }).startOf('day');
  const range = (from: DateTime, to: DateTime): InstantRange => ({
    from: from.toJSDate(),
    to: to.toJSDate(),
  });
  switch (op) {
    case 'last_n_days':
      return range(today.minus({ days: Number(value) - 1 }), today.plus({ days: 1 }));
    case 'next_n_days':
      return range(today, today.plus({ days: Number(value) }));
    case 'older_than_days':
      return { to: today.minus({ days: Number(value) }).toJSDate() };
    case 'period':
      return periodRange(value as RelativePeriod, today);
  }
}

function periodRange(period: RelativePeriod, today: DateTime): InstantRange {
  const span = (start: DateTime, unit: 'day' | 'week' | 'month' | 'quarter' | 'year'): InstantRange => ({
    from: start.startOf(unit).toJSDate(),
    to: start
      .startOf(unit)
      .plus({ [`${unit}s`]: 1 })
      .toJSDate(),
  });
  switch (period) {
    case 'today':
      return span(today, 'day');
    case 'yesterday':
      return span(today.minus({ days: 1 }), 'day');
    case 'tomorrow':
      return span(today.plus({ days: 1 }), 'day');
    case 'this_week':
      return span(today, 'week');
    case 'last_week':
      return span(today.minus({ weeks: 1 }), 'week');
    case 'next_week':
      return span(today.plus({ weeks: 1 }), 'week');
    case 'this_month':
      return span(today, 'month');
    case 'last_month':
      return span(today.minus({ months: 1 }), 'month');
    case 'next_month':
      return span(today.plus({ months: 1 }), 'month');
    case 'this_quarter':
      return span(today, 'quarter');
    case 'last_quarter':
      return span(today.minus({ quarters: 1 }), 'quarter');
    case 'this_year':
      return span(today, 'year');
    case 'last_year':
      return span(today.minus({ years: 1 }), 'year');
  }
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function calendarDate(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate() ?? '';
}

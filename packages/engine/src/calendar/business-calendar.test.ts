import { describe, expect, it } from 'vitest';
import { businessCalendarSchema } from '@tideline/shared';
import { dateOfDayNumber, dayNumberOf, isWorkingDay, weekdayOf } from './business-calendar';
import { DEFAULT_CHINA_CALENDAR } from './china-calendar';

describe('isWorkingDay (China 2026)', () => {
  it.each([
    ['2026-11-23', true, 'a Monday'],
    ['2026-11-21', false, 'a Saturday'],
    ['2026-11-22', false, 'a Sunday'],
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, 'Sunday worked for 元旦 (调休)'],
    ['2026-02-13', true, 'the Friday before 春节'],
    ['2026-02-14', true, 'Saturday worked for 春节 (调休)'],
    ['2026-02-16', false, '春节, a Monday'],
    ['2026-02-23', false, 'last day of 春节, a Monday'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, 'second Saturday worked for 春节'],
    ['2026-04-06', false, '清明节, a Monday'],
    ['2026-05-05', false, '劳动节, a Tuesday'],
    ['2026-05-09', true, 'Saturday worked for 劳动节'],
    ['2026-06-19', false, '端午节, a Friday'],
    ['2026-09-20', true, 'Sunday worked for 国庆节'],
    ['2026-09-25', false, '中秋节, a Friday'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-07', false, 'last day of 国庆节, a Wednesday'],
    ['2026-10-08', true, 'first working day after 国庆节'],
    ['2026-10-10', true, 'Saturday worked for 国庆节'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(isWorkingDay(date, DEFAULT_CHINA_CALENDAR)).toBe(expected);
  });

  it('lets a holiday win over a swapped working day listed for the same date', () => {
    const cal = { ...DEFAULT_CHINA_CALENDAR, holidays: ['2026-11-21'], extra_working_days: ['2026-11-21'] };
    expect(isWorkingDay('2026-11-21', cal)).toBe(false);
  });

  it('follows the weekdays of a custom week', () => {
    const sixDays = { ...DEFAULT_CHINA_CALENDAR, working_days: [1, 2, 3, 4, 5, 6] };
    expect(isWorkingDay('2026-11-21', sixDays)).toBe(true);
    expect(isWorkingDay('2026-11-22', sixDays)).toBe(false);
  });

  it('rejects a malformed date', () => {
    expect(() => isWorkingDay('2026-1-1', DEFAULT_CHINA_CALENDAR)).toThrow(RangeError);
  });
});

describe('DEFAULT_CHINA_CALENDAR', () => {
  it('is a valid calendar with the 33 days off and 6 swapped working days of the 2026 notice', () => {
    expect(businessCalendarSchema.parse(DEFAULT_CHINA_CALENDAR)).toEqual(DEFAULT_CHINA_CALENDAR);
    expect(DEFAULT_CHINA_CALENDAR.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(DEFAULT_CHINA_CALENDAR.extra_working_days).toHaveLength(6);
    // Every swapped working day falls on a weekend, and none is also a holiday.
    for (const d of DEFAULT_CHINA_CALENDAR.extra_working_days) {
      expect(weekdayOf(dayNumberOf(d))).toBeGreaterThanOrEqual(6);
      expect(DEFAULT_CHINA_CALENDAR.holidays).not.toContain(d);
    }
  });

  it('cannot be edited in place', () => {
    expect(() => (DEFAULT_CHINA_CALENDAR.holidays as string[]).push('2026-12-25')).toThrow(TypeError);
  });
});

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 4],
    ['2026-11-23', 1],
    ['2026-11-22', 7],
    ['1969-12-29', 1],
  ])('%s is ISO weekday %i and reads back', (date, weekday) => {
    expect(weekdayOf(dayNumberOf(date))).toBe(weekday);
    expect(dateOfDayNumber(dayNumberOf(date))).toBe(date);
  });
});

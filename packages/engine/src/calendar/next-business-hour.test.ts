import { describe, expect, it } from 'vitest';
import { DEFAULT_CHINA_CALENDAR as CN } from './china-calendar';
import { isWithinBusinessHours, nextBusinessHour } from './next-business-hour';
import { PLAIN_WEEK, at, show } from './test-helpers';

describe('nextBusinessHour (Asia/Shanghai, China calendar)', () => {
  it.each([
    ['2026-11-23 10:00', '2026-11-23 10:00', true, 'inside the morning: itself'],
    ['2026-11-23 09:00', '2026-11-23 09:00', true, 'the start of a period is inside it'],
    ['2026-11-23 08:59', '2026-11-23 09:00', false, 'before opening'],
    ['2026-11-23 12:00', '2026-11-23 13:30', false, 'the end of a period is outside it'],
    ['2026-11-23 13:00', '2026-11-23 13:30', false, 'lunch break'],
    ['2026-11-23 18:00', '2026-11-24 09:00', false, 'after closing'],
    ['2026-11-20 19:00', '2026-11-23 09:00', false, 'Friday evening → Monday'],
    ['2026-11-21 10:00', '2026-11-23 09:00', false, 'Saturday'],
    ['2026-02-13 18:30', '2026-02-14 09:00', false, 'the 调休 Saturday opens'],
    ['2026-02-14 18:00', '2026-02-24 09:00', false, 'over the Spring Festival'],
    ['2026-09-30 18:00', '2026-10-08 09:00', false, 'over National Day'],
  ])('%s → %s', (from, expected, inside) => {
    expect(show(nextBusinessHour(at(from), CN, 'Asia/Shanghai'))).toBe(expected);
    expect(isWithinBusinessHours(at(from), CN, 'Asia/Shanghai')).toBe(inside);
  });

  it('reads the wall clock in the given zone', () => {
    // 10:00 in Berlin is 17:00 in Shanghai: inside working hours there, but not here.
    const berlinMorning = at('2026-11-23 10:00', 'Europe/Berlin');
    expect(isWithinBusinessHours(berlinMorning, PLAIN_WEEK, 'Europe/Berlin')).toBe(true);
    expect(show(nextBusinessHour(berlinMorning, CN, 'Asia/Shanghai'))).toBe('2026-11-23 17:00');
    // Noon in Berlin is 19:00 in Shanghai: after closing there.
    expect(show(nextBusinessHour(at('2026-11-23 12:00', 'Europe/Berlin'), CN, 'Asia/Shanghai'))).toBe(
      '2026-11-24 09:00',
    );
  });
});

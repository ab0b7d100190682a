import { describe, expect, it } from 'vitest';
import { calendarDate, resolveRelativeRange } from './relative-range';

// 2026-11-23 10:00 in Shanghai is 02:00 UTC, a Monday.
const now = new Date('2026-11-23T02:00:00Z');
const tz = 'Asia/Shanghai';
const iso = (d?: Date) => d?.toISOString();

describe('resolveRelativeRange', () => {
  it.each([
    ['last_n_days', 7, '2026-11-16T16:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ['last_n_days', 1, '2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ['next_n_days', 3, '2026-11-22T16:00:00.000Z', '2026-11-25T16:00:00.000Z'],
    ['older_than_days', 30, undefined, '2026-10-23T16:00:00.000Z'],
    ['period', 'today', '2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ['period', 'yesterday', '2026-11-21T16:00:00.000Z', '2026-11-22T16:00:00.000Z'],
    ['period', 'this_week', '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z'],
    ['period', 'last_week', '2026-11-15T16:00:00.000Z', '2026-11-22T16:00:00.000Z'],
    ['period', 'this_month', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'],
    ['period', 'last_month', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
    ['period', 'this_quarter', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['period', 'this_year', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ] as const)('%s %s → [%s, %s)', (op, value, from, to) => {
    const r = resolveRelativeRange(op, value, now, tz);
    expect(iso(r.from)).toBe(from);
    expect(iso(r.to)).toBe(to);
  });

  it('uses the workspace time zone, not UTC, for "today"', () => {
    // 23:30 UTC on the 22nd is already the 23rd in Shanghai.
    const lateUtc = new Date('2026-11-22T23:30:00Z');
    expect(iso(resolveRelativeRange('period', 'today', lateUtc, tz).from)).toBe('2026-11-22T16:00:00.000Z');
    expect(iso(resolveRelativeRange('period', 'today', lateUtc, 'UTC').from)).toBe(
      '2026-11-22T00:00:00.000Z',
    );
  });
});

describe('calendarDate', () => {
  it('gives the local date', () => {
    expect(calendarDate(new Date('2026-11-22T17:00:00Z'), tz)).toBe('2026-11-23');
    expect(calendarDate(new Date('2026-11-22T15:59:59Z'), tz)).toBe('2026-11-22');
  });
});

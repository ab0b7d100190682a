import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DurationUnit } from '@tideline/shared';
import { DEFAULT_CHINA_CALENDAR as CN } from './china-calendar';
import { relativeDueAt, relativeFieldBound } from './relative-due-at';
import { at, show } from './test-helpers';

const SH = 'Asia/Shanghai';

describe('relativeDueAt', () => {
  it.each([
    ['2026-11-20 10:00', 'after', 1, 'business_days', '2026-11-23 10:00'],
    ['2026-12-31 00:00', 'before', 30, 'days', '2026-12-01 00:00'],
    ['2026-10-08 00:00', 'before', 3, 'business_days', '2026-09-28 00:00'], // contract ends after 国庆
    ['2026-11-23 10:00', 'before', 2, 'business_hours', '2026-11-20 17:00'],
    ['2026-11-23 10:00', 'after', 0, 'business_hours', '2026-11-23 10:00'],
  ] as const)('%s %s %i %s → %s', (field, direction, amount, unit, expected) => {
    expect(show(relativeDueAt(at(field), direction, { amount, unit }, CN, SH))).toBe(expected);
  });
});

describe('relativeFieldBound', () => {
  it.each([
    // Monday 10:00, 1 business day after: Friday 10:00 is due; a weekend field waits for Tuesday 00:00.
    ['2026-11-23 10:00', 'after', 1, 'business_days', '2026-11-20 10:00:00.000'],
    ['2026-11-24 00:00', 'after', 1, 'business_days', '2026-11-23 00:00:00.000'],
    ['2026-11-24 10:00', 'after', 1, 'business_days', '2026-11-23 10:00:00.000'],
    ['2026-11-23 10:00', 'after', 30, 'minutes', '2026-11-23 09:30:00.000'],
    ['2026-11-23 10:00', 'after', 1, 'business_hours', '2026-11-23 09:00:00.000'],
    ['2026-11-23 09:00', 'after', 1, 'business_hours', '2026-11-20 17:00:00.000'],
    ['2026-11-23 10:00', 'before', 7, 'days', '2026-11-30 10:00:00.000'],
  ] as const)('at %s, %s %i %s: fields up to %s are due', (now, direction, amount, unit, expected) => {
    const bound = relativeFieldBound(at(now), direction, { amount, unit }, CN, SH);
    expect(show(bound) + bound.toISOString().slice(16, 23)).toBe(expected);
  });

  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') })
    .map((t) => new Date(t));
  const round = fc
    .record({ day: fc.integer({ min: 0, max: 360 }), quarter: fc.integer({ min: 0, max: 95 }) })
    .map(
      ({ day, quarter }) =>
        new Date(Date.parse('2025-12-31T16:00:00Z') + day * 86_400_000 + quarter * 900_000),
    );
  const unit = fc.constantFrom<DurationUnit>('minutes', 'hours', 'days', 'business_days', 'business_hours');

  it('selects exactly the fields whose rule is due: dueAt(field) ≤ now ⇔ field ≤ bound(now)', () => {
    fc.assert(
      fc.property(
        fc.oneof(instant, round),
        fc.oneof(instant, round),
        fc.constantFrom('before' as const, 'after' as const),
        fc.integer({ min: 0, max: 15 }),
        unit,
        (now, field, direction, amount, u) => {
          const offset = { amount, unit: u };
          const bound = relativeFieldBound(now, direction, offset, CN, SH);
          const due = relativeDueAt(field, direction, offset, CN, SH) <= now;
          expect(due).toBe(field <= bound);
          // The bound itself is due and one millisecond later is not: it is the tightest.
          expect(relativeDueAt(bound, direction, offset, CN, SH) <= now).toBe(true);
          expect(relativeDueAt(new Date(bound.getTime() + 1), direction, offset, CN, SH) <= now).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});

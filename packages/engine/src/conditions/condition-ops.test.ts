import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCaseless, parseInstant } from './condition-ops';

describe('parseInstant', () => {
  it.each([
    '2026-11-23T02:00:00.000Z',
    '2024-02-29T23:59:59.999Z',
    '2026-02-29T00:00:00.000Z',
    '2026-04-31T00:00:00.000Z',
    '2026-11-23T24:00:00.000Z',
    '2026-11-23T23:60:00.000Z',
    '0999-01-01T00:00:00.000Z',
    '2026-1x-23T00:00:00.000Z',
    '2026-11-23T02:00:00.000z',
    '2026-11-23T10:00:00+08:00',
    '2026-11-23',
    'garbage',
  ])('%s as Date.parse reads it', (s) => {
    expect(parseInstant(s)).toBe(Date.parse(s));
  });

  it('agrees with Date.parse on canonical strings and on digit-mangled ones', () => {
    const canonical = fc
      .integer({ min: -30_000_000_000_000, max: 200_000_000_000_000 })
      .map((ms) => new Date(ms).toISOString());
    const mangled = fc
      .tuple(canonical, fc.nat(23), fc.constantFrom('0', '3', '9', 'x', '-', ':'))
      .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(canonical, mangled), (s) => {
        expect(parseInstant(s)).toBe(Date.parse(s));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('isCaseless', () => {
  it.each([
    ['科技', true],
    ['2026-11', true],
    ['（有限）', true],
    ['acme', false],
    ['ＡＢ', false],
    ['é', false],
  ])('%s → %s', (needle, expected) => {
    expect(isCaseless(needle)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney } from './format-money';

describe('formatMoney', () => {
  it.each([
    [1234500, 'CNY', '¥12,345.00'],
    [0, 'CNY', '¥0.00'],
    [5, 'CNY', '¥0.05'],
    [-1234500, 'CNY', '-¥12,345.00'],
    ['1234500', 'CNY', '¥12,345.00'],
    [1234500, 'cny', '¥12,345.00'],
    [1234567.6, 'CNY', '¥12,345.68'],
    [1234500, 'USD', 'US$12,345.00'],
    [1234500, 'JPY', 'JP¥1,234,500'],
    // Beyond 2^53: exact, because it never becomes a float.
    [12345678901234567890n, 'CNY', '¥123,456,789,012,345,678.90'],
    [null, 'CNY', ''],
    [undefined, 'CNY', ''],
    ['', 'CNY', ''],
    ['abc', 'CNY', 'abc'],
    [1234500, 'RMB元', '12,345.00 RMB元'],
  ])('%s %s → %s', (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

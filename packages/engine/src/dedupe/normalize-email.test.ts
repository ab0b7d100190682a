import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toFullWidth } from './dedupe.arbitraries';
import { normalizeEmail } from './normalize-email';

describe('normalizeEmail', () => {
  it.each([
    ['Zhang.Wei@Example.COM', 'zhang.wei@example.com'],
    ['  li@huaxin.cn \t', 'li@huaxin.cn'],
    ['ｌｉ＠ｈｕａｘｉｎ．ｃｎ', 'li@huaxin.cn'],
    ['not an email', null],
    ['', null],
    ['a@b@c', null],
  ])('%j → %j', (raw, key) => expect(normalizeEmail(raw)).toBe(key));

  it('is idempotent and ignores case, width and surrounding space', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.boolean(), fc.boolean(), (email, upper, wide) => {
        const key = normalizeEmail(email);
        expect(key).toBe(email.toLowerCase());
        let variant = ` ${upper ? email.toUpperCase() : email} `;
        if (wide) variant = toFullWidth(variant);
        expect(normalizeEmail(variant)).toBe(key);
        expect(normalizeEmail(key!)).toBe(key);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toFullWidth } from './dedupe.arbitraries';
import { USCC_CHARSET, isValidUscc, normalizeUscc, usccCheckChar } from './uscc';

const body = fc
  .array(fc.constantFrom(...USCC_CHARSET), { minLength: 17, maxLength: 17 })
  .map((cs) => cs.join(''));
const code = body.map((b) => b + usccCheckChar(b)!);

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Codes of registered companies, as printed on business licences.
  it.each(['91350200776049653A', '91440101MA5CJQ4N59', '913502000728319549', '91350203MA31NDF85F'])(
    '%s is valid',
    (c) => expect(isValidUscc(c)).toBe(true),
  );

  it.each([
    ['91350200776049653B', 'wrong check character'],
    ['9135020077604965', 'too short'],
    ['91350200776049653AA', 'too long'],
    ['91350200776O49653A', 'O is not in the character set'],
    ['', 'empty'],
  ])('%j is invalid (%s)', (c) => expect(normalizeUscc(c)).toBeNull());

  it('accepts lower case, spaces, dashes and full-width characters, and writes the code canonically', () => {
    expect(normalizeUscc(' 9144 0101 ma5c jq4n 59 ')).toBe('91440101MA5CJQ4N59');
    expect(normalizeUscc(toFullWidth('91440101MA5CJQ4N59'))).toBe('91440101MA5CJQ4N59');
    expect(normalizeUscc('914401-01MA5CJQ4N59')).toBe('91440101MA5CJQ4N59');
  });

  it('validates every code made with its check character, and is idempotent', () => {
    fc.assert(
      fc.property(code, (c) => {
        expect(normalizeUscc(c)).toBe(c);
        expect(normalizeUscc(normalizeUscc(c)!)).toBe(c);
      }),
    );
  });

  it('detects any single changed character (the weights are non-zero modulo the prime 31)', () => {
    fc.assert(
      fc.property(code, fc.nat(17), fc.constantFrom(...USCC_CHARSET), (c, at, ch) => {
        fc.pre(c[at] !== ch);
        expect(isValidUscc(c.slice(0, at) + ch + c.slice(at + 1))).toBe(false);
      }),
    );
  });

  it('is invariant under case, width and spacing', () => {
    fc.assert(
      fc.property(code, fc.boolean(), fc.boolean(), (c, lower, wide) => {
        let text = c.replace(/(.{4})/g, '$1 ');
        if (lower) text = text.toLowerCase();
        if (wide) text = toFullWidth(text);
        expect(normalizeUscc(text)).toBe(c);
      }),
    );
  });
});

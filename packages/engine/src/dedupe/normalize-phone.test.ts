import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { landline, mobile, toFullWidth } from './dedupe.arbitraries';
import { normalizePhone, parsePhone } from './normalize-phone';

describe('normalizePhone', () => {
  it.each([
    ['13800138000', '+8613800138000', null],
    ['+86 138 0013 8000', '+8613800138000', null],
    ['138-0013-8000', '+8613800138000', null],
    ['0086 138 0013 8000', '+8613800138000', null],
    ['86-13800138000', '+8613800138000', null],
    ['１３８００１３８０００', '+8613800138000', null],
    ['0755-12345678', '+8675512345678', null],
    ['(0755)12345678', '+8675512345678', null],
    ['(0755)12345678-801', '+8675512345678', '801'],
    ['0755 1234 5678 转 801', '+8675512345678', '801'],
    ['0755-12345678 分机 801', '+8675512345678', '801'],
    ['+86 (755) 1234 5678 ext. 801', '+8675512345678', '801'],
    ['+86 10 6234 5678#123', '+861062345678', '123'],
    ['010-62345678', '+861062345678', null],
    ['400-812-3123', '+864008123123', null],
    ['+1 415 555 2671', '+14155552671', null],
  ])('%s → %s (extension %s)', (raw, e164, extension) => {
    expect(parsePhone(raw)).toEqual({ e164, extension });
  });

  it.each(['', '   ', 'abc', '12345', '95588', 'n/a'])('%j is no phone number', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), mobile, fc.stringMatching(/^[\d +\-()]{0,20}$/)), (raw) => {
        const once = normalizePhone(raw);
        if (once !== null) expect(normalizePhone(once)).toBe(once);
      }),
    );
  });

  it('gives a mobile the same key however it is written', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86', '+86 ', '0086', '86', '+86-'),
        fc.constantFrom('plain', 'dashes', 'spaces', 'full-width'),
        (m, prefix, layout) => {
          let text = m;
          if (layout === 'dashes') text = `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`;
          if (layout === 'spaces') text = `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`;
          text = prefix + text;
          if (layout === 'full-width') text = toFullWidth(text);
          expect(normalizePhone(text)).toBe(`+86${m}`);
        },
      ),
    );
  });

  it('gives a landline the same key with or without brackets, +86, separators and an extension', () => {
    fc.assert(
      fc.property(
        landline,
        fc.constantFrom('dash', 'brackets', 'plain', 'intl', 'space'),
        fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: null }),
        fc.constantFrom('转', '-', ' ext. ', '#', ' 分机 '),
        ({ area, local }, layout, ext, extSep) => {
          const national = area.slice(1);
          const text = {
            dash: `${area}-${local}`,
            brackets: `(${area})${local}`,
            plain: `${area}${local}`,
            intl: `+86 ${national} ${local}`,
            space: `${area} ${local.slice(0, 4)} ${local.slice(4)}`,
          }[layout];
          const parsed = parsePhone(ext ? `${text}${extSep}${ext}` : text);
          expect(parsed).toEqual({ e164: `+86${national}${local}`, extension: ext });
        },
      ),
    );
  });

  it('takes its fast path only where libphonenumber-js agrees', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mobile,
          landline.map(({ area, local }) => area + local),
          fc.stringMatching(/^0[1-9]\d{8,10}$/),
          fc.stringMatching(/^1[3-9]\d{9}$/),
        ),
        (digits) => {
          const library = parsePhoneNumberFromString(digits, 'CN');
          const expected = library && library.isPossible() ? library.number : null;
          expect(normalizePhone(digits)).toBe(expected);
        },
      ),
    );
  });
});

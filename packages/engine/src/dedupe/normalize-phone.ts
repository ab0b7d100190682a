import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

export interface ParsedPhone {
  /** E.164 without the extension: the key two spellings of one line share. */
  e164: string;
  extension: string | null;
}

// Extensions written the Chinese way (转 801, 分机 801) or the international way (ext. 801, x801, #801).
const EXTENSION = /\s*(?:转|轉|分机|分機|ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;
// "(0755)12345678-801": a landline followed by a dash group too short to be part of the number.
const DASH_EXTENSION = /^(.*\d)\s*-\s*(\d{1,5})$/;
const CN_MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const CN_LANDLINE = /^(?:\+?86|0086)?0([1-9]\d{8,10})$/;

/** Whether the text is already a whole Chinese landline with its area code (so a further "-801" is an extension). */
function isCompleteLandline(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  const national = /^(?:\+|00)?86/.test(text.replace(/[\s\-()]/g, ''))
    ? digits.replace(/^(?:00)?86/, '')
    : digits;
  if (/^1[3-9]\d{9}$/.test(national)) return false;
  return (
    /^0?[1-9]\d{8,10}$/.test(national) &&
    (national.startsWith('0') ? national.length >= 10 : national.length >= 9)
  );
}

function splitExtension(text: string): { body: string; extension: string | null } {
  const ext = EXTENSION.exec(text);
  if (ext) return { body: text.slice(0, ext.index), extension: ext[1]! };
  const dash = DASH_EXTENSION.exec(text);
  if (dash && isCompleteLandline(dash[1]!)) return { body: dash[1]!, extension: dash[2]! };
  return { body: text, extension: null };
}

/**
 * Parse a phone number as people type it in China — mobiles and landlines with area codes, +86 / 0086,
 * spaces, dashes, brackets, full-width digits, extensions — into its E.164 form. Numbers of other
 * countries need their +code. Null when it cannot be a phone number (too short, letters).
 * Plain Chinese mobiles and landlines take a fast path that gives the same result as libphonenumber-js
 * (tested), which handles everything else.
 */
export function parsePhone(raw: string, defaultCountry: CountryCode = 'CN'): ParsedPhone | null {
  const text = raw.normalize('NFKC').trim();
  if (!text) return null;
  const { body, extension } = splitExtension(text);
  const compact = body.replace(/[\s\-().·]/g, '');
  if (defaultCountry === 'CN') {
    const mobile = CN_MOBILE.exec(compact);
    if (mobile) return { e164: `+86${mobile[1]}`, extension };
    const landline = CN_LANDLINE.exec(compact);
    if (landline) return { e164: `+86${landline[1]}`, extension };
  }
  const parsed = parsePhoneNumberFromString(body, defaultCountry);
  if (!parsed || !parsed.isPossible()) return null;
  return { e164: parsed.number, extension: extension ?? parsed.ext ?? null };
}

/** The duplicate key of a phone number: its E.164 form (the extension is left out: same line, same company). */
export function normalizePhone(raw: string, defaultCountry: CountryCode = 'CN'): string | null {
  return parsePhone(raw, defaultCountry)?.e164 ?? null;
}

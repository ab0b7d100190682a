/**
 * 统一社会信用代码 (unified social credit identifier), GB 32100-2015: 18 characters from a 31-character
 * set (digits and capitals without I, O, S, V, Z); the last is a check character over the first 17,
 * weighted by 3^i mod 31.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the character set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The code in canonical form (full-width folded, upper case, no spaces or dashes) — or null if invalid. */
export function normalizeUscc(raw: string): string | null {
  const code = raw
    .normalize('NFKC')
    .replace(/[\s\-]/g, '')
    .toUpperCase();
  if (code.length !== 18) return null;
  return usccCheckChar(code.slice(0, 17)) === code[17] ? code : null;
}

export const isValidUscc = (raw: string): boolean => normalizeUscc(raw) !== null;

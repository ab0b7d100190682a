import { editDistance } from './edit-distance';
import { splitCompanyCore } from './normalize-company';

export { editDistance };

const PLACE_TYPO = 0.8;

/** Names shorter than this are matched exactly only: one character of a short name is another name. */
export const MIN_FUZZY_LENGTH = 4;

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * How alike two company cores (from normalizeCompanyName) are, 0–1, read the way a person reads
 * Chinese company names:
 * - different places (北京华联 / 上海华联) are different companies: 0;
 * - the same name with and without its place: 0.95;
 * - the same 字号 with a shortened or longer industry term (华信科技 / 华信网络科技): 0.9, but two
 *   different industries (华信科技 / 华信物流) are sister companies at most: 0.5;
 * - one typo outside the 字号: 0.9; inside a 字号 of two characters it is as likely another company
 *   (华信 / 华兴 are both real names): 0.6; in a longer 字号, 1 − 1 / (2 × its length);
 * - a typo that hides the place (沆州华信 / 杭州华信): 0.8 (with a shared phone, a duplicate; alone, not);
 * - otherwise 1 − edit distance / length.
 */
export function companySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const A = splitCompanyCore(a);
  const B = splitCompanyCore(b);
  if (A.place && B.place && A.place !== B.place) return 0;
  if (A.rest === B.rest) return 0.95;
  // A typo in the place itself (杭州 → 沆州) hides it: alike enough to back a shared phone, not alone.
  if (!A.place !== !B.place && editDistance(a, b, 1) <= 1) return PLACE_TYPO;
  if (A.brand === B.brand && A.brand.length >= 2) {
    const related =
      !A.industry || !B.industry || A.industry.includes(B.industry) || B.industry.includes(A.industry);
    return related ? 0.9 : 0.5;
  }
  const length = Math.max([...A.rest].length, [...B.rest].length);
  const d = editDistance(A.rest, B.rest, 3);
  // A typo is read as one only in names long enough to survive it (see MIN_FUZZY_LENGTH).
  if (d > 1 || Math.min(a.length, b.length) < MIN_FUZZY_LENGTH) return Math.max(0, 1 - d / length);
  const at = firstDifference(A.rest, B.rest);
  // Where the 字号 ends: by the name whose industry term was read whole (a typo can hide one), else the longer.
  const brandEnd =
    A.industry.length !== B.industry.length
      ? (A.industry.length > B.industry.length ? A : B).brand.length
      : Math.max(A.brand.length, B.brand.length);
  if (at >= brandEnd) return 0.9;
  const brandLength = Math.min(A.brand.length, B.brand.length);
  return brandLength <= 2 ? 0.6 : 1 - 1 / (2 * brandLength);
}

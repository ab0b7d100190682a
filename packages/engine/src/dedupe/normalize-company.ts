import {
  LATIN_SUFFIX,
  LEGAL_SUFFIXES,
  NATIONAL_QUALIFIERS,
  PLACE_SUFFIX,
  PROVINCES,
  industriesFor,
  placesFor,
} from './company-words';
import { SEPARATORS, compactText, foldText } from './fold-text';
import { editDistance } from './edit-distance';

// Round, square, curly, lenticular and corner brackets; NFKC has already made full-width ones half-width.
const BRACKET = /[([{【〔〖「『《]([^)\]}】〕〗」』》]*)[)\]}】〕〗」』》]/g;

/** The place a text is, when it is nothing but a place with its administrative suffix: 北京, 北京市, 广东省. */
function wholePlace(text: string): string | null {
  for (const place of placesFor(text)) {
    if (!text.startsWith(place)) continue;
    const rest = text.slice(place.length);
    if (rest === '' || rest.replace(PLACE_SUFFIX, '') === '') return place;
  }
  return null;
}

const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
const REGIONS = new Set(['内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门']);
const PROVINCE_SET = new Set<string>(PROVINCES);

/**
 * A place as the core writes it, with one fixed administrative suffix (北京 and 北京市 → 北京市, 广东 →
 * 广东省), so that normalising twice changes nothing even for 北京市场… .
 */
function canonicalPlace(place: string): string {
  if (REGIONS.has(place)) return place;
  return place + (PROVINCE_SET.has(place) && !MUNICIPALITIES.has(place) ? '省' : '市');
}

/** The place a name starts with (北京 of 北京市华信科技), and where the rest begins; null when none. */
export function leadingPlace(core: string): { place: string; restStart: number } | null {
  for (const place of placesFor(core)) {
    if (!core.startsWith(place)) continue;
    const suffix = PLACE_SUFFIX.exec(core.slice(place.length));
    const restStart = place.length + (suffix ? suffix[0].length : 0);
    // "北京" alone, or a place that is really the start of a longer word, is no prefix.
    if (core.length - restStart >= 2) return { place, restStart };
  }
  return null;
}

const LEGAL_FRAGMENTS = new Set(['有限', '有限责任', '股份', '股份有限', '集团']);

// Long legal forms are also recognised with one typo (有限司, 有限公成, 有线公司): a misspelt form
// is still a form, and leaving it in would hide an otherwise equal name.
const LONG_LEGAL = LEGAL_SUFFIXES.filter((x) => x.length >= 4 && x.includes('公司'));

/** How many trailing characters of `compact` are a long legal form with one typo, or 0. */
function misspeltLegalSuffix(compact: string): number {
  // Cheap test first: every long form has 公 or 司, so a typo leaves one of them near the end.
  const end = compact.slice(-8);
  if (!end.includes('公') && !end.includes('司')) return 0;
  for (const form of LONG_LEGAL) {
    for (const length of [form.length - 1, form.length, form.length + 1]) {
      if (compact.length - length < 2) continue;
      const tail = compact.slice(-length);
      if (tail !== form && editDistance(tail, form, 1) <= 1 && (tail.endsWith('司') || tail.includes('公')))
        return length;
    }
  }
  return 0;
}

/** `s` without its last `count` letters and digits (and the separators among them). */
function dropTrailing(s: string, count: number): string {
  const chars = [...s];
  let left = count;
  while (chars.length && left > 0) if (/[\p{L}\p{N}]/u.test(chars.pop()!)) left--;
  return chars.join('').replace(/[^\p{L}\p{N}]+$/u, '');
}

function stripLegalSuffixes(name: string): string {
  let s = name;
  for (;;) {
    const before = s;
    s = s.replace(LATIN_SUFFIX, '').replace(/[^\p{L}\p{N}]+$/u, '');
    // Compared without separators, so "有 限 公 司" is a legal form too.
    const compact = s.replace(SEPARATORS, '');
    // A branch (北京分公司) is a company of its own: keep what makes it one.
    if (!compact.endsWith('分公司')) {
      const suffix = LEGAL_SUFFIXES.find((x) => compact.endsWith(x) && compact.length > x.length);
      // "有限公司" alone is not 有限 + 公司.
      const exact = suffix && !LEGAL_FRAGMENTS.has(compact.slice(0, -suffix.length)) ? [...suffix].length : 0;
      // A misspelt long form wins over the 公司 it ends with (集团限公司 is 集团 + 有限公司).
      const cut = exact >= 4 ? exact : Math.max(exact, misspeltLegalSuffix(compact));
      if (cut) s = dropTrailing(s, cut);
    }
    if (s === before || s === '') return s === '' ? before : s;
  }
}

/**
 * The core of a company name, the key two spellings of one company share: folded (full-width,
 * traditional characters, letter case), legal forms removed (有限公司, 有限责任公司, 股份有限公司, 集团,
 * Co., Ltd.), brackets, spaces and punctuation removed, and a place written in brackets put in front
 * (华信（北京）科技 → 北京市华信科技, as registered names allow either), with one fixed administrative
 * suffix (北京 and 北京市 both → 北京市).
 */
export function normalizeCompanyName(raw: string): string {
  let bracketPlace: string | null = null;
  const unbracketed = foldText(raw).replace(BRACKET, (_whole, inner: string) => {
    const content = inner.replace(SEPARATORS, '');
    const place = wholePlace(content);
    if (place) {
      bracketPlace ??= place;
      return ' ';
    }
    return NATIONAL_QUALIFIERS.has(content) ? ' ' : ` ${inner} `;
  });
  let core = stripLegalSuffixes(unbracketed.trim()).replace(SEPARATORS, '');
  const lead = leadingPlace(core);
  const place: string | null = bracketPlace;
  // A bracketed place goes in front as it is: the name may itself begin with a city (金华…).
  if (place && lead?.place !== place) core = canonicalPlace(place) + core;
  else if (lead) core = canonicalPlace(lead.place) + core.slice(lead.restStart);
  return core || compactText(raw);
}

export interface CompanyParts {
  /** Leading place (行政区划), or '' */
  place: string;
  /** The name without its place. */
  rest: string;
  /** 字号: what tells companies apart. */
  brand: string;
  /** Trailing industry term (行业), or ''. */
  industry: string;
}

/** Read a core (from normalizeCompanyName) as place + brand + industry. */
export function splitCompanyCore(core: string): CompanyParts {
  const lead = leadingPlace(core);
  const place = lead?.place ?? '';
  const rest = lead ? core.slice(lead.restStart) : core;
  const industry = industriesFor(rest).find((t) => rest.endsWith(t) && rest.length > t.length) ?? '';
  return { place, rest, brand: rest.slice(0, rest.length - industry.length), industry };
}

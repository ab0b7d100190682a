/**
 * The Chinese-aware search index: no database engine indexes two-character CJK queries, so the
 * services keep (workspace, entity, gram, record) rows themselves.
 *  - CJK runs are cut into bigrams ("北京华信" → 北京, 京华, 华信);
 *  - Latin words and digit runs in names are kept whole, prefixed "~", and found by prefix;
 *  - phones are kept as "t:" + digits and "r:" + reversed digits, so a number is found by its start or
 *    by its last digits (the two ways reps type phone numbers);
 *  - emails are kept whole, prefixed "@", and their words as "~" words.
 */

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]+/gu;
const WORD_RUN = /[\p{Letter}\p{Number}]+/gu;

export type SearchableKind = 'text' | 'phone' | 'email';
export interface Searchable {
  kind: SearchableKind;
  value: string | null | undefined;
}

export const normalizeText = (s: string): string => s.normalize('NFKC').toLowerCase();
export const phoneDigits = (s: string): string => s.replace(/[^\d]/g, '');
const reverse = (s: string): string => [...s].reverse().join('');

function textGrams(out: Set<string>, text: string): void {
  const t = normalizeText(text);
  for (const run of t.match(CJK_RUN) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.add(run);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const word of t.replace(CJK_RUN, ' ').match(WORD_RUN) ?? []) out.add(`~${word}`.slice(0, 100));
}

/** All grams for one record's searchable values. */
export function searchGrams(values: readonly Searchable[]): string[] {
  const out = new Set<string>();
  for (const { kind, value } of values) {
    if (!value) continue;
    if (kind === 'text') textGrams(out, value);
    else if (kind === 'phone') {
      const d = phoneDigits(value);
      if (d.length >= 3) {
        out.add(`t:${d}`);
        out.add(`r:${reverse(d)}`);
        // "+86 139…" is typed as "139…" at home: index the national number too.
        if (d.startsWith('86') && d.length >= 12) out.add(`t:${d.slice(2)}`);
      }
    } else {
      const e = normalizeText(value.trim());
      out.add(`@${e}`.slice(0, 250));
      textGrams(out, e);
    }
  }
  return [...out];
}

/** One test a record must pass: its gram is this, or starts with one of these prefixes. */
export type Probe = { exact: string } | { prefixes: string[] };

export interface SearchPlan {
  probes: Probe[];
  /** CJK fragments the record's text must contain in order (bigrams alone do not guarantee it). */
  phrases: string[];
}

/** Turn what the user typed into probes. Returns null when the query is too short to search. */
export function planSearch(query: string): SearchPlan | null {
  const probes: Probe[] = [];
  const phrases: string[] = [];
  for (const token of normalizeText(query).split(/\s+/).filter(Boolean)) {
    const digits = phoneDigits(token);
    if (/^[+\d()\-.]+$/.test(token) && digits.length >= 3) {
      probes.push({ prefixes: [`t:${digits}`, `r:${reverse(digits)}`, `~${digits}`] });
      continue;
    }
    if (token.includes('@')) {
      probes.push({ prefixes: [`@${token}`] });
      continue;
    }
    for (const run of token.match(CJK_RUN) ?? []) {
      const chars = [...run];
      if (chars.length === 1) {
        probes.push({ exact: run });
        continue;
      }
      phrases.push(run);
      for (let i = 0; i + 1 < chars.length; i++) probes.push({ exact: chars[i]! + chars[i + 1]! });
    }
    for (const word of token.replace(CJK_RUN, ' ').match(WORD_RUN) ?? []) {
      if (word.length >= 2 || CJK.test(word)) probes.push({ prefixes: [`~${word}`] });
    }
  }
  const unique = dedupe(probes);
  return unique.length ? { probes: unique, phrases } : null;
}

function dedupe(probes: Probe[]): Probe[] {
  const seen = new Set<string>();
  return probes.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

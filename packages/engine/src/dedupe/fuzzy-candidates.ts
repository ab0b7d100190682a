import { MIN_FUZZY_LENGTH, companySimilarity } from './name-similarity';
import { splitCompanyCore } from './normalize-company';

/** Where a core's parts lie: the place ends at `restStart`, the 字号 at `brandEnd`. */
function layout(core: string) {
  const parts = splitCompanyCore(core);
  const restStart = core.length - parts.rest.length;
  return { ...parts, restStart, brandEnd: restStart + parts.brand.length };
}

/**
 * Keys under which a company core is stored for fuzzy look-ups on create: its first and last halves
 * (⌊n/2⌋ characters each; two names one typo apart always share a half of the same length), the name
 * without its place (`r:`), and place + 字号 without the industry term (`b:`).
 */
export function companyBlockKeys(core: string): string[] {
  const keys: string[] = [];
  const n = core.length;
  if (n >= MIN_FUZZY_LENGTH) {
    const half = Math.floor(n / 2);
    keys.push(`h:${core.slice(0, half)}`, `t:${core.slice(n - half)}`);
  }
  const l = layout(core);
  if (l.place) keys.push(`r:${l.rest}`);
  if (l.brand.length >= 2) keys.push(`b:${core.slice(0, l.brandEnd)}`);
  return keys;
}

/** The block keys under which names that may match `core` are stored (see companyBlockKeys). */
export function companyProbeKeys(core: string): string[] {
  const keys = new Set<string>();
  const n = core.length;
  // A neighbour one shorter, as long, or one longer stored halves of these lengths.
  for (const m of [n - 1, n, n + 1]) {
    if (m < MIN_FUZZY_LENGTH) continue;
    const half = Math.floor(m / 2);
    if (half > n) continue;
    keys.add(`h:${core.slice(0, half)}`);
    keys.add(`t:${core.slice(n - half)}`);
  }
  const l = layout(core);
  keys.add(`r:${l.rest}`);
  if (l.brand.length >= 2) keys.add(`b:${core.slice(0, l.brandEnd)}`);
  return [...keys];
}

// FNV-1a over UTF-16 code units, leaving out one position (−1: none); `seed` separates the passes.
function hash(s: string, skip: number, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const TYPO = 0x811c9dc5;
const PLACE = 0x01000193;
const BRAND = 0x2545f491;

/**
 * Records that share a hash, as pairs of indexes: entries are packed (hash, tag, index) into doubles
 * and sorted, so a million names need a few hundred MB and seconds rather than a Map of strings.
 * Buckets larger than `maxBucket` are fragments too common to mean anything and are skipped.
 */
function sharedHashPairs(
  n: number,
  fill: (push: (hash: number, tag: 0 | 1, index: number) => void) => void,
  accept: (i: number, tagI: number, j: number, tagJ: number) => boolean,
  maxBucket: number,
  out: (i: number, j: number) => void,
) {
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashBits = Math.min(32, 52 - indexBits);
  const low = 2 ** (indexBits + 1);
  const values: number[] = [];
  fill((h, tag, index) => values.push((h >>> (32 - hashBits)) * low + tag * 2 ** indexBits + index));
  const packed = Float64Array.from(values);
  packed.sort();
  const index = (v: number) => v % 2 ** indexBits;
  const tag = (v: number) => Math.floor((v % low) / 2 ** indexBits);
  for (let start = 0; start < packed.length;) {
    const bucket = Math.floor(packed[start]! / low);
    let end = start + 1;
    while (end < packed.length && Math.floor(packed[end]! / low) === bucket) end++;
    if (end - start > 1 && end - start <= maxBucket) {
      for (let x = start; x < end; x++) {
        for (let y = x + 1; y < end; y++) {
          const i = index(packed[x]!);
          const j = index(packed[y]!);
          if (i !== j && accept(i, tag(packed[x]!), j, tag(packed[y]!))) out(Math.min(i, j), Math.max(i, j));
        }
      }
    }
    start = end;
  }
}

/**
 * Pairs of company cores (indexes into `cores`) that may be duplicates by name alone, each with its
 * similarity (≥ `threshold`): one typo apart (deletion neighbourhoods — two strings one edit apart
 * share a string with one character left out), the same name with and without its place, and the same
 * 字号 with a longer or shorter industry term. Typos inside the place, or inside a 字号 of two
 * characters, are not looked for: such names are different companies as often as not (华信 / 华兴,
 * 杭州 / 福州), so only a shared phone, e-mail or code can make them duplicates.
 */
export function companyCandidatePairs(
  cores: readonly string[],
  opts: { threshold: number; maxBucket?: number },
): Array<{ a: number; b: number; similarity: number }> {
  const maxBucket = opts.maxBucket ?? 64;
  const layouts = cores.map(layout);
  const seen = new Set<number>();
  const pairs: Array<{ a: number; b: number; similarity: number }> = [];
  const n = cores.length;
  // `known`: the similarity the pass already proves (companySimilarity's rule for that case).
  const emit = (i: number, j: number, known?: number) => {
    const id = i * n + j;
    if (seen.has(id)) return;
    seen.add(id);
    const similarity = known ?? companySimilarity(cores[i]!, cores[j]!);
    if (similarity >= opts.threshold) pairs.push({ a: i, b: j, similarity });
  };
  const out = (i: number, j: number) => emit(i, j);
  const prefix = (i: number) => cores[i]!.slice(0, layouts[i]!.brandEnd);
  const always = () => true;
  // One typo outside the protected place and short 字号.
  sharedHashPairs(
    n,
    (push) =>
      layouts.forEach((l, i) => {
        const core = cores[i]!;
        if (core.length < MIN_FUZZY_LENGTH) return;
        const from = l.brand.length <= 2 ? l.brandEnd : l.restStart;
        push(hash(core, -1, TYPO), 0, i);
        for (let k = from; k < core.length; k++) push(hash(core, k, TYPO), 0, i);
      }),
    always,
    maxBucket,
    out,
  );
  // With and without the place: a placed name (tag 1) against an unplaced one (tag 0).
  sharedHashPairs(
    n,
    (push) => layouts.forEach((l, i) => push(hash(l.rest, -1, PLACE), l.place ? 1 : 0, i)),
    (_i, ti, _j, tj) => ti !== tj,
    maxBucket,
    (i, j) => emit(i, j, layouts[i]!.rest === layouts[j]!.rest ? 0.95 : undefined),
  );
  // The same place and 字号, industry terms of which one contains the other (科技 / 网络科技).
  sharedHashPairs(
    n,
    (push) =>
      layouts.forEach((l, i) => {
        if (l.brand.length >= 2) push(hash(cores[i]!.slice(0, l.brandEnd), -1, BRAND), 0, i);
      }),
    (i, _ti, j) => {
      const x = layouts[i]!.industry;
      const y = layouts[j]!.industry;
      return x !== y && (x.includes(y) || y.includes(x));
    },
    maxBucket,
    (i, j) => emit(i, j, prefix(i) === prefix(j) ? 0.9 : undefined),
  );
  return pairs;
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FUZZY_NAME_THRESHOLD } from './duplicate-groups';
import { INDUSTRY, PLACE, brand } from './dedupe.arbitraries';
import { companyBlockKeys, companyCandidatePairs, companyProbeKeys } from './fuzzy-candidates';
import { companySimilarity } from './name-similarity';
import { normalizeCompanyName } from './normalize-company';

const CHARS = [...'华信云帆恒达盛通瑞鑫博创汇远腾新海天宏联泰安嘉和锐智启星辰科技网络贸易物流电子'];
const anyCore = fc.array(fc.constantFrom(...CHARS), { minLength: 4, maxLength: 12 }).map((cs) => cs.join(''));

/** One random edit: substitution, insertion, deletion or (`swaps`) adjacent swap. */
const edited = (s: string, swaps = true) =>
  fc
    .tuple(
      fc.constantFrom(...(swaps ? ['sub', 'ins', 'del', 'swap'] : ['sub', 'ins', 'del'])),
      fc.nat(s.length - 1),
      fc.constantFrom(...CHARS),
    )
    .map(([kind, at, ch]) => {
      if (kind === 'sub') return s.slice(0, at) + ch + s.slice(at + 1);
      if (kind === 'ins') return s.slice(0, at) + ch + s.slice(at);
      if (kind === 'del') return s.slice(0, at) + s.slice(at + 1);
      if (at + 1 >= s.length) return s;
      return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
    });

/** A company core and a variant of it: a typo, its place dropped, or its industry term shortened. */
const variantPair = fc
  .record({ place: fc.option(PLACE, { nil: null }), brand, industry: INDUSTRY })
  .chain((c) => {
    const core = normalizeCompanyName(`${c.place ?? ''}${c.brand}${c.industry}`);
    const variants = [
      edited(core).map(normalizeCompanyName),
      fc.constant(normalizeCompanyName(`${c.brand}${c.industry}`)),
      fc.constant(normalizeCompanyName(`${c.place ?? ''}${c.brand}${c.industry.slice(-2)}`)),
    ];
    return fc.oneof(...variants).map((v) => [core, v] as const);
  });

const found = (cores: string[], i: number, j: number) =>
  companyCandidatePairs(cores, { threshold: FUZZY_NAME_THRESHOLD }).some(
    (p) => p.a === Math.min(i, j) && p.b === Math.max(i, j),
  );

describe('company candidates', () => {
  it('proposes every pair whose names alone reach the threshold, among other names', () => {
    fc.assert(
      fc.property(variantPair, fc.array(anyCore, { maxLength: 15 }), ([s, t], others) => {
        fc.pre(s !== t && companySimilarity(s, t) >= FUZZY_NAME_THRESHOLD);
        expect(found([...others, s, t], others.length, others.length + 1)).toBe(true);
      }),
    );
  });

  it('proposes only pairs at or above the threshold, with their similarity', () => {
    fc.assert(
      fc.property(fc.array(anyCore, { maxLength: 30 }), (cores) => {
        for (const p of companyCandidatePairs(cores, { threshold: FUZZY_NAME_THRESHOLD })) {
          expect(p.similarity).toBe(companySimilarity(cores[p.a]!, cores[p.b]!));
          expect(p.similarity).toBeGreaterThanOrEqual(FUZZY_NAME_THRESHOLD);
        }
      }),
    );
  });

  it.each([
    ['杭州市华信网络科技', '华信网络科技', true, 'with and without the place'],
    ['杭州市华信网络科技', '杭州市华信网落科技', true, 'a typo in the industry term'],
    ['华信科技', '华信网络科技', true, 'a shorter industry term'],
    ['杭州市华信网络科技', '杭州市华兴网络科技', false, 'another 字号'],
    ['杭州市华信网络科技', '福州市华信网络科技', false, 'another city'],
    ['杭州市华信网络科技', '北京市华信网络科技', false, 'another city, both placed'],
  ])('%s / %s → %s (%s)', (a, b, expected) => expect(found([a, b], 0, 1)).toBe(expected));

  // A swap across the middle changes both halves: the scan finds those, the check on create may not.
  it('lets a new name probe the stored block keys of every name one typo away', () => {
    fc.assert(
      fc.property(
        anyCore.chain((s) => edited(s, false).map((t) => [s, t] as const)),
        ([stored, typed]) => {
          fc.pre(stored !== typed && typed.length >= 4);
          const probes = new Set(companyProbeKeys(typed));
          expect(companyBlockKeys(stored).some((k) => probes.has(k))).toBe(true);
        },
      ),
    );
  });

  it('stores halves, the name without its place and place + 字号', () => {
    expect(companyBlockKeys('杭州市华信网络科技')).toEqual([
      'h:杭州市华',
      't:网络科技',
      'r:华信网络科技',
      'b:杭州市华信',
    ]);
    expect(companyBlockKeys('华信')).toEqual(['b:华信']);
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planSearch, searchGrams } from './search-grams';

describe('searchGrams', () => {
  it('cuts Chinese names into bigrams and keeps Latin words whole', () => {
    const grams = searchGrams([{ kind: 'text', value: '北京华信科技 Huaxin' }]);
    expect(grams).toEqual(expect.arrayContaining(['北京', '京华', '华信', '信科', '科技', '~huaxin']));
  });

  it('indexes phones forwards and backwards whatever the formatting', () => {
    const grams = searchGrams([{ kind: 'phone', value: '+86 138-1234-5678' }]);
    expect(grams).toContain('t:8613812345678');
    expect(grams).toContain('r:8765432183168');
    expect(grams).toContain('t:13812345678');
  });

  it('indexes emails whole and by word', () => {
    const grams = searchGrams([{ kind: 'email', value: 'Zhang.Wei@Example.com' }]);
    expect(grams).toEqual(expect.arrayContaining(['@zhang.wei@example.com', '~zhang', '~wei', '~example']));
  });

  it('folds full-width characters', () => {
    expect(searchGrams([{ kind: 'text', value: 'ＡＢＣ科技' }])).toContain('~abc');
  });
});

describe('planSearch', () => {
  it('needs the bigrams of a Chinese query and keeps the phrase for verification', () => {
    expect(planSearch('北京科技')).toEqual({
      probes: [{ exact: '北京' }, { exact: '京科' }, { exact: '科技' }],
      phrases: ['北京科技'],
    });
  });

  it('treats digit queries as phone prefixes or suffixes', () => {
    expect(planSearch('5678')?.probes).toEqual([{ prefixes: ['t:5678', 'r:8765', '~5678'] }]);
  });

  it('refuses queries with nothing to search', () => {
    expect(planSearch('  ')).toBeNull();
    expect(planSearch('a')).toBeNull();
  });

  // Whatever a record's name, any two-or-more-character CJK substring of it plans to probes the
  // record's grams satisfy.
  it('finds every CJK substring of an indexed name (property)', () => {
    const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.array(cjk, { minLength: 2, maxLength: 12 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const name = chars.join('');
        const start = a % (chars.length - 1);
        const end = start + 2 + (b % (chars.length - start - 1));
        const query = chars.slice(start, end).join('');
        const grams = new Set(searchGrams([{ kind: 'text', value: name }]));
        const plan = planSearch(query);
        expect(plan).not.toBeNull();
        for (const p of plan!.probes) if ('exact' in p) expect(grams.has(p.exact)).toBe(true);
      }),
    );
  });
});

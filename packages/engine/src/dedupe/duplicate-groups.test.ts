import { describe, expect, it } from 'vitest';
import { groupDuplicates, pairConfidence } from './duplicate-groups';
import type { PairEvidence } from './duplicate-groups';

const company = (same: string[], nameSimilarity: number | null): PairEvidence => ({
  same,
  nameSimilarity,
  subject: 'company',
});
const person = (same: string[], nameSimilarity: number | null): PairEvidence => ({
  same,
  nameSimilarity,
  subject: 'person',
});

describe('pairConfidence', () => {
  it.each([
    [company(['uscc'], 0), 0.99, 'the same 统一社会信用代码'],
    [company(['company'], 1), 0.97, 'the same normalised name'],
    [company(['company', 'phone'], 1), 0.99, 'name and phone'],
    [company(['phone'], 0.6), 0.98, 'phone and a lookalike name (a typo in the 字号)'],
    [company(['email'], 0.9), 0.98, 'e-mail and a similar name'],
    [company(['phone'], 0.2), 0.6, 'a shared switchboard, names unalike'],
    [company([], 0.95), 0.855, 'a similar name alone: for review, never merged automatically'],
    [company([], 0.6), 0, 'a lookalike name alone is no evidence'],
    [person(['email'], 1), 0.99, 'the same person and mailbox'],
    [person(['phone'], 1), 0.98, 'the same person and mobile'],
    [person(['phone'], 0), 0.75, 'a mobile passed on to a colleague'],
    [person(['person'], 1), 0.9, 'the same name at the same customer'],
  ])('%j → %d (%s)', (evidence, confidence) => expect(pairConfidence(evidence)).toBeCloseTo(confidence, 5));
});

describe('groupDuplicates', () => {
  it('joins pairs into groups held together by their weakest join', () => {
    const groups = groupDuplicates(
      [
        { a: 0, b: 1, confidence: 0.99 },
        { a: 1, b: 2, confidence: 0.9 },
        { a: 3, b: 4, confidence: 0.97 },
        { a: 5, b: 6, confidence: 0.5 },
      ],
      0.8,
    );
    expect(groups.map((g) => [g.members, g.confidence])).toEqual([
      [[3, 4], 0.97],
      [[0, 1, 2], 0.9],
    ]);
    expect(groups[1]!.pairs).toHaveLength(2);
  });

  it('cuts a chain that would grow past the largest group at its weakest links', () => {
    const chain = Array.from({ length: 9 }, (_, i) => ({
      a: i,
      b: i + 1,
      confidence: i === 4 ? 0.85 : 0.95,
    }));
    const groups = groupDuplicates(chain, 0.8, 5);
    expect(groups.map((g) => g.members)).toEqual([
      [0, 1, 2, 3, 4],
      [5, 6, 7, 8, 9],
    ]);
  });
});

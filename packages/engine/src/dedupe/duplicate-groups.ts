/** What two records have in common, as the duplicate finder saw it. */
export interface PairEvidence {
  /** Key kinds both records carry the same value of: uscc, company, phone, email, person, custom:… */
  same: readonly string[];
  /**
   * How alike the names are, 0–1: companySimilarity for companies; 1 or 0 for people (the same folded
   * name or not). Null when one of them has no name to compare.
   */
  nameSimilarity: number | null;
  /** Whether the records are companies (customers, a lead's company) or people (contacts). */
  subject: 'company' | 'person';
}

/** The lowest name similarity at which a name alone makes two records duplicates. */
export const FUZZY_NAME_THRESHOLD = 0.85;

/**
 * How sure we are that two records are one, 0–1. Exact identifiers (统一社会信用代码, the same
 * normalised company name) are near certain; a shared phone or e-mail is certain only with alike names
 * (a switchboard or a shared mailbox can serve several companies); a similar name alone is a
 * candidate for review, never certain enough for an automatic merge (≥ 0.95).
 */
export function pairConfidence(e: PairEvidence): number {
  const has = (kind: string) => e.same.includes(kind);
  const sim = e.nameSimilarity ?? 0;
  const contact = has('phone') || has('email');
  const custom = e.same.some((k) => k.startsWith('custom:'));
  if (has('uscc')) return 0.99;
  if (e.subject === 'company') {
    if (has('company') || sim === 1) return contact ? 0.99 : 0.97;
    if (contact) return sim >= 0.6 ? 0.98 : 0.6;
    if (custom) return sim >= 0.6 ? 0.95 : 0.7;
    return sim >= FUZZY_NAME_THRESHOLD ? Math.round(0.9 * sim * 1000) / 1000 : 0;
  }
  if (has('email')) return sim === 1 ? 0.99 : 0.85;
  if (has('phone')) return sim === 1 ? 0.98 : 0.75;
  if (has('person')) return 0.9;
  if (custom) return sim === 1 ? 0.95 : 0.7;
  return 0;
}

export interface ScoredPair {
  a: number;
  b: number;
  confidence: number;
}

export interface DuplicateGroup {
  /** Indexes of the records, ascending. */
  members: number[];
  /** The weakest link that holds the group together (the lowest confidence of its joining pairs). */
  confidence: number;
  /** The pairs inside the group at or above the threshold. */
  pairs: ScoredPair[];
}

/**
 * Join records into groups over the pairs at or above `minConfidence`, strongest pairs first (a
 * maximum spanning forest): a group's confidence is its weakest joining pair. Groups of more than
 * `maxGroup` records are cut at their weakest joins, so a chain of lookalike names cannot swallow a
 * whole industry.
 */
export function groupDuplicates(
  pairs: readonly ScoredPair[],
  minConfidence: number,
  maxGroup = 50,
): DuplicateGroup[] {
  const strong = pairs
    .filter((p) => p.confidence >= minConfidence)
    .sort((x, y) => y.confidence - x.confidence);
  const parent = new Map<number, number>();
  const size = new Map<number, number>();
  const weakest = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (y !== r) {
      const next = parent.get(y)!;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  for (const p of strong) {
    for (const x of [p.a, p.b]) {
      if (parent.has(x)) continue;
      parent.set(x, x);
      size.set(x, 1);
      weakest.set(x, 1);
    }
    const ra = find(p.a);
    const rb = find(p.b);
    if (ra === rb) continue;
    if (size.get(ra)! + size.get(rb)! > maxGroup) continue;
    const [big, small] = size.get(ra)! >= size.get(rb)! ? [ra, rb] : [rb, ra];
    parent.set(small, big);
    size.set(big, size.get(big)! + size.get(small)!);
    weakest.set(big, Math.min(weakest.get(big)!, weakest.get(small)!, p.confidence));
  }
  const groups = new Map<number, DuplicateGroup>();
  for (const x of parent.keys()) {
    const r = find(x);
    if (size.get(r)! < 2) continue;
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { members: [], confidence: weakest.get(r)!, pairs: [] }));
    g.members.push(x);
  }
  for (const p of strong) {
    const r = find(p.a);
    if (r === find(p.b)) groups.get(r)?.pairs.push(p);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, members: g.members.sort((x, y) => x - y) }))
    .sort((x, y) => y.confidence - x.confidence || x.members[0]! - y.members[0]!);
}

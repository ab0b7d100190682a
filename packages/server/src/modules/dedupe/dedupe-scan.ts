import {
  FUZZY_NAME_THRESHOLD,
  companyCandidatePairs,
  companySimilarity,
  groupDuplicates,
  pairConfidence,
} from '@tideline/engine';
import type { ScoredPair } from '@tideline/engine';
import type { DedupeEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { deadRecordIds, keysOfKind, sharedKeys } from './dedupe.repository';

/** What the records of a group have in common. */
export interface GroupMatch {
  /** company (the same normalised name), company_similar, phone, email, uscc, person, custom:<key> */
  kind: string;
  /** Fields of the records that hold it (name, mobile, phone, custom.uscc …). */
  fields: string[];
  record_ids: string[];
  /** For company_similar: the lowest similarity among the pairs. */
  similarity?: number;
}

export interface ScanGroup {
  /** Record ids, oldest first (ids are time-ordered). */
  record_ids: string[];
  confidence: number;
  matches: GroupMatch[];
}

export interface ScanResult {
  entity: DedupeEntity;
  /** Record ids by the indexes pairs use. */
  ids: string[];
  /** Every scored pair at or above the scan's floor, with what links it. */
  pairs: LinkedPair[];
  /** Live records with a name key; pairs scored; keys skipped as too common to mean anything. */
  stats: { records: number; pairs: number; commonValues: number; ms: Record<string, number> };
}

/** Records that share one key, or one similar-name pair. */
export interface Link {
  kind: string;
  ids: string[];
  fields: Set<string>;
  similarity?: number;
}

export type LinkedPair = ScoredPair & { links: Link[] };

/**
 * Keys held by more records than this are placeholders, not evidence: a phone or e-mail on more than 10
 * records is a switchboard or a shared mailbox (sales@ of a common domain); a name or code on more than
 * 30 is bad data the finder cannot untangle pair by pair.
 */
const maxShared = (kind: string) => (kind === 'phone' || kind === 'email' ? 10 : 30);

/**
 * Scan one entity of a workspace for duplicates: records sharing an exact key (grouped in SQL over the
 * key index), company names alike enough on their own (deletion neighbourhoods in memory, see
 * companyCandidatePairs), each pair scored (pairConfidence) and joined into groups. Fuzzy names are
 * only looked at for customers and leads; contacts match by mobile, e-mail, or name at one customer.
 */
export async function scanDuplicates(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  opts: { minConfidence?: number } = {},
): Promise<ScanResult> {
  const ms: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    ms[name] = Math.round(now - t);
    t = now;
  };
  const index = new Map<string, number>();
  const ids: string[] = [];
  const at = (id: string) => {
    let i = index.get(id);
    if (i === undefined) index.set(id, (i = ids.push(id) - 1));
    return i;
  };

  // Names: company cores (customers, a lead's company) and people's names (contacts, leads).
  // Keys are read off their index without joining the records; the few dead ones are dropped here.
  const dead = await deadRecordIds(trx, workspaceId, entity);
  const cores = new Map<number, string>();
  const people = new Map<number, string>();
  if (entity !== 'contact')
    for (const r of await keysOfKind(trx, workspaceId, entity, 'company'))
      if (!dead.has(r.record_id)) cores.set(at(r.record_id), r.key);
  if (entity !== 'customer')
    for (const r of await keysOfKind(trx, workspaceId, entity, 'person'))
      if (!dead.has(r.record_id))
        people.set(at(r.record_id), entity === 'contact' ? r.key.slice(r.key.indexOf('|') + 1) : r.key);
  lap('names');

  // Exact keys shared by a few records. A lead's name alone is no evidence (张伟 is many people).
  const shared = await sharedKeys(
    trx,
    workspaceId,
    entity,
    entity === 'contact' ? [] : ['person'],
    maxShared,
  );
  const links = new Map<string, Link>();
  for (const r of shared.rows) {
    if (dead.has(r.record_id)) continue;
    const id = `${r.kind}\u0000${r.key}`;
    let link = links.get(id);
    if (!link) links.set(id, (link = { kind: r.kind, ids: [], fields: new Set() }));
    if (!link.ids.includes(r.record_id)) link.ids.push(r.record_id);
    link.fields.add(r.field);
  }
  lap('shared_keys');

  // Similar company names.
  const coreIndexes = [...cores.keys()];
  const similar = companyCandidatePairs(
    coreIndexes.map((i) => cores.get(i)!),
    { threshold: FUZZY_NAME_THRESHOLD },
  );
  lap('similar_names');

  // Evidence per pair, then a confidence.
  const evidence = new Map<number, { same: string[]; links: Link[] }>();
  const pairKey = (a: number, b: number) => (a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a);
  const note = (a: number, b: number, kind: string, link: Link) => {
    const k = pairKey(a, b);
    let e = evidence.get(k);
    if (!e) evidence.set(k, (e = { same: [], links: [] }));
    if (!e.same.includes(kind)) e.same.push(kind);
    e.links.push(link);
  };
  for (const link of links.values()) {
    if (link.ids.length < 2) continue;
    const members = link.ids.map(at);
    for (let x = 0; x < members.length; x++)
      for (let y = x + 1; y < members.length; y++) note(members[x]!, members[y]!, link.kind, link);
  }
  const nameField = new Set([entity === 'lead' ? 'company_name' : 'name']);
  for (const p of similar) {
    const a = coreIndexes[p.a]!;
    const b = coreIndexes[p.b]!;
    note(a, b, 'company_similar', {
      kind: 'company_similar',
      ids: [ids[a]!, ids[b]!],
      fields: nameField,
      similarity: p.similarity,
    });
  }
  const scored: LinkedPair[] = [];
  for (const [k, e] of evidence) {
    const a = Math.floor(k / 2 ** 26);
    const b = k % 2 ** 26;
    const ca = cores.get(a);
    const cb = cores.get(b);
    const companies = ca !== undefined && cb !== undefined;
    const pa = people.get(a);
    const pb = people.get(b);
    // The similarity is known from the candidate pass, or needless (same core or code): compute it
    // only for pairs that share a phone, e-mail or custom value.
    const known = e.links.find((l) => l.similarity !== undefined)?.similarity;
    const needless = e.same.includes('company') || e.same.includes('uscc');
    const nameSimilarity = companies
      ? needless
        ? 1
        : (known ?? companySimilarity(ca, cb))
      : pa !== undefined && pb !== undefined
        ? Number(pa === pb)
        : null;
    const same = e.same.filter((x) => x !== 'company_similar');
    const confidence = pairConfidence({ same, nameSimilarity, subject: companies ? 'company' : 'person' });
    scored.push({ a, b, confidence, links: e.links });
  }
  lap('score');

  const floor = opts.minConfidence ?? 0.6;
  const pairs = scored.filter((p) => p.confidence >= floor);
  lap('group');
  return {
    entity,
    ids,
    pairs,
    stats: { records: ids.length, pairs: scored.length, commonValues: shared.common, ms },
  };
}

/**
 * The groups of a scan at a confidence: only pairs at or above it join records, so a strong pair is
 * never lost in a group held together by a weaker one. Most certain first.
 */
export function groupsAt(scan: ScanResult, minConfidence: number): ScanGroup[] {
  const { ids } = scan;
  return groupDuplicates(scan.pairs, minConfidence, 50).map((g): ScanGroup => {
    const members = new Set(g.members.map((i) => ids[i]!));
    const matches = new Map<string, GroupMatch>();
    for (const p of g.pairs as LinkedPair[]) {
      for (const link of p.links) {
        const m = matches.get(link.kind) ?? { kind: link.kind, fields: [], record_ids: [] };
        for (const f of link.fields) if (!m.fields.includes(f)) m.fields.push(f);
        for (const id of link.ids) if (members.has(id) && !m.record_ids.includes(id)) m.record_ids.push(id);
        if (link.similarity !== undefined)
          m.similarity = Math.min(m.similarity ?? 1, Math.round(link.similarity * 100) / 100);
        matches.set(link.kind, m);
      }
    }
    return {
      record_ids: [...members].sort(),
      confidence: g.confidence,
      matches: [...matches.values()].map((m) => ({ ...m, record_ids: m.record_ids.sort() })),
    };
  });
}

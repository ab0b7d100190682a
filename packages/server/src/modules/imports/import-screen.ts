import type { Transaction } from 'kysely';
import {
  companyBlockKeys,
  companyProbeKeys,
  companySimilarity,
  FUZZY_NAME_THRESHOLD,
} from '@tideline/engine';
import { chunkRows } from '../../core/chunk';
import type { DB } from '../../db/schema';
import { fieldValue, keyOf } from '../dedupe/dedupe-keys';
import { ruleKeyField } from '../dedupe/dedupe.fields';
import { findBlockHits, keysOfRecords } from '../dedupe/dedupe.repository';
import { liveKeyHolders } from './import.repository';
import type { ImportContext } from './import-context';

/** Probe keys per block query: each is a small sub-select, and a statement must stay reasonable. */
const PROBES_PER_QUERY = 200;
/** Records read per block key, as checkDuplicates reads them. */
const PER_BLOCK = 100;

/**
 * The duplicate rules of a batch, checked for all its rows at once (one query per rule and entity,
 * the fuzzy name probes in a few): the rows for which the rules find nothing — not in the database,
 * not among the batch's earlier rows — can be written in bulk; the others (any hit, even a warning,
 * or a value the check itself would refuse) go through the record service one by one, which gives
 * them its exact answer. This is the check of checkDuplicates, batched: same rules, same keys, same
 * similarity, same threshold; it only decides which rows need the per-row path.
 */
export async function screenDuplicates(
  trx: Transaction<DB>,
  ctx: ImportContext,
  rows: { row: number; values: Record<string, unknown> }[],
): Promise<Set<number>> {
  const flagged = new Set<number>();
  const ws = ctx.imp.workspace_id;
  for (const rule of ctx.rules) {
    const f = ruleKeyField(ctx.entity, rule);
    if (!f) continue;
    const keyed: { row: number; key: string }[] = [];
    for (const r of rows) {
      const key = keyOf(ctx.entity, r.values, f);
      if (key !== null) keyed.push({ row: r.row, key });
      else {
        const raw = fieldValue(r.values, rule.field);
        // A value the check refuses (a 统一社会信用代码 with a wrong check character): the service says so.
        if (typeof raw === 'string' && raw.trim() && f.normalizer === 'uscc') flagged.add(r.row);
      }
    }
    if (!keyed.length) continue;
    const keys = [...new Set(keyed.map((k) => k.key))];
    for (const target of rule.against ?? [ctx.entity]) {
      const hits = new Set(
        (await liveKeyHolders(trx, ctx.deps.database.dialect, ws, target, f.kind, keys)).map((h) => h.key),
      );
      for (const k of keyed) if (hits.has(k.key)) flagged.add(k.row);
      if (rule.match === 'fuzzy' && f.kind === 'company')
        await screenSimilarNames(trx, ctx, target, keyed, rule.threshold ?? FUZZY_NAME_THRESHOLD, flagged);
    }
  }
  return flagged;
}

/** Similar company names: in the database (block-key probes, then the similarity of each candidate) and earlier in the batch. */
async function screenSimilarNames(
  trx: Transaction<DB>,
  ctx: ImportContext,
  target: 'customer' | 'lead' | 'contact',
  keyed: { row: number; key: string }[],
  threshold: number,
  flagged: Set<number>,
) {
  const ws = ctx.imp.workspace_id;
  const probesOf = new Map(keyed.map((k) => [k.row, companyProbeKeys(k.key)]));
  const allProbes = [...new Set([...probesOf.values()].flat())];
  const byProbe = new Map<string, string[]>();
  for (const part of chunkRows(allProbes, 1, PROBES_PER_QUERY))
    for (const h of await findBlockHits(trx, ws, target, 'company_block', part, PER_BLOCK)) {
      const list = byProbe.get(h.key);
      if (list) list.push(h.record_id);
      else byProbe.set(h.key, [h.record_id]);
    }
  const candidateIds = [...new Set([...byProbe.values()].flat())];
  const cores = new Map<string, string>();
  for (const part of chunkRows(candidateIds, 1, 5_000))
    for (const c of await keysOfRecords(trx, ws, target, 'company', part)) cores.set(c.record_id, c.key);
  // Earlier rows of the batch, by their block keys, for names alike inside the batch itself.
  const batchBlocks = new Map<string, string[]>();
  for (const k of keyed) {
    const probes = probesOf.get(k.row)!;
    const near = new Set<string>();
    for (const p of probes) for (const id of byProbe.get(p) ?? []) near.add(cores.get(id) ?? '');
    if (target === ctx.entity)
      for (const p of probes) for (const core of batchBlocks.get(p) ?? []) near.add(core);
    if ([...near].some((core) => core && companySimilarity(k.key, core) >= threshold)) flagged.add(k.row);
    if (target === ctx.entity)
      for (const b of companyBlockKeys(k.key)) {
        const list = batchBlocks.get(b);
        // At most as many per block as the database probe reads (a common half holds thousands).
        if (!list) batchBlocks.set(b, [k.key]);
        else if (list.length < PER_BLOCK) list.push(k.key);
      }
  }
}

import { companyProbeKeys, companySimilarity, FUZZY_NAME_THRESHOLD } from '@tideline/engine';
import type { DedupeEntity, DuplicateMatch, DuplicateRule } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError, ValidationError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { fieldValue, keyOf, keysOf } from './dedupe-keys';
import { keyFieldsFor, ruleKeyField } from './dedupe.fields';
import type { KeyField } from './dedupe.fields';
import {
  findBlockHits,
  findKeyHits,
  keysOfRecords,
  liveIds,
  recordSummaries,
  insertKeys,
  replaceKeys,
} from './dedupe.repository';
import { loadRules } from './dedupe-rules';

interface Hit {
  entity: DedupeEntity;
  recordId: string;
  field: string;
  rule: DuplicateRule;
  similarity?: number;
}

const READ = { customer: 'customers:read', contact: 'contacts:read', lead: 'leads:read' } as const;
const NOUN = { customer: 'customer', contact: 'contact', lead: 'lead' } as const;

/** The records a rule's key collides with, in one target entity. */
async function hitsOf(
  trx: Executor,
  workspaceId: string,
  rule: DuplicateRule,
  f: KeyField,
  key: string,
  target: DedupeEntity,
  exceptId: string | null,
): Promise<Hit[]> {
  const exact = (await findKeyHits(trx, workspaceId, target, f.kind, [key], exceptId, 20)).map((h): Hit => ({
    entity: target,
    recordId: h.record_id,
    field: h.field,
    rule,
  }));
  if (rule.match !== 'fuzzy' || f.kind !== 'company') return exact;
  // Similar names: records stored under the block keys a name one typo (or a place) away would use.
  const threshold = rule.threshold ?? FUZZY_NAME_THRESHOLD;
  const known = new Set(exact.map((h) => h.recordId));
  const blocks = await findBlockHits(trx, workspaceId, target, 'company_block', companyProbeKeys(key), 100);
  const ids = [...new Set(blocks.map((b) => b.record_id))].filter((id) => !known.has(id) && id !== exceptId);
  const alike = (await keysOfRecords(trx, workspaceId, target, 'company', ids))
    .map((c) => ({ c, similarity: companySimilarity(key, c.key) }))
    .filter((x) => x.similarity >= threshold);
  const live = await liveIds(
    trx,
    workspaceId,
    target,
    alike.map((x) => x.c.record_id),
  );
  const similar = alike
    .filter((x) => live.has(x.c.record_id))
    .map((x): Hit => ({
      entity: target,
      recordId: x.c.record_id,
      field: x.c.field,
      rule,
      similarity: x.similarity,
    }));
  return [...exact.map((h) => ({ ...h, similarity: 1 })), ...similar];
}

/** One match per record: a blocking rule before a warning, then the closest name. */
function strongestPerRecord(hits: Hit[]): Hit[] {
  const rank = (h: Hit) => (h.rule.action === 'block' ? 2 : 0) + (h.similarity ?? 1);
  const best = new Map<string, Hit>();
  for (const h of hits) {
    const id = `${h.entity}:${h.recordId}`;
    const current = best.get(id);
    if (!current || rank(h) > rank(current)) best.set(id, h);
  }
  return [...best.values()].sort((a, b) => rank(b) - rank(a)).slice(0, 10);
}

/** What the caller may learn of each match: the owner always, the record only when they may open it. */
async function present(trx: Executor, actor: Actor, hits: Hit[]): Promise<DuplicateMatch[]> {
  const out: DuplicateMatch[] = [];
  for (const entity of ['customer', 'contact', 'lead'] as const) {
    const mine = hits.filter((h) => h.entity === entity);
    if (!mine.length) continue;
    const summaries = await recordSummaries(
      trx,
      actor.workspaceId,
      entity,
      mine.map((h) => h.recordId),
    );
    for (const h of mine) {
      const s = summaries.get(h.recordId);
      if (!s) continue;
      const visible = actor.permissions.has(READ[entity]) && canSeeOwner(actor, s.owner_id);
      out.push({
        entity,
        field: h.field,
        rule: { field: h.rule.field, match: h.rule.match, action: h.rule.action },
        visible,
        ...(visible ? { record_id: s.id, name: s.name } : {}),
        owner_name: s.owner_name,
        in_pool: s.pool_id !== null,
        ...(h.similarity !== undefined && h.similarity < 1
          ? { similarity: Math.round(h.similarity * 100) / 100 }
          : {}),
      });
    }
  }
  return out;
}

function describe(m: DuplicateMatch): string {
  const where = m.owner_name ? ` (owner: ${m.owner_name})` : m.in_pool ? ' (in a public pool)' : '';
  return `A ${NOUN[m.entity]} with this ${m.rule.field.replace(/^custom\./, '')} already exists${where}`;
}

function conflict(code: 'duplicate' | 'duplicate_warning', matches: DuplicateMatch[]): ConflictError {
  const paths = [...new Set(matches.map((m) => m.rule.field))];
  return new ConflictError(
    code,
    describe(matches[0]!),
    paths.map((path) => ({
      path,
      message: describe(matches.find((m) => m.rule.field === path)!),
      code: code === 'duplicate' ? 'duplicate' : 'duplicate_warning',
    })),
    { matches },
  );
}

/**
 * The one duplicate check every write path runs (create, update, API, lead conversion, automations —
 * they all go through the services), in the write's transaction:
 * - rules that block answer 409 `duplicate` with the matches the caller may see;
 * - rules that warn let the write through and their matches are returned — unless the actor asked
 *   first (`duplicates: 'ask'`), then they answer 409 `duplicate_warning`;
 * - then the record's keys are written, so the next check sees it.
 * `changed` (updates) limits the check to rules of the fields that changed: a record that was already
 * a duplicate can still be edited. A 统一社会信用代码 field that fails its check character is a 400.
 */
export async function checkDuplicates(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: DedupeEntity,
  values: { id: string } & Record<string, unknown>,
  opts: { exceptId?: string; changed?: readonly string[] } = {},
): Promise<DuplicateMatch[]> {
  const ws = actor.workspaceId;
  const rules = (await loadRules(trx, deps.database.dialect, ws))[entity];
  const changed = opts.changed ? new Set(opts.changed) : null;
  // A contact's name is keyed with its customer.
  const touches = (field: string) =>
    !changed ||
    changed.has(field) ||
    (entity === 'contact' && field === 'name' && changed.has('customer_id'));
  const exceptId = opts.exceptId ?? values.id;
  const hits: Hit[] = [];
  for (const rule of rules) {
    const f = ruleKeyField(entity, rule);
    if (!f || !touches(rule.field)) continue;
    const key = keyOf(entity, values, f);
    if (key === null) {
      const raw = fieldValue(values, rule.field);
      if (f.normalizer === 'uscc' && typeof raw === 'string' && raw.trim())
        throw ValidationError.field(
          rule.field,
          'not a valid 统一社会信用代码 (check character)',
          'invalid_uscc',
        );
      continue;
    }
    for (const target of rule.against ?? [entity])
      hits.push(...(await hitsOf(trx, ws, rule, f, key, target, target === entity ? exceptId : null)));
  }
  const matches = await present(trx, actor, strongestPerRecord(hits));
  const blocking = matches.filter((m) => m.rule.action === 'block');
  if (blocking.length) throw conflict('duplicate', blocking);
  if (matches.length && actor.duplicates === 'ask') throw conflict('duplicate_warning', matches);
  const fields = keyFieldsFor(entity, rules);
  const keys = [{ id: values.id, keys: keysOf(entity, values, fields) }];
  // A create (no `changed`, no `exceptId`) has no keys to replace yet.
  if (!changed && !opts.exceptId) await insertKeys(trx, deps.database.dialect, ws, entity, keys);
  else if (fields.some((f) => touches(f.field)))
    await replaceKeys(trx, deps.database.dialect, ws, entity, keys);
  return matches;
}

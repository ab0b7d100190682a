import type { DedupeEntity, DistributionEntity, DistributionMethod, FieldCatalog } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { BUILTIN_KEY_FIELDS } from '../dedupe/dedupe.fields';
import { fieldValue, keyOf } from '../dedupe/dedupe-keys';
import { findKeyHits, ownersOf } from '../dedupe/dedupe.repository';
import type { Availability } from './distribution-availability';
import { fieldLabel } from './distribution-fields';
import { departmentUserIds, openLoads, readCursor, writeCursor } from './distribution.repository';

/** A method's answer: the user chosen, or why nobody (in both languages). */
export type MethodResult =
  { userId: string; zh: string; en: string } | { userId: null; zh: string; en: string };

export interface MethodContext {
  trx: Executor;
  workspaceId: string;
  entity: DistributionEntity;
  ruleId: string;
  values: Record<string, unknown>;
  catalog: FieldCatalog;
  avail: Availability;
  /** Null for the tester: pointers are read without a lock and never moved. */
  lock: Dialect | null;
}

const nobody = (zh: string, en: string): MethodResult => ({ userId: null, zh, en });

/** The skipped candidates, joined for the reason: "张三：已停用；李四：休假至 2026-11-30". */
async function skippedText(ctx: MethodContext, skipped: { id: string; zh: string; en: string }[]) {
  const parts = await Promise.all(
    skipped.map(async (s) => ({ name: await ctx.avail.name(s.id), zh: s.zh, en: s.en })),
  );
  return {
    zh: parts.map((p) => `${p.name}：${p.zh}`).join('；'),
    en: parts.map((p) => `${p.name}: ${p.en}`).join('; '),
  };
}

/** Candidates in turn from the pointer; the pointer moves past whoever is chosen. */
async function roundRobin(ctx: MethodContext, ids: string[]): Promise<MethodResult> {
  if (ids.length === 0) return nobody('没有可轮询的成员', 'nobody to take turns');
  await ctx.avail.users(ids);
  const start = (await readCursor(ctx.trx, ctx.workspaceId, ctx.ruleId, ctx.lock)) % ids.length;
  const skipped: { id: string; zh: string; en: string }[] = [];
  for (let k = 0; k < ids.length; k++) {
    const idx = (start + k) % ids.length;
    const id = ids[idx]!;
    const why = await ctx.avail.check(id);
    if (why) {
      skipped.push({ id, ...why });
      continue;
    }
    if (ctx.lock) await writeCursor(ctx.trx, ctx.workspaceId, ctx.ruleId, idx + 1);
    const name = await ctx.avail.name(id);
    return { userId: id, zh: `轮询：第${idx + 1}位 ${name}`, en: `Round robin: #${idx + 1} ${name}` };
  }
  const text = await skippedText(ctx, skipped);
  return nobody(`轮询无人可用（${text.zh}）`, `Round robin: nobody available (${text.en})`);
}

/** The available user with the fewest open records under capacity; ties go round in turn. */
async function leastLoaded(ctx: MethodContext, ids: string[], capacity: number): Promise<MethodResult> {
  if (ids.length === 0) return nobody('没有成员', 'no members');
  await ctx.avail.users(ids);
  // The pointer is locked even though only ties read it: concurrent creates then count each other's.
  const start = (await readCursor(ctx.trx, ctx.workspaceId, ctx.ruleId, ctx.lock)) % ids.length;
  const loads = await openLoads(ctx.trx, ctx.workspaceId, ctx.entity, ids);
  const skipped: { id: string; zh: string; en: string }[] = [];
  let best: { idx: number; load: number } | null = null;
  for (let k = 0; k < ids.length; k++) {
    const idx = (start + k) % ids.length;
    const id = ids[idx]!;
    const load = loads.get(id) ?? 0;
    const why =
      (await ctx.avail.check(id)) ??
      (load >= capacity ? { zh: `已满 ${load}/${capacity}`, en: `full ${load}/${capacity}` } : null);
    if (why) skipped.push({ id, ...why });
    else if (!best || load < best.load) best = { idx, load };
  }
  if (!best) {
    const text = await skippedText(ctx, skipped);
    return nobody(`无人有余量（${text.zh}）`, `Nobody has room (${text.en})`);
  }
  if (ctx.lock) await writeCursor(ctx.trx, ctx.workspaceId, ctx.ruleId, best.idx + 1);
  const id = ids[best.idx]!;
  const name = await ctx.avail.name(id);
  return {
    userId: id,
    zh: `最少负载：${name}（${best.load}/${capacity}）`,
    en: `Least loaded: ${name} (${best.load}/${capacity})`,
  };
}

async function mapping(
  ctx: MethodContext,
  field: string,
  table: { value: string; user_id: string }[],
): Promise<MethodResult> {
  const label = fieldLabel(field, ctx.catalog);
  const raw = fieldValue(ctx.values, field);
  const value = raw === null || raw === undefined ? '' : String(raw).trim();
  if (!value) return nobody(`没有填写${label.zh}`, `no ${label.en} given`);
  const entry = table.find((e) => e.value === value);
  if (!entry) return nobody(`没有「${value}」的映射`, `no mapping for "${value}"`);
  const name = await ctx.avail.name(entry.user_id);
  const why = await ctx.avail.check(entry.user_id);
  if (why)
    return nobody(
      `按${label.zh}映射：${value} → ${name}，但${why.zh}`,
      `Mapped by ${label.en}: ${value} → ${name}, but ${why.en}`,
    );
  return {
    userId: entry.user_id,
    zh: `按${label.zh}映射：${value} → ${name}`,
    en: `Mapped by ${label.en}: ${value} → ${name}`,
  };
}

const STICKY_TARGETS: { entity: DedupeEntity; zh: string; en: string }[] = [
  { entity: 'contact', zh: '联系人', en: 'contact' },
  { entity: 'customer', zh: '客户', en: 'customer' },
  { entity: 'lead', zh: '线索', en: 'lead' },
];

/** The owner of an existing contact, customer or lead with the same phone, email or company name. */
async function sticky(ctx: MethodContext, match: readonly string[]): Promise<MethodResult> {
  const keys = new Map<string, string[]>();
  for (const f of BUILTIN_KEY_FIELDS[ctx.entity]) {
    if (!match.includes(f.kind)) continue;
    const key = keyOf(ctx.entity, ctx.values, f);
    if (key) keys.set(f.kind, [...(keys.get(f.kind) ?? []), key]);
  }
  if (keys.size === 0) return nobody('没有可比对的电话、邮箱或公司', 'no phone, email or company to match');
  const exceptId = typeof ctx.values.id === 'string' ? ctx.values.id : null;
  const skipped: { id: string; zh: string; en: string }[] = [];
  for (const target of STICKY_TARGETS) {
    const ids = new Set<string>();
    for (const [kind, list] of keys)
      for (const hit of await findKeyHits(ctx.trx, ctx.workspaceId, target.entity, kind, list, exceptId, 20))
        ids.add(hit.record_id);
    if (ids.size === 0) continue;
    const owners = await ownersOf(ctx.trx, ctx.workspaceId, target.entity, [...ids].sort());
    for (const owner of new Set(owners.values())) {
      if (!owner) continue;
      const why = await ctx.avail.check(owner);
      if (why) {
        skipped.push({ id: owner, ...why });
        continue;
      }
      const name = await ctx.avail.name(owner);
      return {
        userId: owner,
        zh: `已有${target.zh}负责人：${name}`,
        en: `Owner of the existing ${target.en}: ${name}`,
      };
    }
  }
  if (skipped.length === 0)
    return nobody('没有已有的联系人、客户或线索', 'no existing contact, customer or lead');
  const text = await skippedText(ctx, skipped);
  return nobody(`已有负责人不可用（${text.zh}）`, `existing owners unavailable (${text.en})`);
}

/** Run one rule's method. */
export async function runMethod(ctx: MethodContext, method: DistributionMethod): Promise<MethodResult> {
  switch (method.type) {
    case 'round_robin': {
      const ids = method.department_id
        ? ((await departmentUserIds(ctx.trx, ctx.workspaceId, method.department_id)) ?? [])
        : (method.user_ids ?? []);
      return roundRobin(ctx, ids);
    }
    case 'least_loaded':
      return leastLoaded(ctx, method.user_ids, method.capacity);
    case 'mapping':
      return mapping(ctx, method.field, method.table);
    case 'sticky':
      return sticky(ctx, method.match);
  }
}

import type { Random } from './random';
import { idAt } from './random';
import type { Company } from './zh-faker';
import type { SeedStage } from './demo-org';
import { DAY, HOUR, iso } from './seed-batch';
import type { RowBatch, SeedContext } from './seed-batch';
import type { ContactInsertRow, DealInsertRow } from './seed-tables';
import { TASK_TITLES } from './zh-data';

/** Done, overdue, due today and upcoming tasks of the owner. */
export function customerTasks(
  ctx: SeedContext,
  r: Random,
  n: number,
  batch: RowBatch,
  customerId: string,
  brand: string,
  openDeal: DealInsertRow | null,
  createdAt: number,
  ownerId: string,
) {
  const today = Math.floor((ctx.now + 8 * HOUR) / DAY) * DAY - 8 * HOUR; // 00:00 today in Shanghai
  for (let k = 0; k < n; k++) {
    const roll = r.next();
    const status = roll < 0.45 ? 'done' : roll < 0.48 ? 'cancelled' : 'open';
    let day: number; // days from today
    if (status !== 'open') day = -r.int(1, 120);
    else if (roll < 0.63)
      day = -r.int(1, 20); // overdue
    else if (roll < 0.75)
      day = 0; // due today
    else day = r.int(1, 30);
    const due = today + day * DAY + r.int(9, 18) * HOUR; // working hours, Shanghai time
    const created = Math.max(createdAt, Math.min(ctx.now - HOUR, due - r.int(1, 14) * DAY));
    const related =
      openDeal && r.chance(0.4) ? { type: 'deal', id: openDeal.id } : { type: 'customer', id: customerId };
    const completed =
      status === 'done' ? Math.min(ctx.now, Math.max(created, due - r.int(0, 2) * DAY)) : null;
    batch.tasks.push({
      workspace_id: ctx.workspaceId,
      id: idAt(created),
      title: `${r.pick(TASK_TITLES)}：${brand}`,
      description: null,
      assignee_id: ownerId,
      due_at: iso(due),
      start_at: null,
      status,
      completed_at: completed === null ? null : iso(completed),
      related_type: related.type,
      related_id: related.id,
      customer_id: customerId,
      created_by: ownerId,
      created_at: iso(created),
      updated_at: iso(completed ?? created),
      deleted_at: null,
      deleted_by: null,
    });
  }
}

/** Tags that follow from what happened to the customer, plus a few at random. */
export function customerTags(
  ctx: SeedContext,
  r: Random,
  batch: RowBatch,
  id: string,
  level: string,
  deals: { lastWonAt: number | null; keyAccount: boolean; competitor: boolean },
  dormant: boolean,
  createdAt: number,
  at: number,
) {
  const names: string[] = [];
  if (level === '高价值' && r.chance(0.6)) names.push('重点客户');
  if (deals.lastWonAt && createdAt < ctx.now - 365 * DAY) names.push('老客户');
  if ((dormant && r.chance(0.5)) || r.chance(0.08)) names.push('需回访');
  if (r.chance(0.06)) names.push('价格敏感');
  if (deals.keyAccount && r.chance(0.4)) names.push('决策链复杂');
  if (deals.competitor && r.chance(0.5)) names.push('竞品在用');
  if (level === '高价值' && r.chance(0.1)) names.push('战略合作');
  if (r.chance(0.03)) names.push('政府/国企');
  for (const name of names) {
    batch.recordTags.push({
      workspace_id: ctx.workspaceId,
      record_type: 'customer',
      record_id: id,
      tag_id: ctx.org.tagIds.get(name)!,
      created_at: iso(at),
    });
  }
}

/** The lead this customer was converted from, on the day it became a customer. */
export function convertedLead(
  ctx: SeedContext,
  r: Random,
  batch: RowBatch,
  customerId: string,
  company: Company,
  region: string,
  source: { name: string; channels: readonly string[] },
  contact: ContactInsertRow,
  createdAt: number,
  ownerId: string,
) {
  const leadCreated = createdAt - r.int(1, 30) * DAY;
  const id = idAt(leadCreated);
  const score = r.int(60, 100);
  batch.leads.push({
    workspace_id: ctx.workspaceId,
    id,
    name: contact.name,
    company_name: company.name,
    title: contact.title,
    mobile: contact.mobile,
    phone: null,
    email: contact.email,
    source: source.name,
    channel: r.pick(source.channels),
    region,
    industry: company.industry.name,
    status: 'converted',
    grade: score >= 80 ? 'A' : 'B',
    score,
    description: null,
    owner_id: ownerId,
    custom: ctx.dialect.writeJson({ intent: 'high' }),
    converted_customer_id: customerId,
    converted_contact_id: contact.id,
    converted_deal_id: null,
    converted_at: iso(createdAt),
    last_contact_at: iso(createdAt),
    created_by: ownerId,
    created_at: iso(leadCreated),
    updated_at: iso(createdAt),
    deleted_at: null,
    deleted_by: null,
  });
  batch.index('lead', id, [
    { kind: 'text', value: contact.name },
    { kind: 'text', value: company.name },
    { kind: 'phone', value: contact.mobile },
    { kind: 'email', value: contact.email },
  ]);
}

/** Most deals sit in early stages; pooled customers keep only lost deals. */
export function pickStage(r: Random, stages: SeedStage[], pooled: boolean): SeedStage {
  if (pooled) return stages.find((s) => s.kind === 'lost')!;
  const weights = stages.map((s, i) =>
    s.kind === 'won' ? 20 : s.kind === 'lost' ? 14 : Math.max(6, 30 - i * 5),
  );
  let x = r.next() * weights.reduce((a, b) => a + b, 0);
  for (const [i, w] of weights.entries()) if ((x -= w) < 0) return stages[i]!;
  return stages[0]!;
}

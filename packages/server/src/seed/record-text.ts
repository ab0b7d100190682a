import type { Random } from './random';
import { Weighted } from './random';
import { DOCUMENTS, REACTIONS, TOPICS } from './zh-data';

export type ActivityKind = 'call' | 'visit' | 'email' | 'message' | 'note';

export const ACTIVITY_KINDS = new Weighted<ActivityKind>([
  ['call', 40],
  ['message', 25],
  ['visit', 15],
  ['email', 12],
  ['note', 8],
]);

const NOTES = [
  '预算预计下季度释放',
  '与竞品同时比价',
  '合同需法务审核',
  '关键决策人是',
  '对接人即将离职，需尽快找到新联系人',
];

/** What a rep writes in a follow-up: short, concrete, the way it reads in a real CRM. */
export function activityContent(
  r: Random,
  kind: ActivityKind,
  contactName: string | null,
  title: string | null,
): string {
  const who = contactName ?? '客户';
  switch (kind) {
    case 'call':
      return `电话联系${who}，沟通${r.pick(TOPICS)}，${r.pick(REACTIONS)}。`;
    case 'visit':
      return `上门拜访${who}，现场讨论${r.pick(TOPICS)}，${r.pick(REACTIONS)}。`;
    case 'email':
      return `发送${r.pick(DOCUMENTS)}至${who}邮箱，${r.pick(REACTIONS)}。`;
    case 'message':
      return `微信沟通${r.pick(TOPICS)}，${r.pick(REACTIONS)}。`;
    case 'note': {
      const note = r.pick(NOTES);
      return note === '关键决策人是' ? `${note}${title ?? '总经理'}。` : `${note}。`;
    }
  }
}

export interface ItemSpec {
  sku: string;
  quantity: number;
}

const DISCOUNTS = new Weighted<number>([
  [0, 40],
  [5, 20],
  [10, 20],
  [15, 12],
  [20, 8],
]);

export const discount = (r: Random): number => DISCOUNTS.pick(r);

/** Seats scale with company size; key accounts buy the enterprise edition and services. */
export function dealItemSpecs(r: Random, size: string, keyAccount: boolean): ItemSpec[] {
  if (keyAccount) {
    const items: ItemSpec[] = [{ sku: 'TL-ENT-Y', quantity: r.int(10, 150) * 10 }];
    if (r.chance(0.5)) items.push({ sku: 'LIC-ONPREM', quantity: 1 });
    items.push({ sku: 'SV-IMPL', quantity: r.int(20, 100) });
    if (r.chance(0.6)) items.push({ sku: 'SV-PREM', quantity: 1 });
    return items;
  }
  const seats: Record<string, [number, number]> = {
    '1-9': [3, 9],
    '10-49': [10, 40],
    '50-99': [20, 80],
    '100-499': [50, 300],
    '500-999': [100, 600],
    '1000+': [200, 800],
  };
  const [lo, hi] = seats[size] ?? [5, 30];
  const items: ItemSpec[] = [
    { sku: r.pick(['TL-STD-Y', 'TL-PRO-Y', 'TL-PRO-Y', 'TL-ENT-Y']), quantity: r.int(lo, hi) },
  ];
  if (r.chance(0.5)) items.push({ sku: 'SV-IMPL', quantity: r.int(2, 20) });
  if (r.chance(0.2)) items.push({ sku: 'SV-TRAIN', quantity: r.int(1, 3) });
  if (r.chance(0.1)) items.push({ sku: 'AD-SMS', quantity: r.int(1, 10) });
  return items;
}

/** A yearly budget in fen that fits the company's size. */
export function annualBudget(r: Random, size: string): number {
  const yuan: Record<string, [number, number]> = {
    '1-9': [1, 10],
    '10-49': [5, 50],
    '50-99': [20, 200],
    '100-499': [50, 800],
    '500-999': [200, 3000],
    '1000+': [500, 10000],
  };
  const [lo, hi] = yuan[size] ?? [5, 50];
  return r.int(lo, hi) * 10_000 * 100;
}

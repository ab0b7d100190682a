import type { HandoverPreview } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { emptyCounts, initialState, pickTarget, sumCounts } from './handover-plan';
import type { HandoverSetup } from './handover-batch';
import { countOpenByCustomer, countOpenLeads, ownedCustomerIds } from './ownership.repository';

/**
 * What a hand-over would move where, counted with the job's own rotation (customers in id order, their
 * open deals and tasks with them, then the remaining deals, tasks and leads). Reads only.
 */
export async function countHandover(trx: Executor, setup: HandoverSetup): Promise<HandoverPreview> {
  const ws = setup.workspaceId;
  const from = setup.fromUserId;
  const customers = await ownedCustomerIds(trx, ws, from);
  const deals = await countOpenByCustomer(trx, ws, 'deal', from);
  const tasks = await countOpenByCustomer(trx, ws, 'task', from);
  const leads = await countOpenLeads(trx, ws, from);
  const state = initialState(setup.targets.length);
  const shares = setup.targets.map((t) => t.share);
  const targets = setup.targets.map((t) => ({ ...t, counts: emptyCounts() }));
  const mine = new Set(customers);
  for (const id of customers) {
    const i = setup.poolId ? 0 : pickTarget(shares, state.given.customer);
    const c = targets[i]!.counts;
    if (!setup.poolId) c.customer += 1;
    c.deal += deals.get(id) ?? 0;
    c.task += tasks.get(id) ?? 0;
  }
  // Deals and tasks on customers the leaving user does not own (or on none) take turns on their own.
  for (const [kind, byCustomer] of [
    ['deal', deals],
    ['task', tasks],
  ] as const) {
    for (const [customerId, n] of byCustomer) {
      if (customerId !== null && mine.has(customerId)) continue;
      for (let k = 0; k < n; k++) targets[pickTarget(shares, state.given[kind])]!.counts[kind] += 1;
    }
  }
  if (setup.leads === 'targets')
    for (let k = 0; k < leads; k++) targets[pickTarget(shares, state.given.lead)]!.counts.lead += 1;
  const counts = emptyCounts();
  for (const t of targets)
    for (const k of ['customer', 'deal', 'task', 'lead'] as const) counts[k] += t.counts[k];
  if (setup.poolId) counts.customer += customers.length;
  const unassigned = setup.leads === 'unassigned' ? leads : 0;
  counts.lead += unassigned;
  return {
    from_user_id: from,
    total: sumCounts(counts),
    counts,
    targets,
    pool: setup.poolId ? { pool_id: setup.poolId, customers: customers.length } : null,
    unassigned_leads: unassigned,
  };
}

import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import { ForbiddenError, UnexpectedError, ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { notifyUsers } from '../notifications/notification.service';
import type { NotifyInput } from '../notifications/notification.service';
import { assertAssignableOwner } from '../users/owner-check';
import { noteTransfers } from '../pools/pool-moves';
import { runHandover } from './handover-job';
import { countHandover } from './handover-preview';
import { getHandover, startHandover } from './handover-run.service';
import { writeOwners } from './owner-change';
import { lockOwnedRows, selectOwned, userNames } from './ownership.repository';
import type { OwnedRow, OwnedType } from './ownership.repository';

const LABEL: Record<OwnedType, string> = { lead: '线索', customer: '客户', deal: '商机', task: '任务' };

export interface TransferInput {
  record_type: 'lead' | 'customer' | 'deal';
  ids: string[];
  owner_id: string;
  /** With customers: also move their open deals and open tasks held by the previous owner. */
  include_related: boolean;
}

export type MoveSummary = Record<OwnedType, number>;

interface Move {
  type: OwnedType;
  rows: OwnedRow[];
}

/** Write the moves: owners, audit, owner_changed events; returns what to tell whom. */
async function applyMoves(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  moves: Move[],
  to: string,
): Promise<{ summary: MoveSummary; notices: NotifyInput[] }> {
  const summary: MoveSummary = { lead: 0, customer: 0, deal: 0, task: 0 };
  const byPrevious = new Map<string, MoveSummary>();
  const customers: { customerId: string; fromOwner: string | null; toOwner: string }[] = [];
  for (const { type, rows } of moves) {
    const moving = await writeOwners(trx, deps, actor, type, rows, to);
    for (const r of moving) {
      if (type === 'customer') customers.push({ customerId: r.id, fromOwner: r.owner, toOwner: to });
      if (r.owner) {
        const s = byPrevious.get(r.owner) ?? { lead: 0, customer: 0, deal: 0, task: 0 };
        s[type] += 1;
        byPrevious.set(r.owner, s);
      }
    }
    summary[type] += moving.length;
  }
  // The new owner gets every recycling rule's full period, and the pool history shows the transfer.
  await noteTransfers(trx, deps, actor, customers);
  const names = await userNames(trx, actor.workspaceId, [to, ...byPrevious.keys()]);
  const describe = (s: MoveSummary) =>
    (Object.keys(s) as OwnedType[])
      .filter((k) => s[k] > 0)
      .map((k) => `${s[k]} 个${LABEL[k]}`)
      .join('、');
  const notices: NotifyInput[] = [];
  const single =
    moves.flatMap((m) => m.rows.map((r) => ({ type: m.type, id: r.id }))).length === 1
      ? moves.find((m) => m.rows.length)!
      : null;
  if (describe(summary)) {
    const fromNames = [...byPrevious.keys()]
      .map((id) => names.get(id) ?? '')
      .filter(Boolean)
      .join('、');
    notices.push({
      userId: to,
      kind: 'ownership_received',
      title: `你收到了 ${describe(summary)}${fromNames ? `（来自 ${fromNames}）` : ''}`,
      entity: single?.type ?? null,
      recordId: single?.rows[0]?.id ?? null,
    });
  }
  for (const [previous, s] of byPrevious) {
    notices.push({
      userId: previous,
      kind: 'ownership_removed',
      title: `${describe(s)}已转给 ${names.get(to) ?? ''}`,
      entity: single?.type ?? null,
      recordId: single?.rows[0]?.id ?? null,
    });
  }
  return { summary, notices };
}

/** Give a selection of leads, customers or deals to another user, in one transaction. */
export async function transferRecords(
  deps: AppDeps,
  actor: Actor,
  input: TransferInput,
): Promise<{ moved: MoveSummary }> {
  requirePermission(actor, 'records:transfer');
  let publish: () => void = () => undefined;
  const result = await inTransaction(deps, async (trx) => {
    await assertAssignableOwner(trx, actor, input.owner_id, 'owner_id');
    const ids = [...new Set(input.ids)];
    const rows = await lockOwnedRows(trx, deps.database.dialect, actor.workspaceId, input.record_type, ids);
    const found = new Map(rows.map((r) => [r.id, r]));
    input.ids.forEach((id, i) => {
      const r = found.get(id);
      if (!r || !canSeeOwner(actor, r.owner)) {
        throw new ValidationError([
          { path: `ids[${i}]`, message: `no ${input.record_type} with id ${id}`, code: 'not_found' },
        ]);
      }
    });
    const moves: Move[] = [{ type: input.record_type, rows }];
    if (input.record_type === 'customer' && input.include_related) {
      // Only what the previous owner held moves along; a colleague's deal on the same customer stays.
      for (const [owner, group] of groupByOwner(rows)) {
        const customerIds = group.map((r) => r.id);
        moves.push({
          type: 'deal',
          rows: await selectOwned(trx, deps.database.dialect, actor.workspaceId, 'deal', {
            owner,
            customerIds,
            openOnly: true,
          }),
        });
        moves.push({
          type: 'task',
          rows: await selectOwned(trx, deps.database.dialect, actor.workspaceId, 'task', {
            owner,
            customerIds,
            openOnly: true,
          }),
        });
      }
    }
    const { summary, notices } = await applyMoves(trx, deps, actor, moves, input.owner_id);
    publish = await notifyUsers(trx, deps, actor, notices);
    return { moved: summary };
  });
  publish();
  return result;
}

function groupByOwner(rows: OwnedRow[]): Map<string, OwnedRow[]> {
  const out = new Map<string, OwnedRow[]>();
  for (const r of rows) {
    if (!r.owner) continue;
    out.set(r.owner, [...(out.get(r.owner) ?? []), r]);
  }
  return out;
}

export interface HandoverInput {
  from_user_id: string;
  to_user_id?: string | undefined;
  preview: boolean;
}

/**
 * `POST /ownership/handover`: everything a (leaving) user is responsible for — open leads, customers,
 * their open deals and open tasks — goes to one user, and the answer waits until it has moved. With
 * `preview`, only the counts come back. The same hand-over as `POST /handovers` with one target, run
 * at once instead of in the background.
 */
export async function handover(
  deps: AppDeps,
  actor: Actor,
  input: HandoverInput,
): Promise<{ preview: boolean; moved: MoveSummary }> {
  if (!actor.permissions.has('users:manage')) requirePermission(actor, 'records:transfer');
  if (input.from_user_id === input.to_user_id)
    throw ValidationError.field('to_user_id', 'must differ from from_user_id', 'same_user');
  if (!canSeeOwner(actor, input.from_user_id))
    throw new ForbiddenError('This user is outside your department', 'user_out_of_scope');
  const to = input.to_user_id;
  if (input.preview) {
    const plan = await inTransaction(deps, async (trx) => {
      await assertUserExists(trx, actor, input.from_user_id);
      // The totals do not depend on who receives them.
      return countHandover(trx, {
        workspaceId: actor.workspaceId,
        fromUserId: input.from_user_id,
        targets: [{ user_id: to ?? input.from_user_id, share: 1 }],
        poolId: null,
        leads: 'targets',
      });
    });
    return { preview: true, moved: plan.counts };
  }
  if (!to) throw ValidationError.field('to_user_id', 'who receives the records', 'required');
  await inTransaction(deps, async (trx) => {
    await assertUserExists(trx, actor, input.from_user_id);
    await assertAssignableOwner(
      trx,
      { ...actor, permissions: new Set([...actor.permissions, 'records:transfer']) },
      to,
      'to_user_id',
    );
  });
  const started = await startHandover(deps, actor, {
    from_user_id: input.from_user_id,
    to: [{ user_id: to, share: 1 }],
    deactivate: false,
  });
  await runHandover(deps, actor.workspaceId, started.id);
  const done = await getHandover(deps, actor, started.id);
  if (done.status !== 'completed')
    throw new UnexpectedError('handover_failed', done.error ?? 'the hand-over did not finish');
  return { preview: false, moved: done.moved };
}

async function assertUserExists(trx: Executor, actor: Actor, id: string) {
  const from = await trx
    .selectFrom('users')
    .select('id')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!from) throw ValidationError.field('from_user_id', 'no such user in this workspace', 'not_found');
}

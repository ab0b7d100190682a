import type { HandoverCounts, HandoverKind, HandoverTargetCounts } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import type { NotifyInput } from '../notifications/notification.service';
import { findPool } from '../pools/pool.repository';
import type { HandoverRow } from './handover-run.repository';
import { userNames } from './ownership.repository';

const LABEL: Record<HandoverKind, string> = { customer: '客户', deal: '商机', task: '任务', lead: '线索' };

/** "3 个客户、2 个商机": only the kinds that moved. */
export function describeCounts(c: HandoverCounts): string {
  return (['customer', 'deal', 'task', 'lead'] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k]} 个${LABEL[k]}`)
    .join('、');
}

/** One summary notice per receiving user, and one for whoever started the hand-over. */
export async function handoverNotices(
  trx: Executor,
  deps: AppDeps,
  row: HandoverRow,
  deactivated: boolean,
): Promise<{ receivers: NotifyInput[]; admin: NotifyInput | null }> {
  const targets = deps.database.dialect.readJson<HandoverTargetCounts[]>(row.targets);
  const names = await userNames(trx, row.workspace_id, [row.from_user_id]);
  const from = names.get(row.from_user_id) ?? '';
  const receivers = targets
    .filter((t) => describeCounts(t.counts))
    .map((t) => ({
      userId: t.user_id,
      kind: 'handover_received',
      title: `你接手了 ${from} 的 ${describeCounts(t.counts)}`,
    }));
  if (!row.actor_id) return { receivers, admin: null };
  const moved = deps.database.dialect.readJson<HandoverCounts>(row.moved);
  const parts = [describeCounts(moved) || '没有需要转移的记录'];
  if (row.to_pool && row.pooled > 0) {
    const pool = await findPool(trx, row.workspace_id, row.to_pool);
    parts.push(`其中 ${row.pooled} 个客户退回公海「${pool?.name ?? ''}」`);
  }
  if (row.unassigned_leads > 0) parts.push(`${row.unassigned_leads} 个线索改为未分配`);
  if (deactivated) parts.push(`已停用 ${from} 的账号`);
  return {
    receivers,
    admin: {
      userId: row.actor_id,
      kind: 'handover_completed',
      title: `${from} 的交接已完成`,
      body: parts.join('；'),
    },
  };
}

import type { HandoverCounts, HandoverStatus, HandoverTargetCounts, HandoverView } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { HandoverState } from './handover-plan';
import type { HandoverRow } from './handover-run.repository';

/** The row as the API shows it. */
export function toHandoverView(deps: AppDeps, row: HandoverRow): HandoverView {
  const { dialect } = deps.database;
  return {
    id: row.id,
    status: row.status as HandoverStatus,
    from_user_id: row.from_user_id,
    actor_id: row.actor_id,
    to_pool: row.to_pool,
    deals_to: row.deals_to,
    leads: row.leads as HandoverView['leads'],
    deactivate: row.deactivate === 1,
    deactivated: row.deactivated === 1,
    total: row.total,
    done: row.done,
    planned: dialect.readJson<HandoverCounts>(row.planned),
    moved: dialect.readJson<HandoverCounts>(row.moved),
    targets: dialect.readJson<HandoverTargetCounts[]>(row.targets),
    pooled: row.pooled,
    unassigned_leads: row.unassigned_leads,
    error: row.error,
    created_at: row.created_at,
    started_at: row.started_at,
    finished_at: row.finished_at,
  };
}

export function stateOf(deps: AppDeps, row: HandoverRow): HandoverState {
  return deps.database.dialect.readJson<HandoverState>(row.state);
}

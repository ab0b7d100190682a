import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { parseFilterParam } from '../../core/list-request';
import { buildFilterPredicate } from '../../db/list-query';
import { notDeleted, ownerScope } from '../../db/scope';
import { loadPipelineView } from '../pipelines/pipeline.service';
import type { StageView } from '../pipelines/pipeline.service';
import { boardDeals, boardTotals } from './deal.repository';
import { dealListContext, withNames } from './deal.service';
import type { DealView } from './deal.service';

export interface BoardColumn extends StageView {
  count: number;
  amount: number;
  /** amount × probability / 100, rounded to a minor unit. */
  weighted_amount: number;
  deals: DealView[];
}

export interface Board {
  pipeline: { id: string; name: string; is_default: boolean };
  stages: BoardColumn[];
  /** Sums over the open stages: the value still in play. */
  open: { count: number; amount: number; weighted_amount: number };
}

/**
 * The pipeline board: for every stage, the count and value of the deals the actor may see (optionally
 * narrowed by the same filter as the deal list) and its first cards, most recently entered first.
 */
export async function pipelineBoard(
  deps: AppDeps,
  actor: Actor,
  pipelineId: string,
  query: { filter?: string | undefined; per_stage: number },
): Promise<Board> {
  requirePermission(actor, 'deals:read');
  const db = deps.database.db;
  const pipeline = await loadPipelineView(db, deps, actor, pipelineId);
  const where = [notDeleted(), ownerScope(actor)];
  const filter = buildFilterPredicate(await dealListContext(deps, actor), parseFilterParam(query.filter));
  if (filter) where.push(filter);
  const [totals, rows] = await Promise.all([
    boardTotals(db, actor.workspaceId, pipelineId, where),
    boardDeals(db, actor.workspaceId, pipelineId, where, query.per_stage),
  ]);
  const cards = await withNames(db, deps, actor, rows);
  const stages = pipeline.stages.map((s): BoardColumn => {
    const t = totals.find((x) => x.stage_id === s.id);
    const amount = t?.total ?? 0;
    return {
      ...s,
      count: t?.n ?? 0,
      amount,
      weighted_amount: Math.round((amount * s.probability) / 100),
      deals: cards.filter((d) => d.stage_id === s.id),
    };
  });
  const open = stages.filter((s) => s.kind === 'open');
  return {
    pipeline: { id: pipeline.id, name: pipeline.name, is_default: pipeline.is_default },
    stages,
    open: {
      count: open.reduce((n, s) => n + s.count, 0),
      amount: open.reduce((n, s) => n + s.amount, 0),
      weighted_amount: open.reduce((n, s) => n + s.weighted_amount, 0),
    },
  };
}

import type { Board, BoardColumn, DealCard } from './dealTypes';

/**
 * The board's pure parts: where a deal is, and the board after a move (cards and the totals each
 * column shows), so a drag can show at once and be undone exactly when the server refuses it.
 */

export interface DealPlace {
  deal: DealCard;
  stage: BoardColumn;
  index: number;
}

export function findDeal(board: Board, dealId: string): DealPlace | null {
  for (const stage of board.stages) {
    const index = stage.deals.findIndex((d) => d.id === dealId);
    if (index >= 0) return { deal: stage.deals[index]!, stage, index };
  }
  return null;
}

/** Stage value × probability, rounded to a minor unit, as the server computes it. */
export const weighted = (amount: number, probability: number) => Math.round((amount * probability) / 100);

function withTotals(stage: BoardColumn, deals: DealCard[], count: number, amount: number): BoardColumn {
  return { ...stage, deals, count, amount, weighted_amount: weighted(amount, stage.probability) };
}

/** Sums over the open stages: the value still in play. */
function openTotals(stages: BoardColumn[]): Board['open'] {
  const open = stages.filter((s) => s.kind === 'open');
  return {
    count: open.reduce((n, s) => n + s.count, 0),
    amount: open.reduce((n, s) => n + s.amount, 0),
    weighted_amount: open.reduce((n, s) => n + s.weighted_amount, 0),
  };
}

/**
 * The board with the deal in `toStageId`: out of its column, into the target (at `index`, else on
 * top) as `card` when given (e.g. with the amount confirmed on winning; `exact`: exactly that card),
 * totals moved along with it.
 * Returns the board unchanged when the deal or the stage is not on it.
 */
export function moveDeal(
  board: Board,
  dealId: string,
  toStageId: string,
  opts: { card?: DealCard; index?: number; exact?: boolean } = {},
): Board {
  const from = findDeal(board, dealId);
  const target = board.stages.find((s) => s.id === toStageId);
  if (!from || !target) return board;
  const base = opts.card ?? from.deal;
  const moved: DealCard = opts.exact
    ? base
    : {
        ...base,
        stage_id: target.id,
        stage_name: target.name,
        stage_kind: target.kind,
        stage_probability: target.probability,
        status: target.kind,
      };
  const stages = board.stages.map((s) => {
    let { deals, count, amount } = s;
    if (s.id === from.stage.id) {
      deals = deals.filter((d) => d.id !== dealId);
      count -= 1;
      amount -= from.deal.amount;
    }
    if (s.id === target.id) {
      const at = Math.min(Math.max(opts.index ?? 0, 0), deals.length);
      deals = [...deals.slice(0, at), moved, ...deals.slice(at)];
      count += 1;
      amount += moved.amount;
    }
    return s.id === from.stage.id || s.id === target.id ? withTotals(s, deals, count, amount) : s;
  });
  return { ...board, stages, open: openTotals(stages) };
}

/** Put the card as it was, where it was: the undo of a refused move. */
export function restoreDeal(board: Board, place: DealPlace): Board {
  return moveDeal(board, place.deal.id, place.stage.id, {
    card: place.deal,
    index: place.index,
    exact: true,
  });
}

/** Swap in the server's copy of a card (names and amounts as stored), keeping its place. */
export function replaceCard(board: Board, card: DealCard): Board {
  const at = findDeal(board, card.id);
  if (!at) return board;
  return at.deal.amount === card.amount && at.stage.id === card.stage_id
    ? {
        ...board,
        stages: board.stages.map((s) =>
          s.id === at.stage.id
            ? { ...s, deals: s.deals.map((d) => (d.id === card.id ? { ...d, ...card } : d)) }
            : s,
        ),
      }
    : moveDeal(board, card.id, card.stage_id, { card, index: at.index });
}

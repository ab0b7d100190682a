import { describe, expect, it } from 'vitest';
import { findDeal, moveDeal, replaceCard, restoreDeal } from './boardMoves';
import type { Board, BoardColumn, DealCard } from './dealTypes';

const deal = (id: string, stage: string, amount: number): DealCard => ({
  id,
  name: `Deal ${id}`,
  customer_id: 'c1',
  customer_name: '客户',
  contact_id: null,
  pipeline_id: 'p1',
  stage_id: stage,
  stage_name: stage,
  stage_kind: 'open',
  status: 'open',
  amount,
  currency: 'CNY',
  expected_close_date: null,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
});

const column = (id: string, kind: string, probability: number, deals: DealCard[], extra = 0): BoardColumn => {
  const amount = deals.reduce((n, d) => n + d.amount, 0) + extra;
  return {
    id,
    name: id,
    kind,
    probability,
    position: 0,
    deals,
    count: deals.length + (extra ? 1 : 0),
    amount,
    weighted_amount: Math.round((amount * probability) / 100),
  };
};

function board(): Board {
  // "qualify" holds one more deal than it shows (only the first cards come with the board).
  const stages = [
    column('qualify', 'open', 30, [deal('a', 'qualify', 100_00), deal('b', 'qualify', 50_00)], 20_00),
    column('propose', 'open', 60, [deal('c', 'propose', 300_00)]),
    column('won', 'won', 100, []),
    column('lost', 'lost', 0, []),
  ];
  return {
    pipeline: { id: 'p1', name: 'P', is_default: true },
    stages,
    open: { count: 4, amount: 470_00, weighted_amount: 231_00 },
  };
}

const stage = (b: Board, id: string) => b.stages.find((s) => s.id === id)!;

describe('moveDeal', () => {
  it('moves the card and its value between columns and recomputes the weighted amounts', () => {
    const next = moveDeal(board(), 'a', 'propose');
    expect(stage(next, 'qualify').deals.map((d) => d.id)).toEqual(['b']);
    expect(stage(next, 'qualify')).toMatchObject({ count: 2, amount: 70_00, weighted_amount: 21_00 });
    expect(stage(next, 'propose').deals.map((d) => d.id)).toEqual(['a', 'c']);
    expect(stage(next, 'propose')).toMatchObject({ count: 2, amount: 400_00, weighted_amount: 240_00 });
    expect(stage(next, 'propose').deals[0]).toMatchObject({ stage_id: 'propose', status: 'open' });
    expect(next.open).toEqual({ count: 4, amount: 470_00, weighted_amount: 261_00 });
  });

  it('takes a won deal out of the open totals, with the amount confirmed on winning', () => {
    const won = { ...findDeal(board(), 'c')!.deal, amount: 280_00 };
    const next = moveDeal(board(), 'c', 'won', { card: won });
    expect(stage(next, 'won')).toMatchObject({ count: 1, amount: 280_00, weighted_amount: 280_00 });
    expect(stage(next, 'won').deals[0]).toMatchObject({ status: 'won', stage_kind: 'won', amount: 280_00 });
    expect(stage(next, 'propose')).toMatchObject({ count: 0, amount: 0, weighted_amount: 0 });
    expect(next.open).toEqual({ count: 3, amount: 170_00, weighted_amount: 51_00 });
  });

  it('leaves the board as it is for an unknown deal or stage', () => {
    const b = board();
    expect(moveDeal(b, 'nope', 'won')).toBe(b);
    expect(moveDeal(b, 'a', 'nope')).toBe(b);
  });
});

describe('restoreDeal (rollback of a refused move)', () => {
  it('puts the card back where it was, as it was, and the totals with it', () => {
    const before = board();
    const place = findDeal(before, 'b')!;
    const moved = moveDeal(before, 'b', 'lost', { card: { ...place.deal, lost_reason: 'x' } });
    expect(stage(moved, 'lost').count).toBe(1);
    const undone = restoreDeal(moved, place);
    expect(undone.stages).toEqual(before.stages);
    expect(undone.open).toEqual({ count: 4, amount: 470_00, weighted_amount: 231_00 });
  });

  it('keeps moves of other deals made in the meantime', () => {
    const before = board();
    const place = findDeal(before, 'a')!;
    const both = moveDeal(moveDeal(before, 'a', 'won'), 'c', 'qualify');
    const undone = restoreDeal(both, place);
    expect(stage(undone, 'qualify').deals.map((d) => d.id)).toEqual(['a', 'c', 'b']);
    expect(stage(undone, 'won').count).toBe(0);
  });
});

describe('replaceCard', () => {
  it("takes the server's amount and totals follow", () => {
    const b = moveDeal(board(), 'c', 'won');
    const saved = { ...findDeal(b, 'c')!.deal, amount: 310_00, name: 'Renamed' };
    const next = replaceCard(b, saved);
    expect(stage(next, 'won')).toMatchObject({ amount: 310_00, count: 1 });
    expect(findDeal(next, 'c')!.deal.name).toBe('Renamed');
  });
});

import type { HandoverCounts, HandoverKind } from '@tideline/shared';

/**
 * The pure part of a hand-over: who gets the next record, and the counts a plan adds up to. The job
 * and the preview use the same functions, so the preview's numbers are the ones the job produces.
 */

export const PHASES = ['customers', 'deals', 'tasks', 'leads', 'finish'] as const;
export type HandoverPhase = (typeof PHASES)[number];

/** Where a running hand-over is; saved after every batch so another worker can resume it. */
export interface HandoverState {
  phase: HandoverPhase;
  /** The last id handled in this phase (records are taken in id order). */
  cursor: string | null;
  /** Records given out by rotation so far, per kind and target (same order as `targets`). */
  given: Record<HandoverKind, number[]>;
}

export function emptyCounts(): HandoverCounts {
  return { customer: 0, deal: 0, task: 0, lead: 0 };
}

export function initialState(targets: number): HandoverState {
  const zeros = () => Array.from({ length: targets }, () => 0);
  return {
    phase: 'customers',
    cursor: null,
    given: { customer: zeros(), deal: zeros(), task: zeros(), lead: zeros() },
  };
}

/**
 * Weighted round-robin: the target that stays furthest below its share after taking one more, ties to
 * the earlier target. Equal shares give 0, 1, 2, 0, 1, 2 …; shares [2, 1] give 0, 0, 1, 0, 0, 1 ….
 * `given` is updated in place.
 */
export function pickTarget(shares: readonly number[], given: number[]): number {
  let best = 0;
  let bestLoad = Infinity;
  shares.forEach((share, i) => {
    const load = ((given[i] ?? 0) + 1) / share;
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  });
  given[best] = (given[best] ?? 0) + 1;
  return best;
}

export function nextPhase(phase: HandoverPhase): HandoverPhase {
  return PHASES[Math.min(PHASES.indexOf(phase) + 1, PHASES.length - 1)]!;
}

export function sumCounts(c: HandoverCounts): number {
  return c.customer + c.deal + c.task + c.lead;
}

export function addCounts(into: HandoverCounts, add: Partial<HandoverCounts>): HandoverCounts {
  for (const k of Object.keys(add) as HandoverKind[]) into[k] += add[k] ?? 0;
  return into;
}

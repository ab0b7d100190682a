import type { StageKind } from '@tideline/shared';
import { ValidationError } from '../../core/errors';

/** The fields of a deal that follow the kind of the stage it sits in. */
export interface DealOutcome {
  status: StageKind;
  won_at: string | null;
  lost_at: string | null;
  lost_reason: string | null;
}

/**
 * The outcome of a deal entering (or staying in) a stage of `kind`: a won stage stamps won_at, a lost
 * stage needs a reason and stamps lost_at, an open stage clears all three. A deal moving between two
 * won (or two lost) stages keeps its original date. `lostReason` undefined means "not given".
 */
export function outcomeFor(
  kind: StageKind,
  now: string,
  prev: DealOutcome | null,
  lostReason: string | null | undefined,
): DealOutcome {
  if (kind === 'lost') {
    const reason =
      lostReason === undefined ? (prev?.status === 'lost' ? prev.lost_reason : null) : lostReason;
    if (!reason || !reason.trim())
      throw ValidationError.field('lost_reason', 'say why the deal was lost', 'required');
    return {
      status: 'lost',
      won_at: null,
      lost_at: prev?.status === 'lost' ? prev.lost_at : now,
      lost_reason: reason.trim(),
    };
  }
  if (lostReason)
    throw ValidationError.field(
      'lost_reason',
      'only a deal in a lost stage carries a lost reason',
      'not_lost',
    );
  if (kind === 'won')
    return {
      status: 'won',
      won_at: prev?.status === 'won' ? prev.won_at : now,
      lost_at: null,
      lost_reason: null,
    };
  return { status: 'open', won_at: null, lost_at: null, lost_reason: null };
}

/** Line amount in minor units: quantity × unit price less the discount, rounded to the nearest unit. */
export function lineAmount(quantity: number, unitPrice: number, discountPercent: number): number {
  // Multiplying by (100 − d) before dividing keeps whole-number discounts exact.
  return Math.round((quantity * unitPrice * (100 - discountPercent)) / 100);
}

import type { DedupeEntity } from '@tideline/shared';
import type { FieldError } from '../api/client';

/** Where a 400 points inside the rules: the entity, the rule's index and the part (field, threshold …). */
export interface RuleErrorAt {
  entity: DedupeEntity;
  index: number;
  part: string;
  message: string;
}

/**
 * The service answers `customer[1].field`; the body's schema check answers `body.customer.1.threshold`.
 * Both land on the same row.
 */
export function ruleErrors(errors: FieldError[]): RuleErrorAt[] {
  return errors.flatMap((e) => {
    const m = /^(?:body\.)?(customer|contact|lead)(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?/.exec(e.path);
    if (!m) return [];
    return [
      {
        entity: m[1] as DedupeEntity,
        index: Number(m[2] ?? m[3]),
        part: m[4] ?? 'field',
        message: e.message,
      },
    ];
  });
}

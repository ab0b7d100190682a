import type { DuplicateMatch } from '@tideline/shared';
import type { Actor } from '../../core/actor';

/** The actor of a request that said `?allow_duplicate=`: false asks before warned writes, true confirms. */
export function withDuplicateMode(
  actor: Actor,
  query: { allow_duplicate?: 'true' | 'false' | undefined },
): Actor {
  if (query.allow_duplicate === undefined) return actor;
  return { ...actor, duplicates: query.allow_duplicate === 'true' ? 'allow' : 'ask' };
}

/** A written record with the duplicates its rules warned of (the member is left out when there are none). */
export function withDuplicateWarnings<T extends object>(
  record: T,
  warnings: readonly DuplicateMatch[],
): T & { duplicate_warnings?: DuplicateMatch[] } {
  return warnings.length ? { ...record, duplicate_warnings: [...warnings] } : record;
}

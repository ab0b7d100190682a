import type { DedupeEntity } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';

/** Something another module keeps per record that a merge must fold into the survivor. */
export interface MergeHook {
  name: string;
  merge(
    trx: Executor,
    deps: AppDeps,
    actor: Actor,
    m: { entity: DedupeEntity; survivorId: string; mergedIds: readonly string[] },
  ): Promise<void>;
}

const hooks: MergeHook[] = [];

/**
 * Modules that keep data per customer, contact or lead register here, and every merge runs their hook
 * in its transaction. Consent (退订 / 同意, PIPL) is the first that must: there is no consent store yet
 * (marketing comes later), so its rule is written down here for that module to implement — merge
 * conservatively: per channel and purpose, a withdrawal or unsubscribe on any merged record survives on
 * the survivor (the most restrictive state wins, with its origin and time); a consent given on one
 * record never overrides an unsubscribe on another.
 */
export function registerMergeHook(hook: MergeHook): void {
  if (!hooks.some((h) => h.name === hook.name)) hooks.push(hook);
}

export async function runMergeHooks(...args: Parameters<MergeHook['merge']>): Promise<void> {
  for (const hook of hooks) await hook.merge(...args);
}

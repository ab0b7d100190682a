import type { ConditionNode, FieldCatalog, FilterOp } from '@tideline/shared';
import {
  compileCondition,
  explainCondition,
  InvalidConditionError,
  validateCondition,
} from '@tideline/engine';
import type { ExplainedNode } from '@tideline/engine';
import type { FieldIssue } from '../../core/errors';
import type { GateClock } from './stage-gate.rules';

/* Entry conditions, through the engine's condition evaluator (the same one automations use). */

/** Every problem with an entry condition, paths under `path` (`stages[1].gate.entry_condition.all[0].op`). */
export function checkEntryCondition(node: ConditionNode, catalog: FieldCatalog, path: string): FieldIssue[] {
  return validateCondition(node, catalog, path).map((i) => ({ ...i, code: 'invalid_condition' }));
}

const OP_WORDS: Record<FilterOp, string> = {
  eq: 'is',
  ne: 'is not',
  in: 'is one of',
  nin: 'is none of',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'is between',
  empty: 'is empty',
  not_empty: 'is filled in',
  last_n_days: 'is within the last N days, N =',
  next_n_days: 'is within the next N days, N =',
  older_than_days: 'is more days ago than',
  period: 'is in',
};

/** The failing parts of an explained tree in words: "Amount ≥ 1000000 (is 0)". */
function describe(node: ExplainedNode, catalog: FieldCatalog): string {
  if (node.kind === 'leaf') {
    const label = catalog[node.field]?.label ?? node.field;
    const value = node.value === null ? '' : ` ${JSON.stringify(node.value)}`;
    return `${label} ${OP_WORDS[node.op]}${value} (is ${JSON.stringify(node.actual)})`;
  }
  const failing = node.children.filter((c) => !c.result);
  const parts = failing.map((c) => describe(c, catalog));
  return node.kind === 'any' ? `one of: ${parts.join(' or ')}` : parts.join('; ');
}

/**
 * Whether the deal's values meet the condition: null when they do, else what failed, in words. A
 * condition that no longer fits the deal fields (a custom field was deleted) refuses entry, so a
 * gate never silently stops guarding its stage.
 */
export function failedCondition(
  node: ConditionNode,
  catalog: FieldCatalog,
  values: Record<string, unknown>,
  clock: GateClock,
): string | null {
  let explained: ExplainedNode;
  try {
    if (compileCondition(node, catalog)(values, clock)) return null;
    explained = explainCondition(node, catalog, values, clock, 'entry_condition');
  } catch (e) {
    if (!(e instanceof InvalidConditionError)) throw e;
    return `the condition refers to fields that no longer exist (${e.issues.map((i) => i.message).join('; ')}); an administrator must update the stage gate`;
  }
  return describe(explained, catalog);
}

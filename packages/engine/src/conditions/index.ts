export type { CompiledCondition, ConditionEnv, ConditionValues } from './compile-leaf';
export { InvalidConditionError, compileCondition, conditionFields } from './compile-condition';
export { CONDITION_OPS } from './condition-ops';
export type { ExplainedNode } from './explain-condition';
export { explainCondition } from './explain-condition';
export type { ConditionIssue } from './validate-condition';
export { MAX_CONDITION_DEPTH, MAX_RELATIVE_DAYS, validateCondition } from './validate-condition';

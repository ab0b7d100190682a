import type { ConditionLeaf, ConditionNode, FieldCatalog, FilterOp } from '@tideline/shared';
import { InvalidConditionError } from './compile-condition';
import type { ConditionEnv, ConditionValues } from './compile-leaf';
import { compileLeaf } from './compile-leaf';
import { fieldInfo, validateCondition } from './validate-condition';

/** The outcome of every node of a tree, for dry runs: which leaf passed or failed, and on what value. */
export type ExplainedNode =
  | {
      kind: 'leaf';
      path: string;
      field: string;
      op: FilterOp;
      /** The condition's value (null when the operator takes none). */
      value: ConditionLeaf['value'] | null;
      /** The record's value as given (null when missing). */
      actual: unknown;
      result: boolean;
    }
  | { kind: 'all' | 'any'; path: string; result: boolean; children: ExplainedNode[] };

/**
 * Evaluate a tree node by node. Unlike the compiled closure it does not short-circuit, so a dry run
 * shows every failing leaf. No tree explains as an empty `all` (true). Throws on an invalid tree.
 */
export function explainCondition(
  node: ConditionNode | undefined,
  catalog: FieldCatalog,
  values: ConditionValues,
  env: ConditionEnv,
  path = 'conditions',
): ExplainedNode {
  if (node === undefined) return { kind: 'all', path, result: true, children: [] };
  const issues = validateCondition(node, catalog, path);
  if (issues.length) throw new InvalidConditionError(issues);
  return explainNode(node, catalog, values, env, path);
}

function explainNode(
  node: ConditionNode,
  catalog: FieldCatalog,
  values: ConditionValues,
  env: ConditionEnv,
  path: string,
): ExplainedNode {
  if ('all' in node || 'any' in node) {
    const kind = 'all' in node ? 'all' : 'any';
    const list = 'all' in node ? node.all : node.any;
    const children = list.map((n, i) => explainNode(n, catalog, values, env, `${path}.${kind}[${i}]`));
    const result = kind === 'all' ? children.every((c) => c.result) : children.some((c) => c.result);
    return { kind, path, result, children };
  }
  const result = compileLeaf(node, fieldInfo(catalog, node.field)!)(values, env);
  return {
    kind: 'leaf',
    path,
    field: node.field,
    op: node.op,
    value: node.value ?? null,
    actual: Object.hasOwn(values, node.field) ? (values[node.field] ?? null) : null,
    result,
  };
}

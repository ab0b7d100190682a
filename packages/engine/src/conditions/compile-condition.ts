import type { ConditionNode, FieldCatalog } from '@tideline/shared';
import type { CompiledCondition } from './compile-leaf';
import { compileLeaf } from './compile-leaf';
import type { ConditionIssue } from './validate-condition';
import { fieldInfo, validateCondition } from './validate-condition';

/** Thrown by compileCondition for a tree validateCondition rejects; `issues` names each bad part. */
export class InvalidConditionError extends Error {
  constructor(readonly issues: ConditionIssue[]) {
    super(`invalid condition: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`);
    this.name = 'InvalidConditionError';
  }
}

const ALWAYS: CompiledCondition = () => true;
const NEVER: CompiledCondition = () => false;

/**
 * Compile a condition tree to one closure (constants parsed, sets built once). No tree means no
 * condition: always true. An empty `all` is true and an empty `any` is false, as in logic.
 * Throws InvalidConditionError for a tree validateCondition rejects.
 */
export function compileCondition(node: ConditionNode | undefined, catalog: FieldCatalog): CompiledCondition {
  if (node === undefined) return ALWAYS;
  const issues = validateCondition(node, catalog);
  if (issues.length) throw new InvalidConditionError(issues);
  return compileNode(node, catalog);
}

/** Compile a tree already known to be valid. */
function compileNode(node: ConditionNode, catalog: FieldCatalog): CompiledCondition {
  if ('all' in node) return allOf(node.all.map((n) => compileNode(n, catalog)));
  if ('any' in node) return anyOf(node.any.map((n) => compileNode(n, catalog)));
  return compileLeaf(node, fieldInfo(catalog, node.field)!);
}

function allOf(cs: CompiledCondition[]): CompiledCondition {
  const [a, b] = cs;
  if (!a) return ALWAYS;
  if (!b) return a;
  if (cs.length === 2) return (v, e) => a(v, e) && b(v, e);
  return (v, e) => {
    for (let i = 0; i < cs.length; i++) if (!cs[i]!(v, e)) return false;
    return true;
  };
}

function anyOf(cs: CompiledCondition[]): CompiledCondition {
  const [a, b] = cs;
  if (!a) return NEVER;
  if (!b) return a;
  if (cs.length === 2) return (v, e) => a(v, e) || b(v, e);
  return (v, e) => {
    for (let i = 0; i < cs.length; i++) if (cs[i]!(v, e)) return true;
    return false;
  };
}

/** The distinct field paths a tree reads, in order of first use (so the server loads only those). */
export function conditionFields(node: ConditionNode | undefined): string[] {
  const seen = new Set<string>();
  const walk = (n: ConditionNode): void => {
    if ('all' in n) n.all.forEach(walk);
    else if ('any' in n) n.any.forEach(walk);
    else seen.add(n.field);
  };
  if (node) walk(node);
  return [...seen];
}

import type {
  ConditionLeaf,
  ConditionNode,
  DistributionMethod,
  DistributionMethodType,
  DistributionRule,
  StickyKey,
} from '@tideline/shared';
import type { RuleBody } from './distributionApi';

/** The condition operators the editor offers; other trees (made over the API) are kept as they are. */
export const EDITOR_OPS = ['eq', 'ne', 'contains', 'in', 'empty', 'not_empty'] as const;
export type EditorOp = (typeof EDITOR_OPS)[number];

export interface CondRow {
  field: string;
  op: EditorOp;
  value?: string;
}

/** The rule form's values: shaped like the API body, so the server's error paths land on fields. */
export interface RuleForm {
  name: string;
  enabled: boolean;
  conds: CondRow[];
  method: {
    type: DistributionMethodType;
    user_ids?: string[];
    department_id?: string | null;
    capacity?: number;
    field?: string;
    table?: { value: string; user_id: string }[];
    match?: StickyKey[];
  };
}

export const NEW_RULE: RuleForm = {
  name: '',
  enabled: true,
  conds: [],
  method: { type: 'round_robin', user_ids: [] },
};

const isLeaf = (n: ConditionNode): n is ConditionLeaf => 'field' in n;

/** Rows of a flat "all" tree of editor operators; null when the tree is something else. */
function rowsOf(node: ConditionNode | null): CondRow[] | null {
  if (!node) return [];
  const leaves = isLeaf(node) ? [node] : 'all' in node ? node.all : null;
  if (!leaves || !leaves.every(isLeaf)) return null;
  const rows: CondRow[] = [];
  for (const l of leaves as ConditionLeaf[]) {
    if (!(EDITOR_OPS as readonly string[]).includes(l.op)) return null;
    const value = Array.isArray(l.value) ? l.value.join(', ') : l.value == null ? undefined : String(l.value);
    rows.push({ field: l.field, op: l.op as EditorOp, ...(value !== undefined ? { value } : {}) });
  }
  return rows;
}

export function ruleToForm(rule: DistributionRule): RuleForm {
  const m = rule.method;
  return {
    name: rule.name,
    enabled: rule.enabled,
    conds: rowsOf(rule.conditions) ?? [],
    method:
      m.type === 'round_robin'
        ? { type: m.type, user_ids: m.user_ids ?? [], department_id: m.department_id ?? null }
        : m.type === 'least_loaded'
          ? { type: m.type, user_ids: m.user_ids, capacity: m.capacity }
          : m.type === 'mapping'
            ? { type: m.type, field: m.field, table: m.table }
            : { type: m.type, match: m.match },
  };
}

/** Whether the editor can show a rule's conditions (a tree made over the API may be richer). */
export const editableConditions = (rule: DistributionRule) => rowsOf(rule.conditions) !== null;

function leafOf(row: CondRow): ConditionLeaf {
  if (row.op === 'empty' || row.op === 'not_empty') return { field: row.field, op: row.op };
  const text = (row.value ?? '').trim();
  if (row.op === 'in')
    return {
      field: row.field,
      op: 'in',
      value: text
        .split(/[,，]/)
        .map((v) => v.trim())
        .filter(Boolean),
    };
  return { field: row.field, op: row.op, value: text };
}

export function formToBody(values: RuleForm): RuleBody {
  const m = values.method;
  const method: DistributionMethod =
    m.type === 'round_robin'
      ? m.department_id
        ? { type: m.type, department_id: m.department_id }
        : { type: m.type, user_ids: m.user_ids ?? [] }
      : m.type === 'least_loaded'
        ? { type: m.type, user_ids: m.user_ids ?? [], capacity: m.capacity ?? 0 }
        : m.type === 'mapping'
          ? { type: m.type, field: m.field ?? '', table: (m.table ?? []).filter((r) => r.value || r.user_id) }
          : { type: m.type, match: m.match ?? [] };
  const conds = values.conds ?? [];
  return {
    name: values.name,
    enabled: values.enabled,
    conditions: conds.length === 0 ? null : { all: conds.map(leafOf) },
    method,
  };
}

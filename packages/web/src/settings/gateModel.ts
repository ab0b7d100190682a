import { GATE_ON_ENTRY_FIELDS, GATE_REQUIRABLE_FIELDS } from '@tideline/shared';
import type { ConditionLeaf, ConditionNode, StageGate, ValueExpr } from '@tideline/shared';
import { ApiError, isApiError } from '../api/client';
import type { CustomFieldDef, Pipeline } from '../api/types';
import { dealFieldLabel } from '../deals/gateRefusal';
import type { Messages } from '../i18n/zh-CN';
import { customFieldDef, listFields } from '../records/entityFields';
import { nextConditionId, toDrafts, toFilter } from '../records/filterModel';
import type { DraftCondition, FieldDef, FilterValue } from '../records/filterModel';

/**
 * The gate editor's model, free of React: a stage gate as the editor holds it (condition rows as in
 * the list filter builder, on-entry rows) and back, plus the deal fields each part may use.
 */

export type EntryMode = 'now' | 'relative' | 'const';
export const ENTRY_UNITS = ['minutes', 'hours', 'days'] as const;
export type EntryUnit = (typeof ENTRY_UNITS)[number];

export interface OnEntryRow {
  id: string;
  field: string;
  mode: EntryMode;
  value?: FilterValue;
  amount?: number;
  unit?: EntryUnit;
}

export interface GateDraft {
  required: string[];
  /** The entry condition as rows, all of which must hold. */
  conditions: DraftCondition[];
  /** A condition with "any" groups (set through the API): kept as it is, not editable here. */
  fixedCondition: ConditionNode | null;
  onEntry: OnEntryRow[];
}

/** The leaves of a condition that is one leaf or one flat "all" group; null for anything deeper. */
export function flatLeaves(node: ConditionNode): ConditionLeaf[] | null {
  if ('field' in node) return [node];
  if ('all' in node && node.all.every((n) => 'field' in n)) return node.all as ConditionLeaf[];
  return null;
}

function toRow(field: string, expr: ValueExpr): OnEntryRow {
  const id = nextConditionId();
  if (expr.type === 'now') return { id, field, mode: 'now' };
  if (expr.type === 'relative')
    return { id, field, mode: 'relative', amount: expr.amount, unit: expr.unit as EntryUnit };
  return { id, field, mode: 'const', value: expr.type === 'const' ? (expr.value as FilterValue) : undefined };
}

export function toGateDraft(gate: StageGate | null | undefined): GateDraft {
  const leaves = gate?.entry_condition ? flatLeaves(gate.entry_condition) : [];
  return {
    required: [...(gate?.required_fields ?? [])],
    conditions: leaves ? toDrafts(leaves) : [],
    fixedCondition: leaves ? null : (gate?.entry_condition ?? null),
    onEntry: Object.entries(gate?.on_entry ?? {}).map(([field, expr]) => toRow(field, expr)),
  };
}

function toExpr(row: OnEntryRow): ValueExpr | null {
  if (row.mode === 'now') return { type: 'now' };
  if (row.mode === 'relative')
    return typeof row.amount === 'number' && Number.isInteger(row.amount)
      ? { type: 'relative', amount: row.amount, unit: row.unit ?? 'days' }
      : null;
  const v = row.value;
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return null;
  return { type: 'const', value: v as Extract<ValueExpr, { type: 'const' }>['value'] };
}

/** The gate to save: complete rows only; null when nothing is left (the stage has no gate). */
export function fromGateDraft(draft: GateDraft, conditionFields: readonly FieldDef[]): StageGate | null {
  const leaves = toFilter(draft.conditions, conditionFields);
  const condition = draft.fixedCondition ?? (leaves.length ? { all: leaves } : null);
  const onEntry: Record<string, ValueExpr> = {};
  for (const row of draft.onEntry) {
    const expr = row.field ? toExpr(row) : null;
    if (expr) onEntry[row.field] = expr;
  }
  if (!draft.required.length && !condition && !Object.keys(onEntry).length) return null;
  return {
    required_fields: draft.required,
    ...(condition ? { entry_condition: condition } : {}),
    on_entry: onEntry,
  };
}

/** How many rules a gate holds, for the stage row's button. */
export function gateSize(gate: StageGate | null | undefined): number {
  if (!gate) return 0;
  const c = gate.entry_condition;
  const conditions = c ? (flatLeaves(c)?.length ?? 1) : 0;
  return gate.required_fields.length + conditions + Object.keys(gate.on_entry).length;
}

/** On-entry edits of date and time fields may use now or a relative time; other fields a constant. */
export const entryModes = (field: FieldDef | undefined): EntryMode[] =>
  field?.kind === 'date' || field?.kind === 'instant' ? ['now', 'relative', 'const'] : ['const'];

export interface GateFields {
  required: FieldDef[];
  condition: FieldDef[];
  onEntry: FieldDef[];
}

/** Fields the outcome of a move decides; a condition on them would be about the move, not the deal. */
const NOT_IN_CONDITIONS = new Set(['tags', 'status', 'stage_id', 'pipeline_id']);

/** The deal fields each part of a gate may use, built-in (in the UI's words) then custom. */
export function gateFields(m: Messages, defs: CustomFieldDef[], pipelines: Pipeline[]): GateFields {
  const all = listFields('deal', m, defs, pipelines);
  const byKey = new Map(all.map((f) => [f.key, f]));
  const builtin = (key: string, kind: FieldDef['kind']): FieldDef =>
    byKey.get(key) ?? { key, label: dealFieldLabel(key, m, defs), kind };
  const custom = defs.map(customFieldDef);
  return {
    required: [
      ...GATE_REQUIRABLE_FIELDS.map((k) => builtin(k, k === 'amount' ? 'money' : 'text')),
      ...custom,
    ],
    condition: all.filter((f) => !NOT_IN_CONDITIONS.has(f.key)),
    onEntry: [
      ...GATE_ON_ENTRY_FIELDS.map((k) => builtin(k, k === 'expected_close_date' ? 'date' : 'text')),
      ...custom,
    ],
  };
}

/**
 * The same refusal with gate errors (`stages[1].gate.required_fields[0]`) named after their stage, so
 * they show above the pipeline form ("阶段关卡「签约」 required_fields[0]: …") instead of vanishing into
 * a field the form does not show.
 */
export function nameGateErrors(error: unknown, stageNames: readonly string[], gateLabel: string): unknown {
  if (!isApiError(error)) return error;
  const errors = error.errors.map((e) => {
    const hit = /^stages\[(\d+)\]\.gate\.?(.*)$/.exec(e.path);
    if (!hit) return e;
    return { ...e, path: `${gateLabel}「${stageNames[Number(hit[1])] ?? hit[1]}」 ${hit[2]}`.trim() };
  });
  return new ApiError(error.status, error.code, error.message, errors, error.body);
}

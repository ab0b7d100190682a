import type { FieldCatalog, StageGate, StageGateRefusal } from '@tideline/shared';
import { stageGateSchema } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { dealFieldCatalog, dealValues } from '../deals/deal.catalog';
import type { Deal } from '../deals/deal.repository';
import type { StageRow } from '../pipelines/pipeline.repository';
import { failedCondition } from './stage-gate.condition';
import { missingFields, onEntryEdits } from './stage-gate.rules';
import type { GateClock } from './stage-gate.rules';

/**
 * A deal refused entry to a stage: 400 `stage_gate_failed`, one error per missing field (its path and
 * label) and one on `stage_id` when the entry condition fails; the problem also carries the
 * StageGateRefusal members so a client can ask for exactly what is missing.
 */
export class StageGateError extends ValidationError {
  override readonly details: Record<string, unknown>;
  constructor(fields: FieldIssue[], message: string, refusal: StageGateRefusal) {
    super(fields, message, 'stage_gate_failed');
    this.details = { ...refusal };
  }
}

/** The gate of a stage row, with defaults filled in; null when the stage has none. */
export function readGate(dialect: Dialect, stage: Pick<StageRow, 'gate'>): StageGate | null {
  const raw = dialect.readJson<unknown>(stage.gate);
  if (raw === null || raw === undefined) return null;
  const parsed = stageGateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Entering a gated stage: its gate, the deal catalog, and the on-entry edits split by where they go. */
export interface StageEntry {
  stage: StageRow;
  gate: StageGate;
  catalog: FieldCatalog;
  clock: GateClock;
  /** Built-in fields set on entry (path → value). */
  builtin: Record<string, unknown>;
  /** Custom fields set on entry (key → value), validated with the request's own custom values. */
  custom: Record<string, unknown>;
}

/**
 * What entering `stage` asks of a deal, or null for a stage without a gate. `explicit` holds the paths
 * the request sets itself (`amount`, `custom.contract_no`), which on-entry edits leave alone.
 */
export async function planStageEntry(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  stage: StageRow,
  explicit: ReadonlySet<string>,
): Promise<StageEntry | null> {
  const gate = readGate(deps.database.dialect, stage);
  if (!gate) return null;
  const catalog = await dealFieldCatalog(trx, deps.database.dialect, actor.workspaceId);
  const clock = { now: deps.clock.now(), timezone: actor.timezone };
  const builtin: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(onEntryEdits(gate, catalog, clock, explicit))) {
    if (path.startsWith('custom.')) custom[path.slice('custom.'.length)] = value;
    else builtin[path] = value;
  }
  return { stage, gate, catalog, clock, builtin, custom };
}

/** The paths a deal create or update body sets: its own fields and `custom.<key>` for each custom value. */
export function explicitPaths(body: { custom?: Record<string, unknown> | undefined }): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(body)) if (v !== undefined && k !== 'custom') out.add(k);
  for (const k of Object.keys(body.custom ?? {})) out.add(`custom.${k}`);
  return out;
}

/**
 * Refuse the deal (as it will be once the move and the on-entry edits are applied) when it lacks a
 * required field or fails the entry condition. Nothing has been written yet when this throws.
 */
export function assertStageGate(entry: StageEntry, deal: Deal): void {
  const { stage, gate, catalog, clock } = entry;
  const values = dealValues(deal);
  const missing = missingFields(gate, values, catalog);
  const condition = gate.entry_condition
    ? failedCondition(gate.entry_condition, catalog, values, clock)
    : null;
  if (missing.length === 0 && condition === null) return;
  const fields: FieldIssue[] = missing.map((f) => ({
    path: f.path,
    message: `${f.label} is required to enter stage ${stage.name}`,
    code: 'stage_gate_required',
  }));
  if (condition !== null)
    fields.push({
      path: 'stage_id',
      message: `the deal does not meet the entry condition of stage ${stage.name}: ${condition}`,
      code: 'stage_gate_condition',
    });
  const what = [
    ...(missing.length ? [`fill in ${missing.map((f) => f.label).join(', ')}`] : []),
    ...(condition !== null ? [`meet its entry condition (${condition})`] : []),
  ].join(' and ');
  throw new StageGateError(fields, `To enter stage ${stage.name}, ${what}`, {
    stage_id: stage.id,
    stage_name: stage.name,
    missing_fields: missing,
    condition_failed: condition !== null,
    ...(condition !== null ? { condition_text: condition } : {}),
  });
}

/** The same refusal with its field paths under `prefix` (`ids[3].amount` in a bulk update). */
export function underPrefix(error: ValidationError, prefix: string): ValidationError {
  const fields = error.fields.map((f) => ({ ...f, path: `${prefix}.${f.path}` }));
  return error instanceof StageGateError
    ? new StageGateError(fields, error.message, error.details as unknown as StageGateRefusal)
    : new ValidationError(fields, error.message, error.code);
}

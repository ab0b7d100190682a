import { z } from 'zod';
import { conditionNodeSchema, valueExprSchema } from './automation';

/**
 * Stage gates (阶段关卡): what a deal must carry to enter a stage, and the fields set as it enters.
 * Enforced by the deal service for every way in — the API, the board, bulk edits, import, automations.
 */

/** Built-in deal fields a gate may require; any custom deal field (`custom.<key>`) may be required too. */
export const GATE_REQUIRABLE_FIELDS = [
  'contact_id',
  'amount',
  'expected_close_date',
  'description',
  'owner_id',
] as const;

/** Built-in deal fields an on-entry edit may set; any custom deal field may be set too. */
export const GATE_ON_ENTRY_FIELDS = ['expected_close_date', 'description'] as const;

const fieldPath = z.string().min(1).max(120);

export const stageGateSchema = z.strictObject({
  /** Deal fields that must hold a value: `amount` (more than 0), `expected_close_date`, `custom.contract_no`… */
  required_fields: z.array(fieldPath).max(50).default([]),
  /** A condition on the deal's fields (as they will be once it entered) that must hold. */
  entry_condition: conditionNodeSchema.nullish(),
  /**
   * Fields set as the deal enters, unless the same request sets them itself: a constant, `now` (today
   * for date fields) or a time relative to now. Templates are not accepted here.
   */
  on_entry: z.record(fieldPath, valueExprSchema).default({}),
});
export type StageGate = z.infer<typeof stageGateSchema>;
export type StageGateInput = z.input<typeof stageGateSchema>;

/** One field a refused move lacks, as listed in a `stage_gate_failed` problem's `missing_fields`. */
export interface StageGateMissingField {
  path: string;
  label: string;
  /** The value type (see VALUE_TYPES), so a form can ask for it. */
  type: string;
}

/** Extra members of a `stage_gate_failed` problem (400), beside `errors`. */
export interface StageGateRefusal {
  stage_id: string;
  stage_name: string;
  missing_fields: StageGateMissingField[];
  /** Whether the entry condition failed, and in words when it did. */
  condition_failed: boolean;
  condition_text?: string;
}

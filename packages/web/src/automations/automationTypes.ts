import type {
  AutomationDefinition,
  AutomationEntity,
  ConditionLeaf,
  FieldCatalog,
  FilterOp,
  RunStatus,
  TriggerType,
} from '@tideline/shared';

/** Shapes of the automation API's answers (packages/server/src/modules/automations). */

export interface AutomationItem {
  id: string;
  name: string;
  notes: string | null;
  owner_id: string;
  enabled: boolean;
  version: number;
  trigger_type: TriggerType;
  entity: AutomationEntity | null;
  template_key: string | null;
  last_run_at: string | null;
  last_run_status: RunStatus | null;
  webhook_path: string | null;
  definition: AutomationDefinition;
  health?: { runs_7d: number; failed_7d: number };
  created_at: string;
  updated_at: string;
}

export interface AutomationVersion {
  version: number;
  definition: AutomationDefinition;
  created_by: string | null;
  created_at: string;
}

export interface AutomationDetail extends AutomationItem {
  versions: AutomationVersion[];
}

export interface CatalogResponse {
  fields: FieldCatalog;
}

/** engine/src/conditions/explain-condition.ts: every node's outcome, for dry runs. */
export type ExplainedNode =
  | {
      kind: 'leaf';
      path: string;
      field: string;
      op: FilterOp;
      value: ConditionLeaf['value'] | null;
      actual: unknown;
      result: boolean;
    }
  | { kind: 'all' | 'any'; path: string; result: boolean; children: ExplainedNode[] };

export interface DryRunStep {
  path: string;
  step_id: string;
  kind: string;
  action?: string;
  status: 'would_run' | 'would_wait' | 'error';
  output?: unknown;
  error?: string;
}

export interface DryRunResult {
  entity: AutomationEntity | null;
  record_id: string | null;
  conditions: { passed: boolean; explain: ExplainedNode | null };
  steps: DryRunStep[];
}

export interface RunItem {
  id: string;
  automation_id: string;
  version: number;
  status: RunStatus;
  entity: string | null;
  record_id: string | null;
  trigger_data: unknown;
  error: string | null;
  step_count?: number;
  created_at: string;
  finished_at: string | null;
}

export interface RunStepRow {
  seq: number;
  step_id: string;
  kind: string;
  action: string | null;
  status: string;
  input: unknown;
  output: unknown;
  error: string | null;
  attempts: number;
  started_at: string;
  finished_at: string;
  duration_ms: number;
}

export interface RunDetail extends RunItem {
  steps: RunStepRow[];
}

export const TEMPLATE_NEEDS = ['stage_id', 'user_ids', 'field', 'days', 'source'] as const;
export type TemplateNeed = (typeof TEMPLATE_NEEDS)[number];

export interface AutomationTemplate {
  key: string;
  name: { 'zh-CN': string; 'en-US': string };
  description: { 'zh-CN': string; 'en-US': string };
  needs: TemplateNeed[];
  definition: AutomationDefinition;
}

export interface TemplateParams {
  stage_id?: string;
  user_ids?: string[];
  field?: string;
  days?: number;
  source?: string;
}

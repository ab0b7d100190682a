import type { ColumnType, Generated } from 'kysely';

/** Row types of the automation engine's tables (migration 2026-11-23-0100-automation). */
type Instant = string;
type Json = ColumnType<unknown, string, string>;
type Bool = number;

export interface AutomationTable {
  workspace_id: string;
  id: string;
  name: string;
  notes: string | null;
  owner_id: string;
  enabled: Bool;
  version: number;
  trigger_type: string;
  trigger_entity: string | null;
  template_key: string | null;
  webhook_secret: string | null;
  next_fire_at: Instant | null;
  swept_to: Instant | null;
  last_run_at: Instant | null;
  last_run_status: string | null;
  created_by: string | null;
  created_at: Instant;
  updated_at: Instant;
  deleted_at: Instant | null;
}

export interface AutomationVersionTable {
  workspace_id: string;
  automation_id: string;
  version: number;
  definition: Json;
  created_by: string | null;
  created_at: Instant;
}

export interface AutomationRunTable {
  workspace_id: string;
  id: string;
  automation_id: string;
  version: number;
  status: string;
  entity: string | null;
  record_id: string | null;
  trigger_key: string;
  trigger_data: Json;
  cursor: Json;
  depth: number;
  step_count: number;
  wait_event: string | null;
  resume_at: Instant | null;
  error: string | null;
  created_at: Instant;
  updated_at: Instant;
  finished_at: Instant | null;
}

export interface AutomationRunStepTable {
  workspace_id: string;
  run_id: string;
  seq: number;
  step_id: string;
  kind: string;
  action: string | null;
  status: string;
  input: Json | null;
  output: Json | null;
  error: string | null;
  attempts: number;
  started_at: Instant;
  finished_at: Instant;
}

export interface JobTable {
  id: string;
  workspace_id: string | null;
  kind: string;
  payload: Json;
  status: string;
  run_at: Instant;
  attempts: Generated<number>;
  max_attempts: number;
  locked_until: Instant | null;
  locked_by: string | null;
  dedupe_key: string | null;
  last_error: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface AutomationEffectTable {
  workspace_id: string;
  key: string;
  result: Json | null;
  created_at: Instant;
}

export interface ClientEventTable {
  workspace_id: string;
  external_id: string;
  event_id: string;
  created_at: Instant;
}

export interface AutomationCounterTable {
  workspace_id: string;
  key: string;
  value: number;
}

export interface AutomationTables {
  automation_counters: AutomationCounterTable;
  automations: AutomationTable;
  automation_versions: AutomationVersionTable;
  automation_runs: AutomationRunTable;
  automation_run_steps: AutomationRunStepTable;
  jobs: JobTable;
  automation_effects: AutomationEffectTable;
  client_events: ClientEventTable;
}

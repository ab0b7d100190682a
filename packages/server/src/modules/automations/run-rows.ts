import type { Insertable } from 'kysely';
import type { StepCursor } from '@tideline/engine';
import { newId } from '../../core/ids';
import type { Dialect } from '../../db/dialect/dialect';
import type { AutomationRunTable } from '../../db/schema-automation';

export interface NewRun {
  workspaceId: string;
  automationId: string;
  version: number;
  entity: string | null;
  recordId: string | null;
  /** Unique per automation: an event id, a due value, a schedule tick, a webhook delivery. */
  triggerKey: string;
  data: Record<string, unknown>;
  status: 'running' | 'pending' | 'stopped';
  depth?: number;
  error?: string | null;
  at: string;
}

/** A run row at its first step; every way of starting a run builds it here. */
export function newRunRow(dialect: Dialect, r: NewRun): Insertable<AutomationRunTable> & { id: string } {
  return {
    workspace_id: r.workspaceId,
    id: newId(),
    automation_id: r.automationId,
    version: r.version,
    status: r.status,
    entity: r.entity,
    record_id: r.recordId,
    trigger_key: r.triggerKey,
    trigger_data: dialect.writeJson(r.data),
    cursor: dialect.writeJson([0] satisfies StepCursor),
    depth: r.depth ?? 0,
    step_count: 0,
    wait_event: null,
    resume_at: null,
    error: r.error ?? null,
    created_at: r.at,
    updated_at: r.at,
    finished_at: r.status === 'stopped' ? r.at : null,
  };
}

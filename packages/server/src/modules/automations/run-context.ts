import type { Transaction } from 'kysely';
import type { AutomationEntity, ConditionNode } from '@tideline/shared';
import type { ConditionValues } from '@tideline/engine';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { DB } from '../../db/schema';
import type { Channels } from '../../channels/channels';
import type { JobQueue } from '../../jobs/job-queue';
import type { RecordRow } from './automation-record.repository';

/** What the automation runtime needs besides the app's dependencies. */
export interface AutomationDeps extends AppDeps {
  channels: Channels;
  queue: JobQueue;
}

/** Everything a step sees while it runs (or is dry-run) on one record. */
export interface StepContext {
  deps: AutomationDeps;
  /** The step's transaction; absent for external effects, which run outside any transaction. */
  trx: Transaction<DB> | null;
  workspaceId: string;
  timezone: string;
  now: Date;
  automation: { id: string; name: string; ownerId: string };
  runId: string;
  entity: AutomationEntity | null;
  record: RecordRow | null;
  /** Data of the event that started the run. */
  event: Record<string, unknown>;
  /** Writes made by the step act as the automation, one level deeper in the chain. */
  actor: Actor;
  /** Unique per run and step: retries of the step reuse it. */
  idempotencyKey: string;
  values(node?: ConditionNode): Promise<ConditionValues>;
  /** The Liquid scope: record, owner, customer, event, automation. */
  scope(): Promise<Record<string, unknown>>;
  dryRun: boolean;
  /** Run after the step's transaction commits (live pushes of notifications). */
  afterCommit(fn: () => void): void;
}

export type StepOutput = Record<string, unknown>;

import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MigrationContext } from './migration-context';

/**
 * The automation engine's tables: versioned automations, runs with their steps, the durable job queue,
 * the idempotency ledger of side effects, and a dispatch mark on events.
 */
export async function up(db: Kysely<unknown>, { types: t }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('automations')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('owner_id', t.id, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    // Copied from the current version so the dispatcher finds candidates without parsing JSON.
    .addColumn('trigger_type', 'varchar(30)', (c) => c.notNull())
    .addColumn('trigger_entity', 'varchar(20)')
    .addColumn('template_key', 'varchar(60)')
    .addColumn('webhook_secret', 'varchar(100)')
    // Time triggers: schedules fire at next_fire_at; relative-time sweeps resume after swept_to.
    .addColumn('next_fire_at', t.instant)
    .addColumn('swept_to', t.instant)
    .addColumn('last_run_at', t.instant)
    .addColumn('last_run_status', 'varchar(20)')
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('deleted_at', t.instant)
    .addPrimaryKeyConstraint('automations_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('automations_trigger_idx')
    .on('automations')
    .columns(['workspace_id', 'trigger_type', 'enabled'])
    .execute();

  await db.schema
    .createTable('automation_versions')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('automation_id', t.id, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', t.json, (c) => c.notNull())
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_versions_pk', ['workspace_id', 'automation_id', 'version'])
    .addForeignKeyConstraint(
      'automation_versions_automation_fk',
      ['workspace_id', 'automation_id'],
      'automations',
      ['workspace_id', 'id'],
    )
    .execute();

  await db.schema
    .createTable('automation_runs')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('automation_id', t.id, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('entity', 'varchar(20)')
    .addColumn('record_id', t.id)
    // What started the run, unique per automation: an event id, a due instant, a schedule tick.
    .addColumn('trigger_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('trigger_data', t.json, (c) => c.notNull())
    .addColumn('cursor', t.json, (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('step_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wait_event', 'varchar(60)')
    .addColumn('resume_at', t.instant)
    .addColumn('error', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant)
    .addPrimaryKeyConstraint('automation_runs_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('automation_runs_trigger_uq', ['workspace_id', 'automation_id', 'trigger_key'])
    .execute();
  await db.schema
    .createIndex('automation_runs_history_idx')
    .on('automation_runs')
    .columns(['workspace_id', 'automation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('automation_runs_status_idx')
    .on('automation_runs')
    .columns(['workspace_id', 'status', 'automation_id'])
    .execute();
  // A client event wakes the runs of its record that wait for it.
  await db.schema
    .createIndex('automation_runs_waiting_idx')
    .on('automation_runs')
    .columns(['workspace_id', 'record_id', 'wait_event'])
    .where(sql.ref('status'), '=', 'waiting')
    .execute();

  await db.schema
    .createTable('automation_run_steps')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('run_id', t.id, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('action', 'varchar(30)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('input', t.json)
    .addColumn('output', t.json)
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('started_at', t.instant, (c) => c.notNull())
    .addColumn('finished_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_run_steps_pk', ['workspace_id', 'run_id', 'seq'])
    .execute();

  // The durable queue. Finished jobs are deleted; dead ones stay for admins to see and retry.
  await db.schema
    .createTable('jobs')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('workspace_id', t.id)
    .addColumn('kind', 'varchar(40)', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('run_at', t.instant, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', t.instant)
    .addColumn('locked_by', 'varchar(100)')
    .addColumn('dedupe_key', 'varchar(300)', (c) => c.unique())
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addColumn('updated_at', t.instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_lease_idx').on('jobs').columns(['status', 'locked_until']).execute();

  // Side effects outside the database (mail, robots, webhooks) recorded by idempotency key.
  await db.schema
    .createTable('automation_effects')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('key', 'varchar(200)', (c) => c.notNull())
    .addColumn('result', t.json)
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_effects_pk', ['workspace_id', 'key'])
    .execute();

  // Ingested client events (POST /api/v1/events) are accepted once per external id.
  await db.schema
    .createTable('client_events')
    .addColumn('workspace_id', t.id, (c) => c.notNull())
    .addColumn('external_id', 'varchar(200)', (c) => c.notNull())
    .addColumn('event_id', t.id, (c) => c.notNull())
    .addColumn('created_at', t.instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('client_events_pk', ['workspace_id', 'external_id'])
    .execute();

  // The dispatcher reads events not yet dispatched; history already written counts as dispatched.
  await db.schema.alterTable('events').addColumn('dispatched_at', t.instant).execute();
  await sql`update events set dispatched_at = created_at`.execute(db);
  await db.schema
    .createIndex('events_pending_idx')
    .on('events')
    .column('seq')
    .where(sql.ref('dispatched_at'), 'is', null)
    .execute();
}

import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { AutomationEntity, Trigger } from '@tideline/shared';
import { compileCondition, conditionFields, relativeFieldBound } from '@tideline/engine';
import type { Executor } from '../../core/transaction';
import { loadBusinessCalendar } from '../calendars/calendar.service';
import { automationCatalog } from './automation.catalog';
import { insertRuns } from './automation-run.repository';
import { newRunRow } from './run-rows';
import type { RecordRow } from './automation-record.repository';
import type { AutomationDeps } from './run-context';
import { advanceJob } from './run-executor';
import { definitionOf, workspaceSettings } from './run-support';
import { loadConditionValues } from './run-scope';
import { nextFireAt } from './automation.service';

const TABLES: Record<
  AutomationEntity,
  'leads' | 'customers' | 'contacts' | 'deals' | 'tasks' | 'activities'
> = {
  lead: 'leads',
  customer: 'customers',
  contact: 'contacts',
  deal: 'deals',
  task: 'tasks',
  activity: 'activities',
};
const BATCH = 1000;

interface DueAutomation {
  workspace_id: string;
  id: string;
  version: number;
  swept_to: string | null;
  next_fire_at: string | null;
}

/**
 * Time rules ("last contact + 30 days", "contract end − 30 days") by indexed sweeps, not timers: each
 * sweep looks at the window (swept_to, now] and starts one run per record whose due time falls in it.
 * The run's key holds the field's value, so a record is started once per value and again after the
 * value changes (a new contact starts a new 30 days). Returns the number of runs started.
 */
export async function sweepRelativeTime(deps: AutomationDeps, batch = BATCH): Promise<number> {
  const { db } = deps.database;
  const rules = (await db
    .selectFrom('automations')
    .select(['workspace_id', 'id', 'version', 'swept_to', 'next_fire_at'])
    .where('trigger_type', '=', 'relative_time')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .execute()) as DueAutomation[];
  let started = 0;
  for (const rule of rules) started += await sweepRule(deps, rule, batch);
  return started;
}

async function sweepRule(deps: AutomationDeps, rule: DueAutomation, batch: number): Promise<number> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const def = await definitionOf(deps, db, rule.workspace_id, rule.id, rule.version);
  const t = def.trigger as Extract<Trigger, { type: 'relative_time' }>;
  const { tz } = await workspaceSettings(db, rule.workspace_id);
  const cal = await loadBusinessCalendar(db, rule.workspace_id);
  const from = rule.swept_to ? new Date(rule.swept_to) : now;
  // A record is due when field ± offset ≤ now, i.e. field ≤ bound(now): the window is (bound(from), bound(now)].
  const shift = (d: Date) => relativeFieldBound(d, t.direction, t.offset, cal, tz);
  const lo = shift(from);
  const hi = shift(now);
  const catalog = await automationCatalog(deps, rule.workspace_id, t.entity);
  const isDate = catalog[t.field]?.type === 'date';
  const bound = (d: Date) => (isDate ? DateTime.fromJSDate(d, { zone: tz }).toISODate()! : d.toISOString());
  const column = t.field.startsWith('custom.')
    ? dialect.jsonText('custom', t.field.slice('custom.'.length))
    : sql.ref(t.field);
  const check = compileCondition(def.conditions, catalog);
  const fields = conditionFields(def.conditions);
  const valueOf = (r: RecordRow) =>
    String(
      t.field.startsWith('custom.')
        ? dialect.readJson<Record<string, unknown>>(r.custom)?.[t.field.slice(7)]
        : r[t.field],
    );
  const page = (from: string, limit: number | null, exactly?: string) => {
    let q = db
      .selectFrom(TABLES[t.entity])
      .selectAll()
      .where('workspace_id', '=', rule.workspace_id)
      .where('deleted_at', 'is', null);
    q =
      exactly !== undefined
        ? q.where(column, '=', exactly)
        : q.where(column, '>', from).where(column, '<=', bound(hi));
    if (limit) q = q.orderBy(column).limit(limit);
    return q.execute() as unknown as Promise<RecordRow[]>;
  };
  const condition = fields.length ? { check, fields } : null;
  let started = 0;
  // Page in the order of the date index itself; a page's last value is read whole before moving past it.
  let after = bound(lo);
  for (;;) {
    const fetched = await page(after, batch);
    if (fetched.length === 0) break;
    let rows = fetched;
    if (fetched.length === batch) {
      const last = valueOf(fetched[fetched.length - 1]!);
      rows = [...fetched.filter((r) => valueOf(r) !== last), ...(await page(after, null, last))];
      after = last;
    }
    started += await startRuns(deps, rule, t, rows, condition, now, valueOf);
    if (fetched.length < batch) break;
  }
  await db
    .updateTable('automations')
    .set({ swept_to: now.toISOString() })
    .where('workspace_id', '=', rule.workspace_id)
    .where('id', '=', rule.id)
    .execute();
  return started;
}

async function startRuns(
  deps: AutomationDeps,
  rule: DueAutomation,
  t: Extract<Trigger, { type: 'relative_time' }>,
  rows: RecordRow[],
  condition: { check: ReturnType<typeof compileCondition>; fields: string[] } | null,
  now: Date,
  keyValue: (r: RecordRow) => string,
): Promise<number> {
  const { db, dialect } = deps.database;
  const at = now.toISOString();
  const { tz } = await workspaceSettings(db, rule.workspace_id);
  return db.transaction().execute(async (trx) => {
    const runs = [];
    for (const r of rows) {
      if (r.custom !== undefined && typeof r.custom === 'string') r.custom = dialect.readJson(r.custom);
      if (condition) {
        const values = await loadConditionValues(
          trx,
          dialect,
          rule.workspace_id,
          t.entity,
          r,
          {},
          condition.fields,
        );
        if (!condition.check(values, { now, timezone: tz })) continue;
      }
      runs.push(
        runRow(
          deps,
          rule,
          t.entity,
          r.id,
          `time:${r.id}:${keyValue(r)}`,
          { type: 'time', field: t.field, value: keyValue(r) },
          at,
        ),
      );
    }
    return enqueueRuns(deps, trx, runs);
  });
}

function runRow(
  deps: AutomationDeps,
  rule: Pick<DueAutomation, 'workspace_id' | 'id' | 'version'>,
  entity: AutomationEntity | null,
  recordId: string | null,
  key: string,
  data: Record<string, unknown>,
  at: string,
) {
  return newRunRow(deps.database.dialect, {
    workspaceId: rule.workspace_id,
    automationId: rule.id,
    version: rule.version,
    entity,
    recordId,
    triggerKey: key,
    data,
    status: 'running',
    at,
  });
}

async function enqueueRuns(
  deps: AutomationDeps,
  trx: Executor,
  runs: ReturnType<typeof runRow>[],
): Promise<number> {
  const ids = await insertRuns(trx, runs);
  const byId = new Map(runs.map((r) => [r.id, r.workspace_id]));
  await deps.queue.enqueue(
    trx,
    ids.map((id) => advanceJob(byId.get(id)!, id)),
  );
  return ids.length;
}

/** Fire schedules that are due: once, or once per record of the entity that meets the conditions. */
export async function fireSchedules(deps: AutomationDeps): Promise<number> {
  const { db, dialect } = deps.database;
  const now = deps.clock.now();
  const due = (await db
    .selectFrom('automations')
    .select(['workspace_id', 'id', 'version', 'swept_to', 'next_fire_at'])
    .where('trigger_type', '=', 'schedule')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .where('next_fire_at', '<=', now.toISOString())
    .execute()) as DueAutomation[];
  let started = 0;
  for (const rule of due) {
    const def = await definitionOf(deps, db, rule.workspace_id, rule.id, rule.version);
    const t = def.trigger as Extract<Trigger, { type: 'schedule' }>;
    const { tz } = await workspaceSettings(db, rule.workspace_id);
    const tick = rule.next_fire_at!;
    const at = now.toISOString();
    if (!t.entity) {
      started += await db
        .transaction()
        .execute((trx) =>
          enqueueRuns(deps, trx, [
            runRow(deps, rule, null, null, `schedule:${tick}`, { type: 'schedule', at: tick }, at),
          ]),
        );
    } else {
      const catalog = await automationCatalog(deps, rule.workspace_id, t.entity);
      const check = compileCondition(def.conditions, catalog);
      const fields = conditionFields(def.conditions);
      let after: string | null = null;
      for (;;) {
        let q = db
          .selectFrom(TABLES[t.entity])
          .selectAll()
          .where('workspace_id', '=', rule.workspace_id)
          .where('deleted_at', 'is', null)
          .orderBy('id')
          .limit(BATCH);
        if (after) q = q.where('id', '>', after);
        const rows = (await q.execute()) as unknown as RecordRow[];
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        started += await db.transaction().execute(async (trx) => {
          const runs = [];
          for (const r of rows) {
            if (typeof r.custom === 'string') r.custom = dialect.readJson(r.custom);
            const values = await loadConditionValues(
              trx,
              dialect,
              rule.workspace_id,
              t.entity!,
              r,
              {},
              fields,
            );
            if (!check(values, { now, timezone: tz })) continue;
            runs.push(
              runRow(
                deps,
                rule,
                t.entity!,
                r.id,
                `schedule:${tick}:${r.id}`,
                { type: 'schedule', at: tick },
                at,
              ),
            );
          }
          return enqueueRuns(deps, trx, runs);
        });
        if (rows.length < BATCH) break;
      }
    }
    await db
      .updateTable('automations')
      .set({ next_fire_at: nextFireAt(def, now, tz) })
      .where('workspace_id', '=', rule.workspace_id)
      .where('id', '=', rule.id)
      .execute();
  }
  return started;
}

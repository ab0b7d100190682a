import type { BusinessCalendar } from '@tideline/shared';
import { DEFAULT_CHINA_CALENDAR } from '@tideline/engine';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { checkCalendar, normalizeCalendar } from './calendar.check';
import { findCalendarRow, upsertCalendarRow } from './calendar.repository';
import type { CalendarRow } from './calendar.repository';

/** The workspace's calendar as the API shows it; `is_default` when none was saved yet. */
export interface BusinessCalendarOut extends BusinessCalendar {
  is_default: boolean;
  updated_at: string | null;
  updated_by: string | null;
}

const AUDITED = ['working_days', 'hours', 'holidays', 'extra_working_days'] as const;

// The calendar times automations, so it is edited by those who manage automations (admins hold it).
const MANAGE = 'automations:manage' as const;

/** A fresh, editable copy of the built-in China calendar. */
export function chinaDefaultCalendar(): BusinessCalendar {
  return normalizeCalendar(DEFAULT_CHINA_CALENDAR);
}

// Both dialects hand JSON back this way (SQLite as text, PostgreSQL parsed), as Dialect.readJson does;
// reading here keeps loadBusinessCalendar callable with only an executor. Normalising restores the key
// order jsonb drops, so audit diffs compare like with like.
const definitionOf = (row: CalendarRow): BusinessCalendar =>
  normalizeCalendar(
    (typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition) as BusinessCalendar,
  );

const out = (row: CalendarRow | undefined): BusinessCalendarOut =>
  row
    ? { ...definitionOf(row), is_default: false, updated_at: row.updated_at, updated_by: row.updated_by }
    : { ...chinaDefaultCalendar(), is_default: true, updated_at: null, updated_by: null };

/**
 * The calendar business-day and business-hour durations of a workspace follow: its own, or the
 * built-in China calendar when it has none. For the automation runner and sweeps.
 */
export async function loadBusinessCalendar(
  executor: Executor,
  workspaceId: string,
): Promise<BusinessCalendar> {
  const row = await findCalendarRow(executor, workspaceId);
  return row ? definitionOf(row) : DEFAULT_CHINA_CALENDAR;
}

/** Anyone signed in may read the calendar: due dates and delays are shown to everyone. */
export async function getBusinessCalendar(deps: AppDeps, actor: Actor): Promise<BusinessCalendarOut> {
  return out(await findCalendarRow(deps.database.db, actor.workspaceId));
}

/** Replace the workspace's calendar, audited as entity `business_calendar` keyed by the workspace. */
export async function saveBusinessCalendar(
  deps: AppDeps,
  actor: Actor,
  input: BusinessCalendar,
): Promise<BusinessCalendarOut> {
  requirePermission(actor, MANAGE);
  const issues = checkCalendar(input);
  if (issues.length) throw new ValidationError(issues, 'The business calendar has invalid entries');
  const calendar = normalizeCalendar(input);
  return inTransaction(deps, async (trx) => {
    const dialect = deps.database.dialect;
    const row = await findCalendarRow(trx, actor.workspaceId, { lock: dialect });
    const changes = await logChange(trx, deps, actor, {
      entity: 'business_calendar',
      recordId: actor.workspaceId,
      before: row ? { ...definitionOf(row) } : null,
      after: { ...calendar },
      fields: AUDITED,
    });
    if (row && Object.keys(changes).length === 0) return out(row);
    const saved = {
      workspace_id: actor.workspaceId,
      definition: dialect.writeJson(calendar),
      updated_at: deps.clock.now().toISOString(),
      updated_by: actor.userId,
    };
    await upsertCalendarRow(trx, saved);
    return { ...calendar, is_default: false, updated_at: saved.updated_at, updated_by: saved.updated_by };
  });
}

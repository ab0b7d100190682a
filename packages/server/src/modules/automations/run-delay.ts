import { DateTime } from 'luxon';
import type { Step } from '@tideline/shared';
import { nextBusinessHour } from '@tideline/engine';
import { ValidationError } from '../../core/errors';
import { loadBusinessCalendar } from '../calendars/calendar.service';
import type { StepContext } from './run-context';
import { shiftTime } from './run-values';

type Delay = Extract<Step, { kind: 'delay' }>;

/** When a delay ends: after a duration, at a date field (± offset), or at the next business hour. */
export async function resumeTime(ctx: StepContext, step: Delay): Promise<Date> {
  if (step.duration) return shiftTime(ctx, ctx.now, step.duration);
  if (step.next_business_hour) {
    const cal = await loadBusinessCalendar(ctx.trx ?? ctx.deps.database.db, ctx.workspaceId);
    return nextBusinessHour(ctx.now, cal, ctx.timezone);
  }
  if (step.until_field) {
    const values = await ctx.values({ field: step.until_field, op: 'not_empty' });
    const raw = values[step.until_field];
    if (raw === null || raw === undefined || raw === '')
      throw ValidationError.field(
        'until_field',
        `the record has no ${step.until_field} to wait for`,
        'empty',
      );
    const base =
      typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw)
        ? DateTime.fromISO(raw, { zone: ctx.timezone }).startOf('day').toJSDate()
        : new Date(String(raw));
    if (Number.isNaN(base.getTime()))
      throw ValidationError.field('until_field', `${step.until_field} is not a date`);
    if (!step.offset) return base;
    const { direction, ...d } = step.offset;
    return shiftTime(ctx, base, d, direction);
  }
  return ctx.now;
}

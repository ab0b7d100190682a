import { DateTime } from 'luxon';
import type { Duration, ValueExpr } from '@tideline/shared';
import { addDuration, renderTemplate, subtractDuration } from '@tideline/engine';
import { loadBusinessCalendar } from '../calendars/calendar.service';
import type { StepContext } from './run-context';

/** `from` moved by a duration, business units following the workspace's business calendar. */
export async function shiftTime(
  ctx: StepContext,
  from: Date,
  d: Duration,
  direction: 'after' | 'before' = 'after',
) {
  const cal = await loadBusinessCalendar(ctx.trx ?? ctx.deps.database.db, ctx.workspaceId);
  return direction === 'after'
    ? addDuration(from, d, cal, ctx.timezone)
    : subtractDuration(from, d, cal, ctx.timezone);
}

/** The value a set_fields expression writes into a field of the given type. */
export async function evaluateValue(
  ctx: StepContext,
  expr: ValueExpr,
  type: string | undefined,
): Promise<unknown> {
  const asType = (d: Date) =>
    type === 'date' ? DateTime.fromJSDate(d, { zone: ctx.timezone }).toISODate() : d.toISOString();
  switch (expr.type) {
    case 'const':
      return expr.value;
    case 'now':
      return asType(ctx.now);
    case 'relative': {
      const back = expr.amount < 0;
      const d = { amount: Math.abs(expr.amount), unit: expr.unit };
      return asType(await shiftTime(ctx, ctx.now, d, back ? 'before' : 'after'));
    }
    case 'template': {
      const text = await render(ctx, expr.template);
      if (type === 'number' || type === 'money') {
        const n = Number(text.trim());
        return Number.isFinite(n) ? (type === 'money' ? Math.round(n) : n) : null;
      }
      return text;
    }
  }
}

export async function render(ctx: StepContext, template: string): Promise<string> {
  return renderTemplate(template, await ctx.scope(), { timezone: ctx.timezone, now: ctx.now });
}

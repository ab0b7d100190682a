import type { BusinessCalendar, Duration } from '@tideline/shared';
import { addDuration, subtractDuration } from './add-duration';

export type RelativeDirection = 'before' | 'after';

/** When a relative-time rule is due for a record: the field's value moved by the offset. */
export function relativeDueAt(
  fieldValue: Date,
  direction: RelativeDirection,
  offset: Duration,
  cal: BusinessCalendar,
  timezone: string,
): Date {
  return direction === 'after'
    ? addDuration(fieldValue, offset, cal, timezone)
    : subtractDuration(fieldValue, offset, cal, timezone);
}

const MAX_WIDEN = 64;
const DAY_MS = 86_400_000;

/**
 * The latest field value whose rule is due by `now`, so a sweep can select with an index:
 * `relativeDueAt(field) <= now` exactly when `field <= relativeFieldBound(now)`.
 * relativeDueAt is monotonic in the field, so this is a binary search to the millisecond; doing it
 * once per sweep keeps the per-record work in SQL. (A plain subtraction is not exact: business units
 * fold nights and weekends into single instants.)
 */
export function relativeFieldBound(
  now: Date,
  direction: RelativeDirection,
  offset: Duration,
  cal: BusinessCalendar,
  timezone: string,
): Date {
  const n = now.getTime();
  if (offset.unit === 'minutes' || offset.unit === 'hours') {
    const ms = offset.amount * (offset.unit === 'minutes' ? 60_000 : 3_600_000);
    return new Date(direction === 'after' ? n - ms : n + ms);
  }
  const due = (f: number) => relativeDueAt(new Date(f), direction, offset, cal, timezone).getTime() <= n;
  // The plain inverse is close to the answer; bracket it so that due(lo) holds and due(hi) does not.
  const estimate = (
    direction === 'after'
      ? subtractDuration(now, offset, cal, timezone)
      : addDuration(now, offset, cal, timezone)
  ).getTime();
  let lo = estimate;
  let hi = estimate;
  let step = DAY_MS;
  const startsDue = due(estimate);
  for (let i = 0; startsDue ? due(hi) : !due(lo); i++, step *= 2) {
    if (i === MAX_WIDEN) throw new RangeError('relativeFieldBound could not bracket the bound');
    if (startsDue) {
      lo = hi;
      hi += step;
    } else {
      hi = lo;
      lo -= step;
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (due(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

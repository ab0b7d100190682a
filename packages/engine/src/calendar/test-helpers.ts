import { DateTime } from 'luxon';
import type { BusinessCalendar } from '@tideline/shared';

/** A wall-clock time 'YYYY-MM-DD HH:mm' in a zone as an instant, and back: test tables read local. */
export const at = (local: string, zone = 'Asia/Shanghai'): Date =>
  DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone }).toJSDate();

export const show = (d: Date, zone = 'Asia/Shanghai'): string =>
  DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** Mon–Fri 09:00–17:00, no holidays: for the DST zone, where China's holidays mean nothing. */
export const PLAIN_WEEK: BusinessCalendar = {
  working_days: [1, 2, 3, 4, 5],
  hours: [{ start: '09:00', end: '17:00' }],
  holidays: [],
  extra_working_days: [],
};

import { useQuery } from '@tanstack/react-query';
import type { BusinessCalendar } from '@tideline/shared';
import { ApiError, api, isApiError } from '../api/client';
import type { CalendarMessages } from '../i18n/calendar.zh-CN';
import { format } from '../i18n/I18nProvider';

/** GET /settings/business-calendar (packages/server/src/modules/calendars). */
export interface BusinessCalendarOut extends BusinessCalendar {
  is_default: boolean;
  updated_at: string | null;
  updated_by: string | null;
}

export const CALENDAR_PATH = '/settings/business-calendar';
export const CALENDAR_KEY = ['business-calendar'] as const;

export function useBusinessCalendar() {
  return useQuery({ queryKey: CALENDAR_KEY, queryFn: () => api<BusinessCalendarOut>(CALENDAR_PATH) });
}

export type DayKind = 'working' | 'off' | 'holiday' | 'extra';

/**
 * What a 'YYYY-MM-DD' date is under a calendar, as the engine decides it (packages/engine isWorkingDay,
 * which the web cannot import): a holiday is off, a swapped working day is on, else by weekday.
 */
export function dayKind(
  date: string,
  cal: Pick<BusinessCalendar, 'working_days' | 'holidays' | 'extra_working_days'>,
): DayKind {
  if (cal.holidays.includes(date)) return 'holiday';
  if (cal.extra_working_days.includes(date)) return 'extra';
  return cal.working_days.includes(isoWeekday(date)) ? 'working' : 'off';
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Times a working period may start or end at: every quarter hour, 24:00 included. */
export const TIME_OPTIONS: string[] = Array.from({ length: 97 }, (_, i) => {
  const minutes = i * 15;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
});

/**
 * The server's refusal in our words, with errors on single dates (`holidays[3]`) moved onto their
 * list so they show next to it; returns the refused dates too, to mark them.
 */
export function localizeCalendarError(
  error: unknown,
  t: CalendarMessages,
  sent: BusinessCalendar,
): { error: unknown; badDates: string[] } {
  if (!isApiError(error)) return { error, badDates: [] };
  const badDates: string[] = [];
  const errors = error.errors.map((e) => {
    const item = /^(holidays|extra_working_days)\[(\d+)\]$/.exec(e.path);
    const date = item ? sent[item[1] as 'holidays' | 'extra_working_days'][Number(item[2])] : undefined;
    if (date) badDates.push(date);
    const known = e.code && e.code in t.errors ? t.errors[e.code as keyof CalendarMessages['errors']] : null;
    const message = known ? format(known, { date: date ?? '' }) : date ? `${date}: ${e.message}` : e.message;
    const path = item ? item[1]! : e.path;
    // A message already in our words drops its code, so the form does not swap in a generic one.
    return known ? { path, message } : { ...e, path, message };
  });
  return { error: new ApiError(error.status, error.code, error.message, errors, error.body), badDates };
}

import type { BusinessCalendar } from '@tideline/shared';

/** Every date from `from` to `to`, both included, as 'YYYY-MM-DD'. */
function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

// Shared by every workspace without a calendar of its own: frozen so no caller can edit it in place.
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * Mainland China's working week (Mon–Fri, 09:00–12:00 and 13:30–18:00) with the 2026 public holidays
 * and swapped working days (调休) from the State Council notice 国务院办公厅关于2026年部分节假日安排的
 * 通知 (国办发明电〔2025〕7号, 2025-11-04, gov.cn/zhengce/content/202511/content_7047090.htm), as
 * reprinted by Xinhua and cross-checked against the holiday-cn dataset. Holidays list every day of
 * each break, weekends included, so the calendar shows whole breaks. Add 2027 when it is published.
 */
export const DEFAULT_CHINA_CALENDAR: BusinessCalendar = deepFreeze({
  working_days: [1, 2, 3, 4, 5],
  hours: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  holidays: [
    ...dates('2026-01-01', '2026-01-03'), // 元旦
    ...dates('2026-02-15', '2026-02-23'), // 春节
    ...dates('2026-04-04', '2026-04-06'), // 清明节
    ...dates('2026-05-01', '2026-05-05'), // 劳动节
    ...dates('2026-06-19', '2026-06-21'), // 端午节
    ...dates('2026-09-25', '2026-09-27'), // 中秋节
    ...dates('2026-10-01', '2026-10-07'), // 国庆节
  ],
  extra_working_days: [
    '2026-01-04', // 元旦: Sunday
    '2026-02-14', // 春节: Saturday
    '2026-02-28', // 春节: Saturday
    '2026-05-09', // 劳动节: Saturday
    '2026-09-20', // 国庆节: Sunday
    '2026-10-10', // 国庆节: Saturday
  ],
});

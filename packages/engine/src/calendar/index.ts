export { isWorkingDay } from './business-calendar';
export { addDuration, subtractDuration } from './add-duration';
export { isWithinBusinessHours, nextBusinessHour } from './next-business-hour';
export { relativeDueAt, relativeFieldBound } from './relative-due-at';
export type { RelativeDirection } from './relative-due-at';
export { DEFAULT_CHINA_CALENDAR } from './china-calendar';

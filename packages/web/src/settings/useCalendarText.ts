import { useModuleMessages } from '../i18n/useModuleMessages';
import { calendarEnUS } from '../i18n/calendar.en-US';
import { calendarZhCN } from '../i18n/calendar.zh-CN';

const DICTIONARIES = { 'zh-CN': calendarZhCN, 'en-US': calendarEnUS };

/** The business calendar texts in the current language. */
export const useCalendarText = () => useModuleMessages(DICTIONARIES);

import { useModuleMessages } from '../i18n/useModuleMessages';
import { tasksEnUS } from '../i18n/tasks.en-US';
import { tasksZhCN } from '../i18n/tasks.zh-CN';

const DICTIONARIES = { 'zh-CN': tasksZhCN, 'en-US': tasksEnUS };

/** The tasks texts in the current language. */
export const useTaskText = () => useModuleMessages(DICTIONARIES);

import { useModuleMessages } from '../i18n/useModuleMessages';
import { automationsEnUS } from '../i18n/automations.en-US';
import { automationsZhCN } from '../i18n/automations.zh-CN';

const DICTIONARIES = { 'zh-CN': automationsZhCN, 'en-US': automationsEnUS };

/** The automation area's texts in the current language. */
export const useAutomationText = () => useModuleMessages(DICTIONARIES);

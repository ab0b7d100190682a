import { useModuleMessages } from '../i18n/useModuleMessages';
import { settingsEnUS } from '../i18n/settings.en-US';
import { settingsZhCN } from '../i18n/settings.zh-CN';

const DICTIONARIES = { 'zh-CN': settingsZhCN, 'en-US': settingsEnUS };

/** The settings texts in the current language. */
export const useSettingsText = () => useModuleMessages(DICTIONARIES);

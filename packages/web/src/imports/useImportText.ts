import { useModuleMessages } from '../i18n/useModuleMessages';
import { importsEnUS } from '../i18n/imports.en-US';
import { importsZhCN } from '../i18n/imports.zh-CN';

const DICTIONARIES = { 'zh-CN': importsZhCN, 'en-US': importsEnUS };

/** The import area's texts in the current language. */
export const useImportText = () => useModuleMessages(DICTIONARIES);

import { useModuleMessages } from '../i18n/useModuleMessages';
import { poolsEnUS } from '../i18n/pools.en-US';
import { poolsZhCN } from '../i18n/pools.zh-CN';

const DICTIONARIES = { 'zh-CN': poolsZhCN, 'en-US': poolsEnUS };

/** The pool area's texts in the current language. */
export const usePoolText = () => useModuleMessages(DICTIONARIES);

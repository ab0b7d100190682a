import { useModuleMessages } from '../i18n/useModuleMessages';
import { boardEnUS } from '../i18n/board.en-US';
import { boardZhCN } from '../i18n/board.zh-CN';
import type { BoardMessages } from '../i18n/board.zh-CN';

const DICTIONARIES = { 'zh-CN': boardZhCN, 'en-US': boardEnUS };

/** Texts of the pipeline board in the current language. */
export function useBoardText(): BoardMessages {
  return useModuleMessages(DICTIONARIES);
}

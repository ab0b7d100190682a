import { useModuleMessages } from '../i18n/useModuleMessages';
import { detailEnUS } from '../i18n/detail.en-US';
import { detailZhCN } from '../i18n/detail.zh-CN';
import type { DetailMessages } from '../i18n/detail.zh-CN';

const DICTIONARIES = { 'zh-CN': detailZhCN, 'en-US': detailEnUS };

/** Texts of the record pages in the current language. */
export function useDetailText(): DetailMessages {
  return useModuleMessages(DICTIONARIES);
}

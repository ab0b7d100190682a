import { useModuleMessages } from '../i18n/useModuleMessages';
import { dedupeEnUS } from '../i18n/dedupe.en-US';
import { dedupeZhCN } from '../i18n/dedupe.zh-CN';
import type { DedupeMessages } from '../i18n/dedupe.zh-CN';

const DICTIONARIES = { 'zh-CN': dedupeZhCN, 'en-US': dedupeEnUS };

/** Texts of the duplicate dialog in the current language. */
export function useDedupeText(): DedupeMessages {
  return useModuleMessages(DICTIONARIES);
}

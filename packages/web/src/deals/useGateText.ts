import { useModuleMessages } from '../i18n/useModuleMessages';
import { gatesEnUS } from '../i18n/gates.en-US';
import { gatesZhCN } from '../i18n/gates.zh-CN';
import type { GateMessages } from '../i18n/gates.zh-CN';

const DICTIONARIES = { 'zh-CN': gatesZhCN, 'en-US': gatesEnUS };

/** Texts of stage gates in the current language. */
export function useGateText(): GateMessages {
  return useModuleMessages(DICTIONARIES);
}

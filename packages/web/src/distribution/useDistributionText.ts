import { useModuleMessages } from '../i18n/useModuleMessages';
import { distributionEnUS } from '../i18n/distribution.en-US';
import { distributionZhCN } from '../i18n/distribution.zh-CN';

const DICTIONARIES = { 'zh-CN': distributionZhCN, 'en-US': distributionEnUS };

/** Texts of the lead distribution settings in the current language. */
export const useDistributionText = () => useModuleMessages(DICTIONARIES);

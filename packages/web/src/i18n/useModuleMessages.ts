import { useI18n } from './I18nProvider';
import type { Locale } from './I18nProvider';

/**
 * The dictionary of one feature area (tasks, settings) in the current language. Areas keep their own
 * dictionary files so the shared zh-CN/en-US files stay small; each pair is typed by its zh-CN half.
 */
export function useModuleMessages<T>(dictionaries: Record<Locale, T>): T {
  return dictionaries[useI18n().locale];
}

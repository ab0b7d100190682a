import { useCallback } from 'react';
import { isApiError } from '../api/client';
import { fieldErrorText } from '../forms/applyApiError';
import { useI18n } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';

/**
 * One sentence for a refused write that has no form to put field errors on (a drag on the board, the
 * follow-up box, a tag): the fields the server named with our wording for the codes we know.
 */
export function refusalText(
  error: unknown,
  m: Messages,
  localize: boolean,
  labelOf: (path: string) => string = (p) => p,
): string {
  if (!isApiError(error)) return m.common.unknownError;
  if (error.status === 0) return m.common.networkError;
  if (error.status === 403) return m.common.forbidden;
  if (error.status === 404) return m.common.notFound;
  const sep = localize ? '：' : ': ';
  if (error.errors.length)
    return error.errors
      .map((e) => `${labelOf(e.path)}${sep}${fieldErrorText(e, m, localize)}`)
      .join(localize ? '；' : '; ');
  return error.message || m.common.unknownError;
}

/** refusalText in the current language. */
export function useRefusalText(labelOf?: (path: string) => string): (error: unknown) => string {
  const { m, locale } = useI18n();
  return useCallback(
    (error: unknown) => refusalText(error, m, locale === 'zh-CN', labelOf),
    [m, locale, labelOf],
  );
}

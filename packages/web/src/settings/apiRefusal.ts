import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, isApiError } from '../api/client';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import type { SettingsMessages } from '../i18n/settings.zh-CN';
import { useSettingsText } from './useSettingsText';

type Refusals = SettingsMessages['refusals'];

function fill(template: string, body: Record<string, unknown>): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(body))
    if (typeof v === 'string' || typeof v === 'number') values[k] = v;
  return format(template, values);
}

const known = (refusals: Refusals, code: string | undefined): code is keyof Refusals =>
  Boolean(code && code in refusals);

/**
 * The same error with the server's English sentences replaced by ours for the codes we know, so a
 * zh-CN admin reads "阶段“方案”中还有 3 个商机" rather than the API's text. Unknown codes keep the
 * server's words, which still say what went wrong.
 */
export function localizeApiError(error: unknown, refusals: Refusals): unknown {
  if (!isApiError(error)) return error;
  const title = known(refusals, error.code) ? fill(refusals[error.code], error.body) : error.message;
  const errors = error.errors.map((e) =>
    known(refusals, e.code) ? { ...e, message: fill(refusals[e.code], error.body) } : e,
  );
  return new ApiError(error.status, error.code, title, errors, error.body);
}

/** One sentence for a refused action that has no form (delete, complete, unlock). */
export function useRefusalText(): (error: unknown) => string {
  const { m, locale } = useI18n();
  const t = useSettingsText();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return m.common.unknownError;
      if (error.status === 0) return m.common.networkError;
      if (error.status === 403) return m.common.forbidden;
      if (error.status === 404) return m.common.notFound;
      const localized = localizeApiError(error, t.refusals) as ApiError;
      const fieldTexts = localized.errors.map((e) => e.message).filter((text) => text !== localized.message);
      return [localized.message, ...fieldTexts].join(locale === 'zh-CN' ? '；' : '; ');
    },
    [m, t, locale],
  );
}

/** useFormSubmit with the settings' own refusal texts: field errors land on fields, the rest above the form. */
export function useSettingsSubmit<V, R>(
  form: FormInstance,
  submit: (values: V) => Promise<R>,
  opts: { onSuccess?: (result: R) => void; rename?: Record<string, string> } = {},
) {
  const t = useSettingsText();
  return useFormSubmit<V, R>(
    form,
    async (values) => {
      try {
        return await submit(values);
      } catch (e) {
        throw localizeApiError(e, t.refusals);
      }
    },
    opts,
  );
}

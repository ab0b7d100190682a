import { ApiError, isApiError } from '../api/client';
import type { Locale } from '../i18n/I18nProvider';
import type { Messages } from '../i18n/zh-CN';
import type { ImportMessages } from '../i18n/imports.zh-CN';

type Codes = ImportMessages['errors'];
const known = (codes: Codes, code: string | undefined): code is keyof Codes => Boolean(code && code in codes);

/**
 * The same error with our sentences for the codes we know, so a zh-CN user does not read the API's
 * English; codes we do not know keep the server's words, which still say what went wrong.
 */
export function localizeImportError(
  error: unknown,
  t: ImportMessages,
  locale: Locale,
  title?: string,
): unknown {
  if (!isApiError(error) || locale !== 'zh-CN') return error;
  const errors = error.errors.map((e) => (known(t.errors, e.code) ? { ...e, message: t.errors[e.code] } : e));
  const headline = title && error.code === 'validation_failed' ? title : error.message;
  return new ApiError(error.status, error.code, headline, errors, error.body);
}

/**
 * What to say when a file is refused: a too-large file in our words (a proxy may answer 413 with an
 * HTML page), otherwise each problem the server found in the file, else its one sentence.
 */
export function uploadErrorLines(error: unknown, t: ImportMessages, m: Messages, locale: Locale): string[] {
  if (!isApiError(error)) return [m.common.unknownError];
  if (error.status === 413) return [t.upload.tooLarge];
  if (error.status === 0) return [m.common.networkError];
  if (error.status === 403) return [m.common.forbidden];
  const localized = localizeImportError(error, t, locale) as ApiError;
  const details = localized.errors.map((e) => e.message).filter((text) => text && text !== error.message);
  // The headline ("The request has invalid fields") adds nothing to the details a zh-CN user reads.
  if (details.length && locale === 'zh-CN') return details;
  return [error.message || m.common.unknownError, ...details];
}

/** One sentence for a refused action without a form (cancel) or a failed load. */
export function refusalLine(error: unknown, m: Messages): string {
  if (!isApiError(error)) return m.common.unknownError;
  if (error.status === 0) return m.common.networkError;
  if (error.status === 403) return m.common.forbidden;
  if (error.status === 404) return m.common.notFound;
  return [error.message, ...error.errors.map((e) => e.message)].join(' · ');
}

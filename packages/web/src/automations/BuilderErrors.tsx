import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { Form } from 'antd';
import type { FieldError } from '../api/client';
import { fieldErrorText } from '../forms/applyApiError';
import { useI18n } from '../i18n/I18nProvider';
import { errorsAt, isAtOrUnder } from './errorPaths';
import { useAutomationText } from './useAutomationText';

interface Claim {
  path: string;
  exact: boolean;
}

interface ErrorsValue {
  errors: readonly FieldError[];
  claim: (claim: Claim) => () => void;
  claims: readonly Claim[];
}

const ErrorsContext = createContext<ErrorsValue | null>(null);

/**
 * Hands the last save's errors to the parts of the builder they name. Each part that shows errors
 * claims its path, so whatever no visible part shows can still be listed above the builder.
 */
export function BuilderErrorsProvider({
  errors,
  children,
}: {
  errors: readonly FieldError[];
  children: ReactNode;
}) {
  const [claims, setClaims] = useState<Claim[]>([]);
  const claim = useCallback((c: Claim) => {
    setClaims((list) => [...list, c]);
    return () =>
      setClaims((list) => {
        const i = list.indexOf(c);
        return i < 0 ? list : list.filter((_, j) => j !== i);
      });
  }, []);
  const value = useMemo(() => ({ errors, claim, claims }), [errors, claim, claims]);
  return <ErrorsContext.Provider value={value}>{children}</ErrorsContext.Provider>;
}

/** The texts a part shows: the errors at its path (and under it unless `exact`), in the UI's language. */
export function useErrorsAt(path: string, exact = false): string[] {
  const ctx = useContext(ErrorsContext);
  const { m, locale } = useI18n();
  const t = useAutomationText();
  const mine = useMemo(() => (ctx ? errorsAt(ctx.errors, path, exact) : []), [ctx, path, exact]);
  const claim = ctx?.claim;
  const has = mine.length > 0;
  useEffect(() => {
    if (!claim || !has) return;
    return claim({ path, exact });
  }, [claim, has, path, exact]);
  return mine.map((e) =>
    e.path === 'steps' && e.code === 'too_small' ? t.steps.empty : fieldErrorText(e, m, locale === 'zh-CN'),
  );
}

/** Errors no visible part of the builder shows. */
export function useUnclaimedErrors(): FieldError[] {
  const ctx = useContext(ErrorsContext);
  if (!ctx) return [];
  return ctx.errors.filter(
    (e) => !ctx.claims.some((c) => (c.exact ? e.path === c.path : isAtOrUnder(e.path, c.path))),
  );
}

/** The number of errors at or under some paths, for section and step badges (claims nothing). */
export function useErrorCount(path: string | readonly string[]): number {
  const ctx = useContext(ErrorsContext);
  if (!ctx) return 0;
  const paths = typeof path === 'string' ? [path] : path;
  return ctx.errors.filter((e) => paths.some((p) => isAtOrUnder(e.path, p))).length;
}

/** A labelled part of the builder that shows the errors at its path in place of its help. */
export function BuilderField({
  label,
  path,
  exact,
  help,
  children,
  style,
}: {
  label?: ReactNode;
  path: string;
  exact?: boolean;
  help?: ReactNode;
  children: ReactNode;
  style?: React.CSSProperties;
}) {
  const errors = useErrorsAt(path, exact);
  const { locale } = useI18n();
  return (
    <Form.Item
      label={label}
      validateStatus={errors.length ? 'error' : undefined}
      help={errors.length ? errors.join(locale === 'zh-CN' ? '；' : '; ') : help}
      style={{ marginBottom: 12, ...style }}
    >
      {children}
    </Form.Item>
  );
}

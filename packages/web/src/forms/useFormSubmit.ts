import { useState } from 'react';
import type { FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../i18n/I18nProvider';
import { applyApiError } from './applyApiError';

/**
 * Submit an Ant Design form through the API: field errors from problem+json land on their fields,
 * the rest shows as `formError` above the form. Every form of the app submits through this.
 */
export function useFormSubmit<V, R>(
  form: FormInstance,
  submit: (values: V) => Promise<R>,
  opts: { onSuccess?: (result: R) => void; rename?: Record<string, string> } = {},
) {
  const { m, locale } = useI18n();
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: (result) => opts.onSuccess?.(result),
    onError: (error) =>
      setFormError(
        applyApiError(form, error, m, {
          localize: locale === 'zh-CN',
          ...(opts.rename ? { rename: opts.rename } : {}),
        }),
      ),
  });
  return {
    onFinish: (values: V) => {
      setFormError(null);
      mutation.mutate(values);
    },
    submitting: mutation.isPending,
    formError,
    clearError: () => setFormError(null),
  };
}

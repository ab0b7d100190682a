import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useCustomFields } from '../api/hooks';
import { format, useI18n } from '../i18n/I18nProvider';
import { CustomFieldItems } from './CustomFieldItems';
import { compact, customToApi } from './customValues';
import { useFormSubmit } from './useFormSubmit';
import { useDuplicateConfirm } from '../dedupe/useDuplicateConfirm';

export type FormValues = Record<string, unknown> & { custom?: Record<string, unknown> };

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (record: { id: string }) => void;
  form: FormInstance<FormValues>;
  title: string;
  noun: string;
  entity: string;
  /** API collection to POST to, e.g. "/customers". */
  path: string;
  initialValues?: FormValues;
  /** Turn form values into the request body (money to fen, dates to text…). */
  toBody?: (values: FormValues) => Record<string, unknown>;
  children: ReactNode;
}

/** A create dialog for a record: built-in fields as children, custom fields by type, API errors on fields. */
export function RecordFormModal(props: Props) {
  const { open, onClose, onCreated, form, title, noun, entity, path, initialValues, toBody, children } =
    props;
  const { m } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: defs = [] } = useCustomFields(entity);
  // Customers, contacts and leads ask before a duplicate: see useDuplicateConfirm.
  const duplicates = useDuplicateConfirm(
    entity,
    () => form.submit(),
    (field) => defs.find((d) => `custom.${d.key}` === field)?.label,
  );
  const submit = async (values: FormValues) => {
    const { custom, ...rest } = values;
    const body = compact(toBody ? toBody(rest) : rest);
    const customBody = customToApi(defs, custom);
    return duplicates.send((allow) =>
      api<{ id: string }>(path, {
        method: 'POST',
        body: customBody ? { ...body, custom: customBody } : body,
        query: { allow_duplicate: allow },
      }),
    );
  };
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, submit, {
    onSuccess: (record) => {
      if (!record) return; // stopped at a duplicate: the dialog says what matched
      void queryClient.invalidateQueries({ queryKey: ['list', path] });
      message.success(format(m.forms.created, { entity: noun }));
      onClose();
      onCreated(record);
    },
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      clearError();
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues}
        scrollToFirstError
      >
        {children}
        <CustomFieldItems defs={defs} />
      </Form>
      {duplicates.dialog}
    </Modal>
  );
}

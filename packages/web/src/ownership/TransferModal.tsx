import { useEffect } from 'react';
import { Alert, App, Checkbox, Form, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useUserNames } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { UserSelect } from '../forms/UserSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { summaryText } from './moveSummary';
import type { MoveSummary } from './moveSummary';

interface Props {
  open: boolean;
  onClose: () => void;
  recordType: 'lead' | 'customer' | 'deal';
  ids: string[];
  currentOwnerId?: string | null;
  onDone?: (moved: MoveSummary) => void;
}

interface Values {
  owner_id?: string;
  include_related?: boolean;
}

/** Give records to another owner; a customer can bring its open deals and tasks along. */
export function TransferModal({ open, onClose, recordType, ids, currentOwnerId, onDone }: Props) {
  const { m, locale } = useI18n();
  const t = useDetailText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const names = useUserNames();
  const [form] = Form.useForm<Values>();
  const { onFinish, submitting, formError, clearError } = useFormSubmit<Values, { moved: MoveSummary }>(
    form,
    (values) =>
      api('/ownership/transfer', {
        method: 'POST',
        body: {
          record_type: recordType,
          ids,
          owner_id: values.owner_id,
          include_related: recordType === 'customer' ? (values.include_related ?? true) : false,
        },
      }),
    {
      // The bulk endpoint names bad rows as ids[i]; one record here, so that is this record.
      rename: { 'ids[0]': 'owner_id' },
      onSuccess: ({ moved }) => {
        const owner = names.get(form.getFieldValue('owner_id') as string) ?? '';
        const summary = summaryText(moved, t, locale);
        message.success(summary ? format(t.transfer.done, { name: owner, summary }) : t.transfer.nothing);
        void queryClient.invalidateQueries();
        onClose();
        onDone?.(moved);
      },
    },
  );
  useEffect(() => {
    if (open) {
      form.resetFields();
      clearError();
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={t.transfer.title}
      okText={m.common.confirm}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ include_related: true }}>
        <Form.Item
          name="owner_id"
          label={t.transfer.newOwner}
          rules={[
            { required: true, message: m.errors.required },
            {
              validator: (_, v) =>
                v && v === currentOwnerId
                  ? Promise.reject(new Error(t.transfer.sameOwner))
                  : Promise.resolve(),
            },
          ]}
        >
          <UserSelect allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        {recordType === 'customer' && (
          <Form.Item name="include_related" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t.transfer.includeRelated}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { refreshPools, releaseCustomers, usePools } from './poolApi';
import { usePoolText } from './usePoolText';

interface ReleaseValues {
  pool_id?: string;
  reason: string;
}

/**
 * 退回公海: a required reason and the pool, which defaults to the customers' home pool (the server
 * picks it by scope when no pool is named).
 */
export function ReleaseModal({
  ids,
  open,
  onClose,
  onDone,
}: {
  ids: string[];
  open: boolean;
  onClose: () => void;
  onDone?: () => void;
}) {
  const t = usePoolText();
  const { m } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<ReleaseValues>();
  const pools = usePools();
  const { onFinish, submitting, formError } = useFormSubmit<ReleaseValues, unknown>(
    form,
    (v) => releaseCustomers({ ids, reason: v.reason, ...(v.pool_id ? { pool_id: v.pool_id } : {}) }),
    {
      onSuccess: () => {
        message.success(format(t.release.done, { n: ids.length }));
        void refreshPools(client);
        void client.invalidateQueries({ queryKey: ['customer'] });
        onClose();
        onDone?.();
      },
    },
  );
  const options = [
    { value: '', label: t.release.homePool },
    ...(pools.data?.items ?? []).filter((p) => p.enabled).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <Modal
      open={open}
      title={format(t.release.title, { n: ids.length })}
      okText={t.release.action}
      cancelText={m.common.cancel}
      okButtonProps={{ danger: true }}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ pool_id: '', reason: '' }}>
        <Form.Item name="pool_id" label={t.release.pool}>
          <Select options={options} loading={pools.isPending} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.release.reason}
          rules={[{ required: true, whitespace: true, message: t.release.reasonRequired }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t.release.reasonPlaceholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

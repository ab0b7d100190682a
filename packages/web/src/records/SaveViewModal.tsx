import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useI18n } from '../i18n/I18nProvider';
import { useFormSubmit } from '../forms/useFormSubmit';

export interface SaveViewValues {
  name: string;
  shared: boolean;
}

interface Props {
  open: boolean;
  canShare: boolean;
  initial?: Partial<SaveViewValues>;
  onCancel: () => void;
  onSave: (values: SaveViewValues) => Promise<unknown>;
}

/** Name a view (and share it, for those who may): the field errors come back from the API. */
export function SaveViewModal({ open, canShare, initial, onCancel, onSave }: Props) {
  const { m } = useI18n();
  const [form] = Form.useForm<SaveViewValues>();
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, onSave, {
    onSuccess: onCancel,
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ name: initial?.name ?? '', shared: initial?.shared ?? false });
      clearError();
    }
    // Reset only when the dialog opens.
  }, [open]);
  return (
    <Modal
      open={open}
      title={m.views.save}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ shared: false }}>
        <Form.Item
          name="name"
          label={m.views.name}
          rules={[{ required: true, whitespace: true, message: m.views.nameRequired }]}
        >
          <Input maxLength={100} autoFocus />
        </Form.Item>
        {canShare && (
          <Form.Item name="shared" label={m.views.share} valuePropName="checked" extra={m.views.shareHelp}>
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

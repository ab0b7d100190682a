import { useState } from 'react';
import { App, Form, Modal } from 'antd';
import { UserSelect } from '../forms/UserSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import { usePoolText } from './usePoolText';

/** Pick the rep who gets the chosen pool customers (pool admins, managers). */
export function AssignModal({
  ids,
  onCancel,
  onAssign,
}: {
  ids: string[] | null;
  onCancel: () => void;
  onAssign: (ids: string[], ownerId: string) => Promise<void>;
}) {
  const t = usePoolText();
  const { m } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ owner_id: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ owner_id }: { owner_id: string }) => {
    if (!ids) return;
    setBusy(true);
    try {
      await onAssign(ids, owner_id);
    } catch (e) {
      message.error(e instanceof Error ? e.message : m.common.unknownError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={ids !== null}
      title={format(t.assignTitle, { n: ids?.length ?? 0 })}
      okText={m.common.confirm}
      cancelText={m.common.cancel}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="owner_id"
          label={t.assignTo}
          rules={[{ required: true, message: m.errors.required }]}
        >
          <UserSelect allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { PERMISSIONS } from '@tideline/shared';
import type { Permission } from '@tideline/shared';
import type { Dayjs } from 'dayjs';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useSettingsSubmit } from './apiRefusal';
import { PermissionChecklist } from './PermissionChecklist';
import type { ApiToken } from './settingsApi';
import { useSettingsText } from './useSettingsText';

interface Values {
  name: string;
  scopes: Permission[];
  expires_at?: Dayjs | null;
}

/** Create a token, then show its secret once, with a copy button; closing forgets it. */
export function TokenCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { m } = useI18n();
  const t = useSettingsText();
  const k = t.tokens;
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<string | null>(null);
  const submit = (v: Values) =>
    api<ApiToken & { token: string }>('/tokens', {
      method: 'POST',
      body: { name: v.name, scopes: v.scopes, expires_at: v.expires_at ? v.expires_at.toISOString() : null },
    });
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: (created) => {
      setSecret(created.token);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  useEffect(() => {
    if (open) {
      clearError();
      setSecret(null);
    }
  }, [open]);
  const copy = async () => {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret);
      message.success(k.copied);
    } catch {
      // Clipboard access can be refused (insecure origin); the text stays selectable.
    }
  };
  if (secret) {
    return (
      <Modal
        open={open}
        title={k.secretTitle}
        onCancel={onClose}
        footer={<Button onClick={onClose}>{m.common.close}</Button>}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={k.secretBody} style={{ marginBottom: 12 }} />
        <Flex gap={8} align="center">
          <Typography.Text code style={{ wordBreak: 'break-all', flex: 1 }} data-token-secret>
            {secret}
          </Typography.Text>
          <Button type="primary" icon={<CopyOutlined />} onClick={copy}>
            {k.copy}
          </Button>
        </Flex>
      </Modal>
    );
  }
  return (
    <Modal
      open={open}
      title={k.new}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={720}
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ scopes: [] }}>
        <Form.Item
          name="name"
          label={k.name}
          rules={[
            { required: true, whitespace: true, message: format(m.forms.requiredField, { field: k.name }) },
          ]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="expires_at" label={k.expiresAt}>
          <DatePicker showTime placeholder={k.neverExpires} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={
            <Flex gap={8} align="center">
              {k.scopes}
              <Button
                size="small"
                type="link"
                onClick={() =>
                  form.setFieldValue(
                    'scopes',
                    PERMISSIONS.filter((p) => can(p)),
                  )
                }
              >
                {k.selectAll}
              </Button>
            </Flex>
          }
          extra={k.scopesHelp}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: format(m.forms.requiredField, { field: k.scopes }),
            },
          ]}
        >
          <PermissionChecklist unavailable={(p) => !can(p)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect } from 'react';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DATA_SCOPES } from '@tideline/shared';
import type { DataScope, Permission } from '@tideline/shared';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText, useSettingsSubmit } from './apiRefusal';
import { PermissionChecklist } from './PermissionChecklist';
import { ROLES_KEY } from './settingsApi';
import type { Role } from './settingsApi';
import { useSettingsText } from './useSettingsText';

interface Values {
  name: string;
  data_scope: DataScope;
  permissions: Permission[];
}

/** A role's name, data scope and permissions; custom roles nobody holds can be deleted. */
export function RoleEditor({ role, onDeleted }: { role: Role; onDeleted: () => void }) {
  const { m } = useI18n();
  const t = useSettingsText();
  const r = t.roles;
  const { can } = useAuth();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const fixed = role.key === 'admin';
  const submit = (v: Values) =>
    api<Role>(`/roles/${role.id}`, {
      method: 'PATCH',
      body: fixed ? { name: v.name } : { name: v.name, data_scope: v.data_scope, permissions: v.permissions },
    });
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: () => {
      message.success(m.common.saved);
      void queryClient.invalidateQueries({ queryKey: ROLES_KEY });
    },
  });
  useEffect(() => clearError(), [role.id]);
  const remove = useMutation({
    mutationFn: () => api<void>(`/roles/${role.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t.deleted);
      onDeleted();
      void queryClient.invalidateQueries({ queryKey: ROLES_KEY });
    },
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {role.name}
          </Typography.Title>
          {role.is_system && <Tag>{r.system}</Tag>}
        </Space>
        {!role.is_system && (
          <Popconfirm
            title={format(r.deleteConfirm, { name: role.name })}
            okText={m.common.delete}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate()}
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
              {m.common.delete}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {fixed && <Alert type="info" showIcon title={r.adminFixed} />}
      {remove.isError && <Alert type="error" showIcon title={refusal(remove.error)} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ whiteSpace: 'pre-line' }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ name: role.name, data_scope: role.data_scope, permissions: role.permissions }}
      >
        <Form.Item
          name="name"
          label={r.name}
          rules={[
            { required: true, whitespace: true, message: format(m.forms.requiredField, { field: r.name }) },
          ]}
        >
          <Input maxLength={200} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item name="data_scope" label={r.dataScope}>
          <Radio.Group disabled={fixed}>
            <Flex vertical gap={4}>
              {DATA_SCOPES.map((s) => (
                <Radio key={s} value={s}>
                  {r.scopes[s]}{' '}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.scopeHelp[s]}
                  </Typography.Text>
                </Radio>
              ))}
            </Flex>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="permissions" label={r.permissions}>
          <PermissionChecklist disabled={fixed} unavailable={(p) => !can(p)} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {m.common.save}
        </Button>
      </Form>
    </Flex>
  );
}

import { useState } from 'react';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Menu,
  Modal,
  Radio,
  Row,
  Skeleton,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { DATA_SCOPES } from '@tideline/shared';
import type { DataScope } from '@tideline/shared';
import { api } from '../api/client';
import { format, useI18n } from '../i18n/I18nProvider';
import { useSettingsSubmit } from './apiRefusal';
import { RoleEditor } from './RoleEditor';
import { ROLES_KEY, useRoles } from './settingsApi';
import type { Role } from './settingsApi';
import { useSettingsText } from './useSettingsText';

/** /settings/roles: the roles on the left, the chosen one's data scope and permissions on the right. */
export function RoleList() {
  const t = useSettingsText();
  const { data: roles = [], isPending } = useRoles();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const current = roles.find((r) => r.id === selected) ?? roles[0];
  return (
    <Card
      title={t.sections.roles}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t.roles.new}
        </Button>
      }
    >
      {isPending ? (
        <Skeleton active />
      ) : (
        <Row gutter={[24, 16]}>
          <Col xs={24} md={7}>
            <Menu
              mode="inline"
              selectedKeys={current ? [current.id] : []}
              onClick={({ key }) => setSelected(key)}
              style={{ borderInlineEnd: 'none' }}
              items={roles.map((r) => ({
                key: r.id,
                label: (
                  <span>
                    {r.name} <Badge count={r.user_count} showZero color="#bfbfbf" size="small" />
                  </span>
                ),
              }))}
            />
          </Col>
          <Col xs={24} md={17}>
            {current ? (
              <RoleEditor
                key={`${current.id}:${current.updated_at}`}
                role={current}
                onDeleted={() => setSelected(null)}
              />
            ) : (
              <Empty description={t.roles.pick} />
            )}
          </Col>
        </Row>
      )}
      <RoleCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(r) => setSelected(r.id)}
      />
    </Card>
  );
}

function RoleCreateModal(props: { open: boolean; onClose: () => void; onCreated: (role: Role) => void }) {
  const { m } = useI18n();
  const t = useSettingsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; data_scope: DataScope }>();
  const { onFinish, submitting, formError } = useSettingsSubmit(
    form,
    (v: { name: string; data_scope: DataScope }) =>
      api<Role>('/roles', { method: 'POST', body: { ...v, permissions: [] } }),
    {
      onSuccess: (role) => {
        message.success(t.created);
        void queryClient.invalidateQueries({ queryKey: ROLES_KEY });
        props.onClose();
        props.onCreated(role);
      },
    },
  );
  return (
    <Modal
      open={props.open}
      title={t.roles.new}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ data_scope: 'own' }}>
        <Form.Item
          name="name"
          label={t.roles.name}
          rules={[
            {
              required: true,
              whitespace: true,
              message: format(m.forms.requiredField, { field: t.roles.name }),
            },
          ]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="data_scope" label={t.roles.dataScope}>
          <Radio.Group options={DATA_SCOPES.map((s) => ({ value: s, label: t.roles.scopes[s] }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

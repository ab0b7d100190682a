import { useEffect } from 'react';
import { Alert, App, Col, Form, Input, Modal, Row, Select, TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { USER_STATUSES } from '@tideline/shared';
import { api } from '../api/client';
import { UserSelect } from '../forms/UserSelect';
import { format, LOCALES, useI18n } from '../i18n/I18nProvider';
import { useSettingsSubmit } from './apiRefusal';
import { departmentTree, useDepartments, useRoles } from './settingsApi';
import type { AdminUser } from './settingsApi';
import { useSettingsText } from './useSettingsText';

interface Values {
  name: string;
  email: string;
  phone?: string;
  password?: string;
  role_id: string;
  department_id?: string | null;
  manager_id?: string | null;
  status: 'active' | 'disabled';
  locale: 'zh-CN' | 'en-US';
}

interface Props {
  open: boolean;
  /** The user to edit; null creates one. */
  user: AdminUser | null;
  onClose: () => void;
}

/** Create a user, or change one's role, department, manager, status or password. */
export function UserFormModal({ open, user, onClose }: Props) {
  const { m } = useI18n();
  const t = useSettingsText();
  const u = t.users;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { data: roles = [] } = useRoles();
  const { data: departments = [] } = useDepartments();
  const submit = (v: Values) => {
    const body = {
      name: v.name,
      email: v.email,
      phone: v.phone?.trim() ? v.phone.trim() : null,
      role_id: v.role_id,
      department_id: v.department_id ?? null,
      manager_id: v.manager_id ?? null,
      status: v.status,
      locale: v.locale,
      ...(v.password ? { password: v.password } : {}),
    };
    return user
      ? api<AdminUser>(`/users/${user.id}`, { method: 'PATCH', body })
      : api<AdminUser>('/users', { method: 'POST', body });
  };
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['settings-users'] });
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['departments'] });
      message.success(user ? m.common.saved : t.created);
      onClose();
    },
  });
  useEffect(() => {
    if (open) clearError();
  }, [open]);
  const initialValues: Partial<Values> = user
    ? { ...user, phone: user.phone ?? undefined }
    : { status: 'active', locale: 'zh-CN', role_id: roles.find((r) => r.key === 'rep')?.id };
  const required = (field: string) => [
    { required: true, whitespace: true, message: format(m.forms.requiredField, { field }) },
  ];
  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      open={open}
      title={user ? u.edit : u.new}
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
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="name" label={u.name} rules={required(u.name)}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="email"
              label={u.email}
              rules={[...required(u.email), { type: 'email', message: m.forms.invalidEmail }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="phone" label={u.phone}>
              <Input />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="password"
              label={user ? u.newPassword : u.password}
              extra={user ? u.newPasswordHelp : u.passwordHelp}
              rules={[...(user ? [] : required(u.password)), { min: 8, message: u.passwordHelp }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="role_id" label={u.role} rules={required(u.role)}>
              <Select options={roles.map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="department_id" label={u.department}>
              <TreeSelect treeData={departmentTree(departments)} treeDefaultExpandAll allowClear />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="manager_id" label={u.manager}>
              <UserSelect />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="status" label={u.status}>
              <Select options={USER_STATUSES.map((s) => ({ value: s, label: u.statuses[s] }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="locale" label={u.locale}>
              <Select options={LOCALES.map((l) => ({ value: l, label: m.language[l] }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

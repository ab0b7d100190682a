import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, TreeSelect } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { UserSelect } from '../forms/UserSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import { useSettingsSubmit } from './apiRefusal';
import { DEPARTMENTS_KEY, departmentTree } from './settingsApi';
import type { Department } from './settingsApi';
import { useSettingsText } from './useSettingsText';

interface Values {
  name: string;
  parent_id?: string | null;
  manager_id?: string | null;
}

interface Props {
  open: boolean;
  /** Where the new department goes; null puts it under the root. */
  parentId: string | null;
  departments: Department[];
  onClose: () => void;
  onCreated: (department: Department) => void;
}

export function DepartmentCreateModal({ open, parentId, departments, onClose, onCreated }: Props) {
  const { m } = useI18n();
  const t = useSettingsText();
  const d = t.departments;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) =>
    api<Department>('/departments', {
      method: 'POST',
      body: { name: v.name, parent_id: v.parent_id ?? null, manager_id: v.manager_id ?? null },
    });
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: (created) => {
      message.success(t.created);
      void queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
      onClose();
      onCreated(created);
    },
  });
  useEffect(() => {
    if (open) clearError();
  }, [open]);
  const root = departments.find((x) => x.parent_id === null);
  return (
    <Modal
      open={open}
      title={d.new}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ parent_id: parentId ?? root?.id ?? null }}
      >
        <Form.Item
          name="name"
          label={d.name}
          rules={[
            { required: true, whitespace: true, message: format(m.forms.requiredField, { field: d.name }) },
          ]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="parent_id" label={d.parent}>
          <TreeSelect treeData={departmentTree(departments)} treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="manager_id" label={d.manager}>
          <UserSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect } from 'react';
import { Alert, App, Button, Flex, Form, Input, Popconfirm, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { UserSelect } from '../forms/UserSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText, useSettingsSubmit } from './apiRefusal';
import { DEPARTMENTS_KEY, departmentTree } from './settingsApi';
import type { Department } from './settingsApi';
import { useSettingsText } from './useSettingsText';

interface Values {
  name: string;
  parent_id?: string | null;
  manager_id?: string | null;
}

interface Props {
  department: Department;
  departments: Department[];
  onDeleted: () => void;
  onAddChild: () => void;
}

/** Rename, re-parent, set the head of, or delete one department. */
export function DepartmentEditor({ department, departments, onDeleted, onAddChild }: Props) {
  const { m } = useI18n();
  const t = useSettingsText();
  const d = t.departments;
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isRoot = department.parent_id === null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: DEPARTMENTS_KEY });
  const submit = (v: Values) => {
    const body: Record<string, unknown> = {};
    if (v.name !== department.name) body.name = v.name;
    if (!isRoot && v.parent_id && v.parent_id !== department.parent_id) body.parent_id = v.parent_id;
    if ((v.manager_id ?? null) !== department.manager_id) body.manager_id = v.manager_id ?? null;
    return api<Department>(`/departments/${department.id}`, { method: 'PATCH', body });
  };
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: () => {
      message.success(m.common.saved);
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ['settings-users'] });
    },
  });
  useEffect(() => clearError(), [department.id]);
  const remove = useMutation({
    mutationFn: () => api<void>(`/departments/${department.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t.deleted);
      onDeleted();
      void refresh();
    },
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {department.name}
        </Typography.Title>
        <Flex gap={8}>
          <Button icon={<PlusOutlined />} onClick={onAddChild}>
            {d.newChild}
          </Button>
          <Popconfirm
            title={format(d.deleteConfirm, { name: department.name })}
            okText={m.common.delete}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate()}
            disabled={isRoot}
          >
            <Button danger icon={<DeleteOutlined />} disabled={isRoot} loading={remove.isPending}>
              {m.common.delete}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">
        {format(d.membersTotal, { direct: department.member_count, total: department.total_member_count })}
      </Typography.Text>
      {remove.isError && <Alert type="error" showIcon title={refusal(remove.error)} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ whiteSpace: 'pre-line' }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          name: department.name,
          parent_id: department.parent_id,
          manager_id: department.manager_id,
        }}
      >
        <Form.Item
          name="name"
          label={d.name}
          rules={[
            { required: true, whitespace: true, message: format(m.forms.requiredField, { field: d.name }) },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="parent_id" label={d.parent} extra={isRoot ? d.root : undefined}>
          <TreeSelect
            treeData={departmentTree(departments, department)}
            treeDefaultExpandAll
            disabled={isRoot}
          />
        </Form.Item>
        <Form.Item name="manager_id" label={d.manager}>
          <UserSelect />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {m.common.save}
        </Button>
      </Form>
    </Flex>
  );
}

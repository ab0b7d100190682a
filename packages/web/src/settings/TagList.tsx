import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  ColorPicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Table,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useTags } from '../api/hooks';
import type { Tag as TagRow } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText, useSettingsSubmit } from './apiRefusal';
import { useSettingsText } from './useSettingsText';

const PRESETS = [
  '#1677ff',
  '#13c2c2',
  '#52c41a',
  '#faad14',
  '#fa8c16',
  '#f5222d',
  '#eb2f96',
  '#722ed1',
  '#8c8c8c',
];

/** /settings/tags: every tag with its colour and how many records carry it. */
export function TagList() {
  const { m } = useI18n();
  const t = useSettingsText();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const { data: tags = [], isPending } = useTags();
  const [editing, setEditing] = useState<TagRow | null | undefined>(undefined);
  const remove = useMutation({
    mutationFn: (tag: TagRow) => api<void>(`/tags/${tag.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t.deleted);
      void queryClient.invalidateQueries({ queryKey: ['tags'] });
    },
  });
  const columns: TableColumnsType<TagRow> = [
    { key: 'name', title: t.tags.name, render: (_, r) => <Tag color={r.color}>{r.name}</Tag> },
    { key: 'color', title: t.tags.color, render: (_, r) => <code>{r.color}</code> },
    { key: 'records', title: t.tags.records, render: (_, r) => r.records ?? 0 },
    {
      key: 'actions',
      title: m.common.actions,
      render: (_, r) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setEditing(r)}>
            {t.edit}
          </Button>
          <Popconfirm
            title={format(t.tags.deleteConfirm, { name: r.name, n: r.records ?? 0 })}
            okText={m.common.delete}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(r)}
          >
            <Button size="small" type="link" danger>
              {m.common.delete}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t.sections.tags}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {t.tags.new}
        </Button>
      }
    >
      {remove.isError && (
        <Alert type="error" showIcon title={refusal(remove.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<TagRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tags}
        loading={isPending}
        pagination={false}
      />
      <TagFormModal
        open={editing !== undefined}
        tag={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}

function TagFormModal({ open, tag, onClose }: { open: boolean; tag: TagRow | null; onClose: () => void }) {
  const { m } = useI18n();
  const t = useSettingsText();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; color: string }>();
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(
    form,
    (v: { name: string; color: string }) =>
      tag ? api(`/tags/${tag.id}`, { method: 'PATCH', body: v }) : api('/tags', { method: 'POST', body: v }),
    {
      onSuccess: () => {
        message.success(tag ? m.common.saved : t.created);
        void queryClient.invalidateQueries({ queryKey: ['tags'] });
        onClose();
      },
    },
  );
  useEffect(() => {
    if (open) clearError();
  }, [open]);
  return (
    <Modal
      open={open}
      title={tag ? t.tags.edit : t.tags.new}
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
        initialValues={tag ? { name: tag.name, color: tag.color } : { color: PRESETS[0] }}
      >
        <Form.Item
          name="name"
          label={t.tags.name}
          rules={[
            {
              required: true,
              whitespace: true,
              message: format(m.forms.requiredField, { field: t.tags.name }),
            },
          ]}
        >
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item
          name="color"
          label={t.tags.color}
          getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}
        >
          <ColorPicker disabledAlpha presets={[{ label: t.tags.color, colors: PRESETS }]} showText />
        </Form.Item>
      </Form>
    </Modal>
  );
}

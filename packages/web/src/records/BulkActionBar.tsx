import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Modal, Space } from 'antd';
import { DeleteOutlined, TagsOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { UserSelect } from '../forms/UserSelect';
import { TagSelect } from '../forms/TagSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import type { EntityConfig } from './entityConfig';

type Action = 'owner' | 'addTag' | 'removeTag' | null;

interface Props {
  config: EntityConfig;
  ids: string[];
  onDone: () => void;
}

interface BulkValues {
  owner_id?: string;
  include_related?: boolean;
  tag_ids?: string[];
}

/** Actions on the selected rows: assign an owner, add or remove tags, delete. */
export function BulkActionBar({ config, ids, onDone }: Props) {
  const { m } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action>(null);
  const [form] = Form.useForm<BulkValues>();

  const finish = async (count: number) => {
    await queryClient.invalidateQueries({ queryKey: ['list', config.path] });
    message.success(format(m.bulk.done, { n: count }));
    setAction(null);
    onDone();
  };

  const submit = (values: BulkValues) => {
    if (action === 'owner') {
      return api('/ownership/transfer', {
        method: 'POST',
        body: {
          record_type: config.entity,
          ids,
          owner_id: values.owner_id,
          include_related: values.include_related ?? true,
        },
      });
    }
    return api(action === 'addTag' ? '/tags/assign' : '/tags/unassign', {
      method: 'POST',
      body: { record_type: config.entity, record_ids: ids, tag_ids: values.tag_ids ?? [] },
    });
  };
  // Bulk endpoints name bad rows as ids[i] / record_ids[i]; those show above the form.
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, submit, {
    onSuccess: () => finish(ids.length),
  });

  const open = (next: Action) => {
    form.resetFields();
    clearError();
    setAction(next);
  };
  const confirmDelete = () =>
    modal.confirm({
      title: format(m.bulk.deleteConfirm, { n: ids.length }),
      okButtonProps: { danger: true },
      okText: m.common.delete,
      onOk: async () => {
        try {
          await api(`${config.path}/bulk-delete`, { method: 'POST', body: { ids } });
          await finish(ids.length);
        } catch (e) {
          message.error(e instanceof Error ? e.message : m.common.unknownError);
        }
      },
    });

  const title =
    action === 'owner' ? m.bulk.assignOwner : action === 'addTag' ? m.bulk.addTag : m.bulk.removeTag;
  return (
    <>
      <Space wrap>
        {config.transferable && can('records:transfer') && (
          <Button icon={<UserSwitchOutlined />} onClick={() => open('owner')}>
            {m.bulk.assignOwner}
          </Button>
        )}
        {can(config.write) && (
          <>
            <Button icon={<TagsOutlined />} onClick={() => open('addTag')}>
              {m.bulk.addTag}
            </Button>
            <Button onClick={() => open('removeTag')}>{m.bulk.removeTag}</Button>
          </>
        )}
        {can(config.remove) && (
          <Button danger icon={<DeleteOutlined />} onClick={confirmDelete}>
            {m.bulk.delete}
          </Button>
        )}
      </Space>
      <Modal
        open={action !== null}
        title={`${title} · ${format(m.list.selected, { n: ids.length })}`}
        okText={m.common.confirm}
        cancelText={m.common.cancel}
        confirmLoading={submitting}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {formError && (
          <Alert
            type="error"
            showIcon
            title={formError}
            style={{ marginBottom: 12, whiteSpace: 'pre-line' }}
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ include_related: true }}>
          {action === 'owner' ? (
            <>
              <Form.Item
                name="owner_id"
                label={m.bulk.newOwner}
                rules={[{ required: true, message: m.errors.required }]}
              >
                <UserSelect allowClear={false} />
              </Form.Item>
              {config.entity === 'customer' && (
                <Form.Item name="include_related" valuePropName="checked">
                  <Checkbox>{m.bulk.includeRelated}</Checkbox>
                </Form.Item>
              )}
            </>
          ) : (
            <Form.Item
              name="tag_ids"
              label={m.bulk.tags}
              rules={[{ required: true, message: m.errors.required }]}
            >
              <TagSelect />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

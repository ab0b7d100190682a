import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Segmented, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CUSTOM_FIELD_ENTITIES } from '@tideline/shared';
import type { CustomFieldEntity } from '@tideline/shared';
import { api } from '../api/client';
import { useCustomFields } from '../api/hooks';
import type { CustomFieldDef } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText } from './apiRefusal';
import { CustomFieldFormModal } from './CustomFieldFormModal';
import { useSettingsText } from './useSettingsText';

/** /settings/fields: the custom fields of one record type at a time, in form order. */
export function CustomFieldList() {
  const { m } = useI18n();
  const t = useSettingsText();
  const f = t.fields;
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<CustomFieldEntity>('customer');
  const [editing, setEditing] = useState<CustomFieldDef | null | undefined>(undefined);
  const { data: defs = [], isPending } = useCustomFields(entity);
  const remove = useMutation({
    mutationFn: (def: CustomFieldDef) => api<void>(`/custom-fields/${def.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t.deleted);
      void queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
    },
  });
  const columns: TableColumnsType<CustomFieldDef> = [
    { key: 'label', title: f.label, dataIndex: 'label' },
    { key: 'key', title: f.key, render: (_, d) => <code>{d.key}</code> },
    { key: 'type', title: f.type, render: (_, d) => f.types[d.type] },
    {
      key: 'options',
      title: f.options,
      render: (_, d) =>
        d.options.length ? (
          <Flex wrap gap={4}>
            {d.options.map((o) => (
              <Tag key={o.value}>{o.label}</Tag>
            ))}
          </Flex>
        ) : (
          m.common.none
        ),
    },
    { key: 'required', title: f.required, render: (_, d) => (d.required ? m.common.yes : m.common.no) },
    { key: 'position', title: f.position, dataIndex: 'position' },
    {
      key: 'actions',
      title: m.common.actions,
      render: (_, d) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setEditing(d)}>
            {t.edit}
          </Button>
          <Popconfirm
            title={format(f.deleteConfirm, { name: d.label })}
            okText={m.common.delete}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(d)}
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
      title={t.sections.fields}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
          {f.new}
        </Button>
      }
    >
      <Segmented
        value={entity}
        onChange={(v) => setEntity(v as CustomFieldEntity)}
        options={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: f.entities[e] }))}
        style={{ marginBottom: 12 }}
      />
      {remove.isError && (
        <Alert type="error" showIcon title={refusal(remove.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<CustomFieldDef>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={defs}
        loading={isPending}
        pagination={false}
        scroll={{ x: 720 }}
      />
      <CustomFieldFormModal
        open={editing !== undefined}
        entity={entity}
        field={editing ?? null}
        nextPosition={defs.reduce((max, d) => Math.max(max, d.position + 1), 0)}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}

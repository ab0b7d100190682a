import { useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, InputNumber, Modal, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { OWNER_CAP_SUBJECTS } from '@tideline/shared';
import { useQueryClient } from '@tanstack/react-query';
import { UserSelect } from '../../forms/UserSelect';
import { useFormSubmit } from '../../forms/useFormSubmit';
import { format, useI18n } from '../../i18n/I18nProvider';
import { useDepartments, useRoles } from '../../settings/settingsApi';
import { useRefusalText } from '../../detail/refusal';
import { deleteCap, poolKeys, saveCap, useOwnerCaps } from '../poolApi';
import type { OwnerCap } from '../poolTypes';
import { usePoolText } from '../usePoolText';

interface CapValues {
  subject_type: OwnerCap['subject_type'];
  subject_id: string;
  max_customers: number;
  count_won: boolean;
}

/** 私海上限: a maximum of owned customers per user, role or department (the most specific applies). */
export function CapList() {
  const t = usePoolText().settings;
  const { m } = useI18n();
  const { message, modal } = App.useApp();
  const refusal = useRefusalText();
  const client = useQueryClient();
  const caps = useOwnerCaps();
  const [editing, setEditing] = useState<OwnerCap | 'new' | null>(null);
  const remove = (cap: OwnerCap) =>
    modal.confirm({
      title: t.capDeleteConfirm,
      okButtonProps: { danger: true },
      okText: m.common.delete,
      onOk: async () => {
        try {
          await deleteCap(cap.id);
          message.success(t.deleted);
          await client.invalidateQueries({ queryKey: poolKeys.caps() });
        } catch (e) {
          message.error(refusal(e));
        }
      },
    });
  const columns: TableColumnsType<OwnerCap> = [
    {
      key: 'type',
      title: t.capSubject,
      render: (_, c) => `${t.capSubjects[c.subject_type]} · ${c.subject_name ?? c.subject_id}`,
    },
    { key: 'max', title: t.capMax, dataIndex: 'max_customers' },
    { key: 'won', title: t.capCountWon, render: (_, c) => (c.count_won ? t.yes : t.no) },
    {
      key: 'actions',
      title: '',
      render: (_, c) => (
        <Space>
          <Button size="small" onClick={() => setEditing(c)}>
            {t.edit}
          </Button>
          <Button size="small" danger onClick={() => remove(c)}>
            {m.common.delete}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Button
        type="primary"
        icon={<PlusOutlined />}
        onClick={() => setEditing('new')}
        style={{ alignSelf: 'flex-end' }}
      >
        {t.newCap}
      </Button>
      <Table<OwnerCap>
        rowKey="id"
        columns={columns}
        dataSource={caps.data ?? []}
        loading={caps.isPending}
        pagination={false}
      />
      <CapModal cap={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

function CapModal({ cap, onClose }: { cap: OwnerCap | 'new' | null; onClose: () => void }) {
  const t = usePoolText().settings;
  const { m } = useI18n();
  const client = useQueryClient();
  const departments = useDepartments();
  const roles = useRoles();
  const [form] = Form.useForm<CapValues>();
  const existing = cap && cap !== 'new' ? cap : null;
  const { onFinish, submitting, formError } = useFormSubmit<CapValues, OwnerCap>(
    form,
    (v) =>
      saveCap(
        existing?.id ?? null,
        existing
          ? { max_customers: v.max_customers, count_won: v.count_won }
          : {
              subject_type: v.subject_type,
              subject_id: v.subject_id,
              max_customers: v.max_customers,
              count_won: v.count_won,
            },
      ),
    {
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: poolKeys.caps() });
        onClose();
      },
    },
  );
  const required = [{ required: true, message: m.errors.required }];
  return (
    <Modal
      open={cap !== null}
      title={existing ? t.editCap : t.newCap}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={existing ?? { subject_type: 'user', max_customers: 100, count_won: true }}
      >
        <Form.Item name="subject_type" label={t.capSubject} rules={required}>
          <Select
            disabled={Boolean(existing)}
            options={OWNER_CAP_SUBJECTS.map((s) => ({ value: s, label: t.capSubjects[s] }))}
            onChange={() => form.setFieldValue('subject_id', undefined)}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['subject_type']}>
          {({ getFieldValue }) => {
            const type = getFieldValue('subject_type') as CapValues['subject_type'];
            return (
              <Form.Item name="subject_id" label={format('{x}', { x: t.capSubjects[type] })} rules={required}>
                {type === 'user' ? (
                  <UserSelect allowClear={false} />
                ) : (
                  <Select
                    disabled={Boolean(existing)}
                    showSearch
                    optionFilterProp="label"
                    options={(type === 'role' ? (roles.data ?? []) : (departments.data ?? [])).map((x) => ({
                      value: x.id,
                      label: x.name,
                    }))}
                  />
                )}
              </Form.Item>
            );
          }}
        </Form.Item>
        <Form.Item name="max_customers" label={t.capMax} rules={required}>
          <InputNumber min={0} max={1_000_000} precision={0} />
        </Form.Item>
        <Form.Item name="count_won" valuePropName="checked">
          <Checkbox>{t.capCountWon}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

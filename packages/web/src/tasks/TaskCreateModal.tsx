import { useEffect } from 'react';
import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { TASK_RELATED_TYPES } from '@tideline/shared';
import type { TaskRelatedType } from '@tideline/shared';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { api } from '../api/client';
import { useMe } from '../auth/AuthProvider';
import { UserSelect } from '../forms/UserSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import { useI18n } from '../i18n/I18nProvider';
import { RelatedRecordSelect } from './RelatedRecordSelect';
import { TASK_LISTS_KEY } from './taskQueries';
import type { TaskItem } from './taskQueries';
import { useTaskText } from './useTaskText';

interface Values {
  title: string;
  description?: string;
  assignee_id?: string | null;
  due_at?: Dayjs | null;
  related_type?: TaskRelatedType | null;
  related_id?: string | null;
}

export interface TaskDefaults {
  related_type?: TaskRelatedType;
  related_id?: string;
  assignee_id?: string;
  title?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Preset fields, e.g. the record page it was opened from. */
  defaults?: TaskDefaults;
  onCreated?: (task: TaskItem) => void;
}

/** A new task from anywhere: title, who, when, and optionally the record it is about. */
export function TaskCreateModal({ open, onClose, defaults, onCreated }: Props) {
  const { m } = useI18n();
  const tt = useTaskText();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const relatedType = Form.useWatch('related_type', form);
  const submit = (v: Values) =>
    api<TaskItem>('/tasks', {
      method: 'POST',
      body: {
        title: v.title,
        ...(v.description?.trim() ? { description: v.description } : {}),
        ...(v.assignee_id ? { assignee_id: v.assignee_id } : {}),
        due_at: v.due_at ? v.due_at.toISOString() : null,
        related_type: v.related_type ?? null,
        related_id: v.related_id ?? null,
      },
    });
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, submit, {
    onSuccess: (task) => {
      message.success(tt.created);
      void queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY });
      onClose();
      onCreated?.(task);
    },
  });
  useEffect(() => {
    if (open) clearError();
  }, [open]);
  const initialValues: Values = {
    title: defaults?.title ?? '',
    assignee_id: defaults?.assignee_id ?? me.user.id,
    // Most follow-ups are for the end of today; the picker changes it in one click.
    due_at: dayjs().hour(18).minute(0).second(0).millisecond(0),
    related_type: defaults?.related_type ?? null,
    related_id: defaults?.related_id ?? null,
  };
  return (
    <Modal
      open={open}
      title={tt.newTask}
      okText={m.common.save}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        <Form.Item
          name="title"
          label={tt.fields.title}
          rules={[{ required: true, whitespace: true, message: tt.titleRequired }]}
        >
          <Input maxLength={300} autoFocus />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="assignee_id" label={tt.fields.assignee_id}>
              <UserSelect allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="due_at" label={tt.fields.due_at}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
        </Row>
        {/* Errors on related_type / related_id (noStyle items) show under this shared label. */}
        <Form.Item label={tt.fields.related} extra={tt.relatedHelp}>
          <Space.Compact style={{ display: 'flex' }}>
            <Form.Item name="related_type" noStyle>
              <Select
                allowClear
                placeholder={tt.chooseType}
                style={{ width: 120 }}
                options={TASK_RELATED_TYPES.map((x) => ({ value: x, label: tt.relatedTypes[x] }))}
                onChange={() => form.setFieldValue('related_id', null)}
              />
            </Form.Item>
            <Form.Item name="related_id" noStyle>
              <RelatedRecordSelect type={relatedType} />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="description" label={tt.fields.description}>
          <Input.TextArea rows={3} maxLength={20000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

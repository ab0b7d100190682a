import { useEffect } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES } from '@tideline/shared';
import type { CustomFieldEntity, CustomFieldType } from '@tideline/shared';
import { api } from '../api/client';
import type { CustomFieldDef } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import { useSettingsSubmit } from './apiRefusal';
import { useSettingsText } from './useSettingsText';

interface Values {
  entity: CustomFieldEntity;
  label: string;
  key: string;
  type: CustomFieldType;
  options?: { value: string; label: string }[];
  required: boolean;
  position: number;
}

interface Warning {
  code: 'option_in_use' | 'required_missing';
  value?: string;
  records: number;
}

interface Props {
  open: boolean;
  entity: CustomFieldEntity;
  /** The field to edit; null defines a new one. Entity, key and type are fixed once created. */
  field: CustomFieldDef | null;
  nextPosition: number;
  onClose: () => void;
}

const HAS_OPTIONS: CustomFieldType[] = ['select', 'multi_select'];

export function CustomFieldFormModal({ open, entity, field, nextPosition, onClose }: Props) {
  const { m } = useI18n();
  const t = useSettingsText();
  const f = t.fields;
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const submit = (v: Values) => {
    const options = HAS_OPTIONS.includes(v.type) ? (v.options ?? []) : undefined;
    const common = {
      label: v.label,
      required: v.required,
      position: v.position,
      ...(options ? { options } : {}),
    };
    return field
      ? api<CustomFieldDef & { warnings: Warning[] }>(`/custom-fields/${field.id}`, {
          method: 'PATCH',
          body: common,
        })
      : api<CustomFieldDef & { warnings?: Warning[] }>('/custom-fields', {
          method: 'POST',
          body: { ...common, entity: v.entity, key: v.key, type: v.type },
        });
  };
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      const warnings = (saved.warnings ?? []).map((w) =>
        format(f.warnings[w.code], { records: w.records, value: w.value ?? '' }),
      );
      if (warnings.length) modal.warning({ title: m.common.saved, content: warnings.join('\n') });
      else message.success(field ? m.common.saved : t.created);
      onClose();
    },
  });
  useEffect(() => {
    if (open) clearError();
  }, [open]);
  const initialValues: Partial<Values> = field
    ? { ...field, entity: field.entity as CustomFieldEntity }
    : { entity, type: 'text', required: false, position: nextPosition, options: [] };
  const requiredRule = (field: string) => [
    { required: true, whitespace: true, message: format(m.forms.requiredField, { field }) },
  ];
  return (
    <Modal
      open={open}
      title={field ? f.edit : f.new}
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
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="entity" label={f.entity}>
              <Select
                disabled
                options={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: f.entities[e] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label={f.type}>
              <Select
                disabled={Boolean(field)}
                options={CUSTOM_FIELD_TYPES.map((x) => ({ value: x, label: f.types[x] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="label" label={f.label} rules={requiredRule(f.label)}>
              <Input maxLength={200} autoFocus />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={f.key}
              extra={f.keyHelp}
              rules={[...requiredRule(f.key), { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: f.keyHelp }]}
            >
              <Input disabled={Boolean(field)} maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="required" label={f.required} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="position" label={f.position}>
              <InputNumber min={0} max={10000} precision={0} />
            </Form.Item>
          </Col>
        </Row>
        {type && HAS_OPTIONS.includes(type) && <OptionRows />}
      </Form>
    </Modal>
  );
}

/** The choices of a select field: stored value and the label people see. */
function OptionRows() {
  const t = useSettingsText();
  const f = t.fields;
  return (
    <Form.Item label={f.options} required>
      <Form.List name="options">
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={6}>
            {fields.map((row) => (
              <Flex key={row.key} gap={8} align="flex-start">
                <Form.Item
                  name={[row.name, 'label']}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[{ required: true }]}
                >
                  <Input placeholder={f.optionLabel} maxLength={100} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'value']}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[{ required: true }]}
                >
                  <Input placeholder={f.optionValue} maxLength={100} />
                </Form.Item>
                <Button danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} />
              </Flex>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', value: '' })}>
              {f.addOption}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

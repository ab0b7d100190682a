import { DatePicker, Divider, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { CustomFieldDef } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import { UserSelect } from './UserSelect';

/** The control for a field's type; called, not rendered as a component, so Form.Item wires it directly. */
function customControl(def: CustomFieldDef, yuan: string) {
  switch (def.type) {
    case 'long_text':
      return <Input.TextArea rows={3} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} />;
    case 'money':
      return <InputNumber style={{ width: '100%' }} min={0} suffix={yuan} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} />;
    case 'datetime':
      return <DatePicker showTime style={{ width: '100%' }} />;
    case 'select':
      return <Select allowClear options={def.options} />;
    case 'multi_select':
      return <Select mode="multiple" allowClear options={def.options} />;
    case 'user':
      return <UserSelect />;
    case 'boolean':
      return <Switch />;
    default:
      return <Input />;
  }
}

/** The workspace's custom fields of an entity as form items named ['custom', key], by type. */
export function CustomFieldItems({ defs }: { defs: CustomFieldDef[] }) {
  const { m } = useI18n();
  if (defs.length === 0) return null;
  return (
    <>
      <Divider titlePlacement="start" plain>
        {m.forms.customFields}
      </Divider>
      {defs.map((def) => (
        <Form.Item
          key={def.key}
          name={['custom', def.key]}
          label={def.label}
          valuePropName={def.type === 'boolean' ? 'checked' : 'value'}
          rules={
            def.required
              ? [{ required: true, message: format(m.forms.requiredField, { field: def.label }) }]
              : []
          }
        >
          {customControl(def, m.list.yuan)}
        </Form.Item>
      ))}
    </>
  );
}

import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import type { DetailField } from './detailFields';

interface Props {
  field: DetailField;
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
}

/** The control that edits one field in place; Form.Item passes value/onChange. */
export function FieldEditor({ field, value, onChange, id }: Props) {
  const { m } = useI18n();
  const common = { id, autoFocus: true, style: { width: '100%' } };
  switch (field.editor) {
    case 'long_text':
      return (
        <Input.TextArea
          {...common}
          autoSize={{ minRows: 3, maxRows: 10 }}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
    case 'number':
    case 'money':
      return (
        <InputNumber
          {...common}
          size="large"
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange?.(v)}
          {...(field.editor === 'money' ? { min: 0, precision: 2, suffix: m.list.yuan } : {})}
        />
      );
    case 'date':
    case 'datetime':
      return (
        <DatePicker
          {...common}
          size="large"
          showTime={field.editor === 'datetime'}
          value={dayjs.isDayjs(value) ? value : null}
          onChange={(v) => onChange?.(v)}
        />
      );
    case 'select':
    case 'multi_select':
      return (
        <Select
          {...common}
          size="large"
          allowClear={!field.required}
          mode={field.editor === 'multi_select' ? 'multiple' : undefined}
          options={field.options ?? []}
          value={value as string | string[] | undefined}
          onChange={(v: unknown) => onChange?.(v)}
        />
      );
    case 'user':
      return (
        <UserSelect
          {...(id ? { id } : {})}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange?.(v)}
          style={{ width: '100%' }}
        />
      );
    case 'boolean':
      return <Switch id={id} checked={value === true} onChange={(v) => onChange?.(v)} />;
    default:
      return (
        <Input
          {...common}
          size="large"
          value={typeof value === 'string' ? value : value == null ? '' : String(value)}
          onChange={(e) => onChange?.(e.target.value)}
        />
      );
  }
}

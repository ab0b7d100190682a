import { useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Alert, App, Button, Flex, Form, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useUserNames } from '../api/hooks';
import { pathToName } from '../forms/applyApiError';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { renderCell } from '../records/RecordCell';
import { readField } from '../records/format';
import { patchBody, toApiValue, toFormValue } from './detailFields';
import type { DetailField } from './detailFields';
import { FieldEditor } from './FieldEditor';
import { useDetailText } from './useDetailText';
import './detail.css';

interface Props {
  field: DetailField;
  record: Record<string, unknown>;
  canEdit: boolean;
  /** PATCH the record with this body; a refusal's field errors show at the field. */
  save: (body: Record<string, unknown>) => Promise<unknown>;
}

/** One field of a record page: its value, and a click (or tap) turns it into its editor. */
export function InlineField({ field, record, canEdit, save }: Props) {
  const { m, locale } = useI18n();
  const t = useDetailText();
  const { message } = App.useApp();
  const userNames = useUserNames();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const name = pathToName(field.key);
  const { onFinish, submitting, formError, clearError } = useFormSubmit(
    form,
    () => save(patchBody(field, toApiValue(field, form.getFieldValue(name)))),
    {
      onSuccess: () => {
        setEditing(false);
        message.success(format(t.profile.saved, { field: field.label }));
      },
    },
  );
  const wide = field.editor === 'long_text';
  const ctx = { locale, userNames, none: m.common.none, yes: m.common.yes, no: m.common.no };
  const start = () => {
    clearError();
    form.resetFields();
    form.setFieldValue(name, toFormValue(field, readField(record, field.key)));
    setEditing(true);
  };
  const cancelOnEscape = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setEditing(false);
  };
  const editable = canEdit && field.editor !== null;
  const shown = renderCell(field.display, record, ctx);

  return (
    <div className={`tl-field${wide || editing ? ' tl-field-wide' : ''}`}>
      <div className="tl-field-label">{field.label}</div>
      {editing ? (
        <Form form={form} onFinish={onFinish} onKeyDown={cancelOnEscape} style={{ marginTop: 4 }}>
          <Form.Item
            name={name}
            style={{ marginBottom: 8 }}
            valuePropName="value"
            rules={
              field.required
                ? [{ required: true, message: format(m.forms.requiredField, { field: field.label }) }]
                : []
            }
          >
            <FieldEditor field={field} />
          </Form.Item>
          {formError && (
            <Alert
              type="error"
              showIcon
              title={formError}
              style={{ marginBottom: 8, whiteSpace: 'pre-line' }}
            />
          )}
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {m.common.save}
            </Button>
            <Button onClick={() => setEditing(false)}>{m.common.cancel}</Button>
          </Flex>
        </Form>
      ) : editable ? (
        <button
          type="button"
          className="tl-field-value"
          onClick={start}
          aria-label={format(t.profile.edit, { field: field.label })}
        >
          <span>{shown}</span>
          <EditOutlined className="tl-field-pen" />
        </button>
      ) : (
        <div className="tl-field-value" title={t.profile.readOnly}>
          <Typography.Text>{shown}</Typography.Text>
        </div>
      )}
    </div>
  );
}

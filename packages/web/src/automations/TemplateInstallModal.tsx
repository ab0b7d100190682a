import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useFormSubmit } from '../forms/useFormSubmit';
import { UserSelect } from '../forms/UserSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import { installTemplate, invalidateAutomations, useCatalog } from './automationApi';
import type { AutomationTemplate, TemplateParams } from './automationTypes';
import { CatalogContext } from './catalogContext';
import { FieldPicker } from './FieldPicker';
import type { FieldFilter } from './fieldCatalog';
import { useFieldLabeler } from './fieldCatalog';
import { StagePicker } from './StagePicker';
import { triggerEntity } from './triggerModel';
import { useAutomationText } from './useAutomationText';

interface Values {
  name: string;
  enabled: boolean;
  params: TemplateParams;
}

const customOf =
  (types: readonly string[]): FieldFilter =>
  (info, path) =>
    path.startsWith('custom.') && types.includes(info.type);

/** Ask for what a template needs (a stage, people, a field, days), install it, open the new rule. */
export function TemplateInstallModal({
  template,
  onClose,
}: {
  template: AutomationTemplate | null;
  onClose: () => void;
}) {
  const t = useAutomationText();
  const { m, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const entity = template ? triggerEntity(template.definition.trigger) : null;
  const needsField = Boolean(template?.needs.includes('field'));
  const catalogQuery = useCatalog(needsField ? entity : null);
  const catalog = useMemo(() => catalogQuery.data ?? {}, [catalogQuery.data]);
  const label = useFieldLabeler(entity, catalog);
  // Time rules count from a date; the others compare a number.
  const fieldFilter = useMemo(
    () =>
      customOf(
        template?.definition.trigger.type === 'relative_time' ? ['date', 'instant'] : ['number', 'money'],
      ),
    [template],
  );
  const { onFinish, submitting, formError } = useFormSubmit<Values, { id: string }>(
    form,
    (v) =>
      installTemplate(template!.key, { name: v.name.trim(), enabled: v.enabled, params: v.params ?? {} }),
    {
      onSuccess: (item) => {
        invalidateAutomations(client);
        message.success(t.templates.installed);
        onClose();
        navigate(`/automations/${item.id}`);
      },
    },
  );
  const needs = template?.needs ?? [];
  const required = (field: string) => [{ required: true, message: format(m.forms.requiredField, { field }) }];
  return (
    <Modal
      open={Boolean(template)}
      title={template ? format(t.templates.installTitle, { name: template.name[locale] }) : ''}
      okText={t.templates.install}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      {template && (
        <CatalogContext.Provider value={{ entity, catalog, label, loading: catalogQuery.isFetching }}>
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            initialValues={{ name: template.name[locale], enabled: true, params: {} }}
          >
            <Form.Item name="name" label={t.templates.name} rules={required(t.templates.name)}>
              <Input maxLength={200} />
            </Form.Item>
            {needs.includes('stage_id') && (
              <Form.Item
                name={['params', 'stage_id']}
                label={t.templates.needs.stage_id}
                rules={required(t.templates.needs.stage_id)}
              >
                <StagePicker ariaLabel={t.templates.needs.stage_id} />
              </Form.Item>
            )}
            {needs.includes('user_ids') && (
              <Form.Item
                name={['params', 'user_ids']}
                label={t.templates.needs.user_ids}
                rules={required(t.templates.needs.user_ids)}
              >
                <UserSelect multiple />
              </Form.Item>
            )}
            {needs.includes('field') && (
              <Form.Item
                name={['params', 'field']}
                label={t.templates.needs.field}
                extra={t.templates.fieldHelp}
                rules={required(t.templates.needs.field)}
              >
                <FieldPicker ariaLabel={t.templates.needs.field} filter={fieldFilter} />
              </Form.Item>
            )}
            {needs.includes('days') && (
              <Form.Item
                name={['params', 'days']}
                label={t.templates.needs.days}
                rules={required(t.templates.needs.days)}
              >
                <InputNumber min={1} max={3650} precision={0} suffix={t.conditions.days} />
              </Form.Item>
            )}
            {needs.includes('source') && (
              <Form.Item
                name={['params', 'source']}
                label={t.templates.needs.source}
                rules={required(t.templates.needs.source)}
              >
                <Input maxLength={100} />
              </Form.Item>
            )}
            <Form.Item
              name="enabled"
              label={t.templates.enabledNow}
              valuePropName="checked"
              extra={t.templates.enabledHelp}
            >
              <Switch />
            </Form.Item>
          </Form>
        </CatalogContext.Provider>
      )}
    </Modal>
  );
}

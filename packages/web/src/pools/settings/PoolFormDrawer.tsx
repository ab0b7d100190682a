import { useEffect } from 'react';
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
} from 'antd';
import { POOL_HIDEABLE_FIELDS, POOL_SCOPES } from '@tideline/shared';
import { useQueryClient } from '@tanstack/react-query';
import { UserSelect } from '../../forms/UserSelect';
import { useFormSubmit } from '../../forms/useFormSubmit';
import { useI18n } from '../../i18n/I18nProvider';
import { useDepartments } from '../../settings/settingsApi';
import { poolKeys, savePool } from '../poolApi';
import type { Pool } from '../poolTypes';
import { usePoolText } from '../usePoolText';
import { formToBody, NEW_POOL, poolToForm, remapError } from './poolFormModel';
import type { PoolFormValues } from './poolFormModel';
import { RuleEditor } from './RuleEditor';

/** Create or edit a pool: who it is for, what members see, its limits and its recycling rules. */
export function PoolFormDrawer({
  pool,
  open,
  onClose,
}: {
  /** null: a new pool. */
  pool: Pool | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = usePoolText().settings;
  const { m } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const departments = useDepartments();
  const [form] = Form.useForm<PoolFormValues>();
  useEffect(() => {
    if (open) form.setFieldsValue(pool ? poolToForm(pool) : NEW_POOL);
  }, [open, pool, form]);
  const { onFinish, submitting, formError, clearError } = useFormSubmit<PoolFormValues, Pool>(
    form,
    async (values) => {
      try {
        return await savePool(pool?.id ?? null, formToBody(values));
      } catch (e) {
        throw remapError(e, values);
      }
    },
    {
      onSuccess: () => {
        message.success(t.saved);
        void client.invalidateQueries({ queryKey: poolKeys.all });
        onClose();
      },
    },
  );
  const deptOptions = (departments.data ?? []).map((d) => ({ value: d.id, label: d.name }));
  const required = [{ required: true, message: m.errors.required }];
  return (
    <Drawer
      open={open}
      onClose={() => {
        clearError();
        onClose();
      }}
      title={pool ? t.editPool : t.newPool}
      size="large"
      destroyOnHidden
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{m.common.cancel}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()}>
            {m.common.save}
          </Button>
        </Space>
      }
    >
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={NEW_POOL}>
        <Form.Item name="name" label={t.name} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="scope" label={t.scope} rules={required} style={{ minWidth: 160 }}>
            <Select options={POOL_SCOPES.map((s) => ({ value: s, label: t.scopes[s] }))} />
          </Form.Item>
          <Form.Item noStyle dependencies={['scope']}>
            {({ getFieldValue }) =>
              getFieldValue('scope') === 'department' ? (
                <Form.Item
                  name="department_id"
                  label={t.department}
                  rules={required}
                  style={{ minWidth: 220 }}
                >
                  <Select showSearch optionFilterProp="label" options={deptOptions} />
                </Form.Item>
              ) : getFieldValue('scope') === 'source' ? (
                <Form.Item name="source" label={t.source} rules={required} style={{ minWidth: 220 }}>
                  <Input maxLength={200} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="enabled" label={t.enabled} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name="member_users" label={t.memberUsers} extra={t.membersHelp}>
          <UserSelect multiple />
        </Form.Item>
        <Form.Item name="member_departments" label={t.memberDepartments}>
          <Select mode="multiple" showSearch optionFilterProp="label" options={deptOptions} />
        </Form.Item>
        <Form.Item name="admin_ids" label={t.admins}>
          <UserSelect multiple />
        </Form.Item>
        <Form.Item name="hidden_fields" label={t.hiddenFields}>
          <Select
            mode="tags"
            options={POOL_HIDEABLE_FIELDS.map((f) => ({ value: f, label: t.hiddenOptions[f] }))}
          />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="daily_claim_limit" label={t.dailyLimit} extra={t.dailyLimitHelp}>
            <InputNumber min={1} max={100_000} precision={0} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="cooldown_days" label={t.cooldown} extra={t.cooldownHelp}>
            <InputNumber min={0} max={3650} precision={0} style={{ width: 180 }} />
          </Form.Item>
        </Flex>
        <Divider titlePlacement="start">{t.rules}</Divider>
        <RuleEditor />
      </Form>
    </Drawer>
  );
}

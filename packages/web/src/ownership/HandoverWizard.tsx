import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Result, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useUserNames } from '../api/hooks';
import { useAuth } from '../auth/AuthProvider';
import { useDetailText } from '../detail/useDetailText';
import { UserSelect } from '../forms/UserSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { HANDOVER_DEFAULTS, previewHandover, startHandover, useHandoverPools } from './handoverApi';
import type { HandoverPreview, HandoverValues } from './handoverApi';
import { HandoverCountsTable } from './HandoverCountsTable';
import { HandoverHistory } from './HandoverHistory';
import { HandoverProgress } from './HandoverProgress';
import { HandoverTargets } from './HandoverTargets';

/**
 * /handover — everything a leaving user owns goes to several colleagues (an even split, or by share)
 * or back to a pool: pick who leaves, who receives, see what each receiver gets (a preview that
 * changes nothing), confirm, and follow the background job until it is done.
 */
export function HandoverWizard() {
  const { m } = useI18n();
  const t = useDetailText().handover;
  const { can } = useAuth();
  const { modal } = App.useApp();
  const names = useUserNames();
  const pools = useHandoverPools();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HandoverValues>();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<HandoverPreview | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const fromId = Form.useWatch('from_user_id', form);
  const name = (id: string | undefined) => (id ? (names.get(id) ?? '') : '');
  const poolName = (id: string | null | undefined) => pools.data?.find((p) => p.id === id)?.name ?? '';
  // The whole form, also the fields of steps not shown (getFieldsValue() alone skips hidden ones).
  const values = () => ({ ...HANDOVER_DEFAULTS, ...form.getFieldsValue(true) }) as HandoverValues;

  const previewing = useFormSubmit(form, previewHandover, {
    onSuccess: (p) => {
      setPreview(p);
      setStep(2);
    },
  });
  const starting = useFormSubmit(form, startHandover, {
    onSuccess: (h) => {
      setRunId(h.id);
      setStep(3);
      void queryClient.invalidateQueries();
    },
  });
  if (!can('users:manage') && !can('records:transfer')) return <Result status="403" title={t.forbidden} />;

  const formError = previewing.formError ?? starting.formError;
  const confirm = () =>
    modal.confirm({
      title: format(t.confirmManyTitle, { from: name(fromId) }),
      content: format(t.confirmManyBody, { total: preview?.total ?? 0 }),
      okText: t.confirmMany,
      cancelText: m.common.cancel,
      onOk: () => starting.onFinish(values()),
    });
  const restart = () => {
    form.resetFields();
    setPreview(null);
    setRunId(null);
    setStep(0);
  };
  const next = async () => {
    if (step === 0) {
      await form.validateFields(['from_user_id']);
      setStep(1);
    } else if (step === 1) {
      await form.validateFields();
      previewing.onFinish(values());
    }
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 820 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.introMany}
      </Typography.Paragraph>
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          style={{ marginBottom: 24 }}
          items={[t.stepsMany.from, t.stepsMany.to, t.stepsMany.preview, t.stepsMany.progress].map(
            (title) => ({
              title,
            }),
          )}
        />
        {formError && (
          <Alert
            type="error"
            showIcon
            title={formError}
            style={{ marginBottom: 12, whiteSpace: 'pre-line' }}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          initialValues={HANDOVER_DEFAULTS}
          onValuesChange={() => (previewing.clearError(), starting.clearError())}
        >
          <Form.Item
            name="from_user_id"
            label={t.from}
            hidden={step !== 0}
            rules={[{ required: true, message: m.errors.required }]}
          >
            <UserSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          {step === 1 && <HandoverTargets fromId={fromId} canDeactivate={can('users:manage')} />}
        </Form>
        {step === 2 && preview && (
          <Flex vertical gap={12}>
            <Typography.Text strong>
              {format(t.previewMany, { name: name(fromId), total: preview.total })}
            </Typography.Text>
            {preview.total === 0 ? (
              <Alert type="info" showIcon title={t.nothing} />
            ) : (
              <HandoverCountsTable
                source={{
                  targets: preview.targets,
                  pooled: preview.pool
                    ? { name: poolName(preview.pool.pool_id), customers: preview.pool.customers }
                    : null,
                  unassignedLeads: preview.unassigned_leads,
                }}
              />
            )}
          </Flex>
        )}
        {step === 3 && runId && <HandoverProgress id={runId} onAgain={restart} />}
        {step < 3 && (
          <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
            {step > 0 && (
              <Button size="large" onClick={() => setStep(step - 1)}>
                {t.prev}
              </Button>
            )}
            {step < 2 && (
              <Button size="large" type="primary" loading={previewing.submitting} onClick={() => void next()}>
                {t.next}
              </Button>
            )}
            {step === 2 && (
              <Button
                size="large"
                type="primary"
                danger
                disabled={!preview?.total && !values().deactivate}
                loading={starting.submitting}
                onClick={confirm}
              >
                {t.confirmMany}
              </Button>
            )}
          </Flex>
        )}
      </Card>
      <HandoverHistory
        onOpen={(id) => {
          setRunId(id);
          setStep(3);
        }}
      />
    </Flex>
  );
}

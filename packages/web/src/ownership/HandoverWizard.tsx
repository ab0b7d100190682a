import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Result, Row, Statistic, Steps, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useUserNames, useUsers } from '../api/hooks';
import { useAuth, useMe } from '../auth/AuthProvider';
import { useDetailText } from '../detail/useDetailText';
import { UserSelect } from '../forms/UserSelect';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { MOVE_KINDS, summaryText } from './moveSummary';
import type { MoveSummary } from './moveSummary';

interface Values {
  from_user_id?: string;
  to_user_id?: string;
}

type Answer = { preview: boolean; moved: MoveSummary };

/**
 * /handover — everything a leaving user owns goes to a colleague: pick who leaves, see what would
 * move (a preview that changes nothing), pick who receives, confirm, see what moved.
 */
export function HandoverWizard() {
  const { m, locale } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const names = useUserNames();
  const me = useMe();
  const { data: users = [] } = useUsers();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [preview, setPreview] = useState<MoveSummary | null>(null);
  const [result, setResult] = useState<MoveSummary | null>(null);
  const fromId = Form.useWatch('from_user_id', form);
  const toId = Form.useWatch('to_user_id', form);
  const name = (id: string | undefined) => (id ? (names.get(id) ?? '') : '');
  // The API wants a receiver even for the preview, whose counts do not depend on it: until one is
  // chosen, the signed-in user (or another active member) stands in.
  const standIn = (from: string | undefined) =>
    from !== me.user.id ? me.user.id : users.find((u) => u.id !== from && u.status === 'active')?.id;
  const call = (dryRun: boolean) => (values: Values) =>
    api<Answer>('/ownership/handover', {
      method: 'POST',
      body: {
        from_user_id: values.from_user_id,
        to_user_id: dryRun ? standIn(values.from_user_id) : values.to_user_id,
        preview: dryRun,
      },
    });
  const previewing = useFormSubmit(form, call(true), {
    onSuccess: (a) => {
      setPreview(a.moved);
      setStep(1);
    },
  });
  const executing = useFormSubmit(form, call(false), {
    onSuccess: (a) => {
      setResult(a.moved);
      setStep(3);
      void queryClient.invalidateQueries();
    },
  });
  if (!can('users:manage') && !can('records:transfer'))
    return <Result status="403" title={t.handover.forbidden} />;

  const summary = preview ? summaryText(preview, t, locale) : '';
  const formError = previewing.formError ?? executing.formError;
  const confirm = async () => {
    const values = await form.validateFields();
    modal.confirm({
      title: format(t.handover.confirmTitle, {
        from: name(values.from_user_id),
        to: name(values.to_user_id),
      }),
      content: format(t.handover.confirmBody, { summary }),
      okText: t.handover.confirm,
      cancelText: m.common.cancel,
      onOk: () => executing.onFinish(values),
    });
  };
  const restart = () => {
    form.resetFields();
    setPreview(null);
    setResult(null);
    setStep(0);
  };

  return (
    <Flex vertical gap={12} style={{ maxWidth: 760 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.handover.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t.handover.intro}
      </Typography.Paragraph>
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          style={{ marginBottom: 24 }}
          items={[
            t.handover.steps.from,
            t.handover.steps.preview,
            t.handover.steps.to,
            t.handover.steps.done,
          ].map((title) => ({ title }))}
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
          onValuesChange={() => (previewing.clearError(), executing.clearError())}
        >
          <Form.Item
            name="from_user_id"
            label={t.handover.from}
            hidden={step !== 0}
            rules={[{ required: true, message: m.errors.required }]}
          >
            <UserSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="to_user_id"
            label={t.handover.to}
            hidden={step !== 2}
            rules={[
              { required: step === 2, message: m.errors.required },
              {
                validator: (_, v) =>
                  step === 2 && v && v === fromId
                    ? Promise.reject(new Error(m.errors.invalid_value))
                    : Promise.resolve(),
              },
            ]}
          >
            <UserSelect allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        {step === 1 && preview && (
          <>
            <Typography.Text strong>
              {format(t.handover.previewTitle, { name: name(fromId) })}
            </Typography.Text>
            <Row gutter={[12, 12]} style={{ margin: '12px 0' }}>
              {MOVE_KINDS.map((k) => (
                <Col key={k} xs={12} sm={6}>
                  <Card size="small">
                    <Statistic title={t.handover.kinds[k]} value={preview[k]} />
                  </Card>
                </Col>
              ))}
            </Row>
            {!summary && <Alert type="info" showIcon title={t.handover.nothing} />}
          </>
        )}
        {step === 3 && result && (
          <Result
            status="success"
            title={t.handover.doneTitle}
            subTitle={format(t.handover.doneBody, {
              from: name(fromId),
              to: name(toId),
              summary: summaryText(result, t, locale) || m.common.none,
            })}
            extra={<Button onClick={restart}>{t.handover.again}</Button>}
          />
        )}
        {step < 3 && (
          <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
            {step > 0 && (
              <Button size="large" onClick={() => setStep(step - 1)}>
                {t.handover.prev}
              </Button>
            )}
            {step === 0 && (
              <Button
                size="large"
                type="primary"
                loading={previewing.submitting}
                onClick={() =>
                  form.validateFields(['from_user_id']).then(() => previewing.onFinish(form.getFieldsValue()))
                }
              >
                {t.handover.next}
              </Button>
            )}
            {step === 1 && (
              <Button size="large" type="primary" disabled={!summary} onClick={() => setStep(2)}>
                {t.handover.next}
              </Button>
            )}
            {step === 2 && (
              <Button
                size="large"
                type="primary"
                danger
                loading={executing.submitting}
                onClick={() => void confirm()}
              >
                {t.handover.confirm}
              </Button>
            )}
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

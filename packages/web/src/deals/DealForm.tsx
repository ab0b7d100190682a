import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs from 'dayjs';
import { usePipelines } from '../api/hooks';
import { useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { CustomerSelect } from '../forms/CustomerSelect';
import { RecordFormModal } from '../forms/RecordFormModal';
import type { FormValues } from '../forms/RecordFormModal';
import { UserSelect } from '../forms/UserSelect';
import type { CreateFormProps } from '../records/entityConfig';

/** Amount is typed in yuan and sent in fen; the close date as YYYY-MM-DD. */
function toDealBody(values: FormValues): Record<string, unknown> {
  const { amount, expected_close_date, ...rest } = values;
  return {
    ...rest,
    ...(typeof amount === 'number' ? { amount: Math.round(amount * 100) } : {}),
    ...(dayjs.isDayjs(expected_close_date)
      ? { expected_close_date: expected_close_date.format('YYYY-MM-DD') }
      : {}),
  };
}

/** New deal: customer, pipeline and stage (the pipeline's first by default), amount and close date. */
export function DealForm(props: CreateFormProps & { customerId?: string }) {
  const { m } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();
  const { data: pipelines = [] } = usePipelines();
  const pipelineId = Form.useWatch('pipeline_id', form) as string | undefined;
  const pipeline = pipelines.find((p) => p.id === pipelineId);
  const defaultPipeline = pipelines.find((p) => p.is_default) ?? pipelines[0];
  const f = m.fields;
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => [{ required: true, message: format(m.forms.requiredField, { field }) }];
  return (
    <RecordFormModal
      {...props}
      form={form}
      title={m.forms.newDeal}
      noun={m.records.deal}
      entity="deal"
      path="/deals"
      toBody={toDealBody}
      initialValues={{
        owner_id: me.user.id,
        ...(defaultPipeline ? { pipeline_id: defaultPipeline.id } : {}),
        ...(props.customerId ? { customer_id: props.customerId } : {}),
      }}
    >
      <Form.Item name="name" label={f.deal.name} rules={required(f.deal.name)}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="customer_id" label={f.deal.customer_id} rules={required(f.deal.customer_id)}>
        <CustomerSelect />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="pipeline_id" label={f.deal.pipeline_id} rules={required(f.deal.pipeline_id)}>
            <Select
              options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue('stage_id', undefined)}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stage_id" label={f.deal.stage_id} extra={m.forms.firstStage}>
            <Select
              allowClear
              options={(pipeline?.stages ?? []).map((s) => ({
                value: s.id,
                label: `${s.name} (${s.probability}%)`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="amount" label={f.deal.amount} extra={m.forms.amountHelp}>
            <InputNumber style={{ width: '100%' }} min={0} precision={2} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="expected_close_date" label={f.deal.expected_close_date}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="owner_id" label={f.owner_id}>
            <UserSelect />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={f.description}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </RecordFormModal>
  );
}

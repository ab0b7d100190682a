import { useEffect } from 'react';
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { FormInstance } from 'antd';
import { usePipelines } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { CustomerSelect } from '../forms/CustomerSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import type { ConvertValues } from './LeadConvertModal';

const half = { xs: 24, sm: 12 };

/** The customer part of the conversion: a new one (prefilled from the lead) or an existing one. */
export function ConvertCustomerFields({ existing }: { existing: boolean }) {
  const { m } = useI18n();
  const t = useDetailText();
  const f = m.fields;
  const required = (field: string) => [
    { required: true, whitespace: true, message: format(m.forms.requiredField, { field }) },
  ];
  if (existing)
    return (
      <Form.Item name="customer_id" label={f.deal.customer_id} rules={required(f.deal.customer_id)}>
        <CustomerSelect style={{ width: '100%' }} />
      </Form.Item>
    );
  return (
    <>
      <Form.Item
        name={['customer', 'name']}
        label={f.customer.name}
        extra={t.convert.customerFromLead}
        rules={required(f.customer.name)}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name={['customer', 'industry']} label={f.industry}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['customer', 'region']} label={f.region}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['customer', 'phone']} label={f.phone}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['customer', 'email']} label={f.email}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** The optional deal: name, pipeline and stage (the first open one when left empty), amount, close date. */
export function ConvertDealFields({ form }: { form: FormInstance<ConvertValues> }) {
  const { m } = useI18n();
  const f = m.fields.deal;
  const { data: pipelines = [] } = usePipelines();
  const pipelineId = Form.useWatch(['deal', 'pipeline_id'], form) as string | undefined;
  const pipeline = pipelines.find((p) => p.id === pipelineId);
  useEffect(() => {
    const fallback = pipelines.find((p) => p.is_default) ?? pipelines[0];
    if (!form.getFieldValue(['deal', 'pipeline_id']) && fallback)
      form.setFieldValue(['deal', 'pipeline_id'], fallback.id);
  }, [pipelines, form]);
  const required = (field: string) => [
    { required: true, whitespace: true, message: format(m.forms.requiredField, { field }) },
  ];
  return (
    <>
      <Form.Item name={['deal', 'name']} label={f.name} rules={required(f.name)}>
        <Input maxLength={200} />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item
            name={['deal', 'pipeline_id']}
            label={f.pipeline_id}
            rules={[{ required: true, message: m.errors.required }]}
          >
            <Select
              options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
              onChange={() => form.setFieldValue(['deal', 'stage_id'], undefined)}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['deal', 'stage_id']} label={f.stage_id} extra={m.forms.firstStage}>
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
          <Form.Item name={['deal', 'amount']} label={f.amount} extra={m.forms.amountHelp}>
            <InputNumber style={{ width: '100%' }} min={0} precision={2} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name={['deal', 'expected_close_date']} label={f.expected_close_date}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

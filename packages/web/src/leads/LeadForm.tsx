import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { LEAD_STATUSES } from '@tideline/shared';
import { useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { RecordFormModal } from '../forms/RecordFormModal';
import type { FormValues } from '../forms/RecordFormModal';
import { UserSelect } from '../forms/UserSelect';
import type { CreateFormProps } from '../records/entityConfig';

/** New lead: the person, the company, where it came from. */
export function LeadForm(props: CreateFormProps) {
  const { m } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();
  const f = m.fields;
  const half = { xs: 24, sm: 12 };
  const text = (name: string, label: string) => (
    <Col {...half}>
      <Form.Item name={name} label={label}>
        <Input />
      </Form.Item>
    </Col>
  );
  return (
    <RecordFormModal
      {...props}
      form={form}
      title={m.forms.newLead}
      noun={m.records.lead}
      entity="lead"
      path="/leads"
      initialValues={{ status: 'new', owner_id: me.user.id, score: 0 }}
    >
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item
            name="name"
            label={f.lead.name}
            rules={[
              {
                required: true,
                whitespace: true,
                message: format(m.forms.requiredField, { field: f.lead.name }),
              },
            ]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
        </Col>
        {text('company_name', f.lead.company_name)}
        {text('title', f.title)}
        {text('mobile', f.mobile)}
        {text('phone', f.phone)}
        {text('email', f.email)}
        {text('source', f.source)}
        {text('channel', f.lead.channel)}
        {text('region', f.region)}
        {text('industry', f.industry)}
        <Col {...half}>
          <Form.Item name="status" label={f.status}>
            <Select
              options={LEAD_STATUSES.filter((s) => s !== 'converted').map((s) => ({
                value: s,
                label: m.enums.leadStatus[s],
              }))}
            />
          </Form.Item>
        </Col>
        {text('grade', f.lead.grade)}
        <Col {...half}>
          <Form.Item name="score" label={f.lead.score}>
            <InputNumber style={{ width: '100%' }} precision={0} />
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

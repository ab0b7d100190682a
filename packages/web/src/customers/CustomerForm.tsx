import { Col, Form, Input, Row, Select } from 'antd';
import { CUSTOMER_SIZES, CUSTOMER_STATUSES } from '@tideline/shared';
import { useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { RecordFormModal } from '../forms/RecordFormModal';
import type { FormValues } from '../forms/RecordFormModal';
import { UserSelect } from '../forms/UserSelect';
import type { CreateFormProps } from '../records/entityConfig';

/** New customer: the fields reps fill most, then the workspace's custom fields. */
export function CustomerForm(props: CreateFormProps) {
  const { m } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<FormValues>();
  const f = m.fields;
  const half = { xs: 24, sm: 12 };
  return (
    <RecordFormModal
      {...props}
      form={form}
      title={m.forms.newCustomer}
      noun={m.records.customer}
      entity="customer"
      path="/customers"
      initialValues={{ status: 'potential', owner_id: me.user.id }}
    >
      <Form.Item
        name="name"
        label={f.customer.name}
        rules={[
          {
            required: true,
            whitespace: true,
            message: format(m.forms.requiredField, { field: f.customer.name }),
          },
        ]}
      >
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="status" label={f.status}>
            <Select
              options={CUSTOMER_STATUSES.map((s) => ({ value: s, label: m.enums.customerStatus[s] }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="owner_id" label={f.owner_id}>
            <UserSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label={f.phone}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="email" label={f.email}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="industry" label={f.industry}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="region" label={f.region}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="size" label={f.customer.size}>
            <Select allowClear options={CUSTOMER_SIZES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="source" label={f.source}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="address" label={f.customer.address}>
        <Input />
      </Form.Item>
      <Form.Item name="description" label={f.description}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </RecordFormModal>
  );
}

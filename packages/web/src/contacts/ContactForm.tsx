import { Checkbox, Col, Form, Input, Row } from 'antd';
import { format, useI18n } from '../i18n/I18nProvider';
import { CustomerSelect } from '../forms/CustomerSelect';
import { RecordFormModal } from '../forms/RecordFormModal';
import type { FormValues } from '../forms/RecordFormModal';
import type { CreateFormProps } from '../records/entityConfig';

/** New contact: a person at one of the customers the user can see. */
export function ContactForm(props: CreateFormProps & { customerId?: string }) {
  const { m } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const f = m.fields;
  const half = { xs: 24, sm: 12 };
  const required = (field: string) => [{ required: true, message: format(m.forms.requiredField, { field }) }];
  return (
    <RecordFormModal
      {...props}
      form={form}
      title={m.forms.newContact}
      noun={m.records.contact}
      entity="contact"
      path="/contacts"
      initialValues={{ is_primary: false, ...(props.customerId ? { customer_id: props.customerId } : {}) }}
    >
      <Form.Item name="customer_id" label={f.contact.customer_id} rules={required(f.contact.customer_id)}>
        <CustomerSelect />
      </Form.Item>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="name" label={f.contact.name} rules={required(f.contact.name)}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="title" label={f.title}>
            <Input />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="mobile" label={f.mobile}>
            <Input />
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
          <Form.Item name="wechat" label={f.contact.wechat}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="is_primary" valuePropName="checked">
        <Checkbox>{f.contact.is_primary}</Checkbox>
      </Form.Item>
      <Form.Item name="notes" label={f.contact.notes}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </RecordFormModal>
  );
}

import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Flex, Form, Modal, Radio, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError, isApiError } from '../api/client';
import type { RecordBase } from '../api/types';
import { useDetailText } from '../detail/useDetailText';
import { compact } from '../forms/customValues';
import { useFormSubmit } from '../forms/useFormSubmit';
import { format, useI18n } from '../i18n/I18nProvider';
import { ConvertCustomerFields, ConvertDealFields } from './ConvertFields';

export interface ConvertValues {
  mode: 'new' | 'existing';
  customer?: Record<string, string | undefined>;
  customer_id?: string;
  contact: boolean;
  with_deal: boolean;
  deal?: {
    name?: string;
    pipeline_id?: string;
    stage_id?: string;
    amount?: number;
    expected_close_date?: Dayjs | null;
  };
}

interface Conversion {
  customer: { id: string; name: string };
}

const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The request body of POST /leads/:id/convert from the dialog's values. */
export function convertBody(values: ConvertValues): Record<string, unknown> {
  const d = values.deal;
  return {
    ...(values.mode === 'existing'
      ? { customer_id: values.customer_id }
      : { customer: compact(values.customer ?? {}) }),
    contact: values.contact,
    ...(values.with_deal && d
      ? {
          deal: compact({
            name: d.name,
            pipeline_id: d.pipeline_id,
            stage_id: d.stage_id,
            amount: typeof d.amount === 'number' ? Math.round(d.amount * 100) : undefined,
            expected_close_date: d.expected_close_date
              ? dayjs(d.expected_close_date).format('YYYY-MM-DD')
              : undefined,
          }),
        }
      : {}),
  };
}

interface Props {
  lead: RecordBase | null;
  onClose: () => void;
}

/**
 * Convert a lead: a new customer prefilled from the lead (or an existing one), a contact, and a deal
 * if wanted, in one request. Refusals land on their fields (customer.name, deal.stage_id…); success
 * opens the customer's 360° page.
 */
export function LeadConvertModal({ lead, onClose }: Props) {
  const { m } = useI18n();
  const t = useDetailText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ConvertValues>();
  const mode = Form.useWatch('mode', form);
  const withDeal = Form.useWatch('with_deal', form);
  const submit = async (values: ConvertValues) => {
    try {
      return await api<Conversion>(`/leads/${lead?.id}/convert`, {
        method: 'POST',
        body: convertBody(values),
      });
    } catch (e) {
      if (isApiError(e) && e.code === 'lead_already_converted')
        throw new ApiError(e.status, e.code, t.convert.already, [], e.body);
      throw e;
    }
  };
  const { onFinish, submitting, formError, clearError } = useFormSubmit(form, submit, {
    onSuccess: (result) => {
      message.success(format(t.convert.done, { name: result.customer.name }));
      for (const path of ['/leads', '/customers', '/contacts', '/deals'])
        void queryClient.invalidateQueries({ queryKey: ['list', path] });
      void queryClient.invalidateQueries({ queryKey: ['record', '/leads', lead?.id] });
      onClose();
      navigate(`/customers/${result.customer.id}`);
    },
  });
  useEffect(() => {
    if (!lead) return;
    clearError();
    form.resetFields();
    const company = text(lead.company_name) ?? lead.name;
    form.setFieldsValue({
      mode: 'new',
      customer: {
        name: company,
        industry: text(lead.industry),
        region: text(lead.region),
        phone: text(lead.phone) ?? text(lead.mobile),
        email: text(lead.email),
      },
      contact: true,
      with_deal: false,
      deal: { name: format(t.convert.dealDefaultName, { name: company }), expected_close_date: null },
    });
  }, [lead]);

  return (
    <Modal
      open={lead !== null}
      title={t.convert.title}
      okText={t.convert.submit}
      cancelText={m.common.cancel}
      confirmLoading={submitting}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      forceRender
    >
      {lead && (
        <Typography.Paragraph type="secondary">
          {format(t.convert.subtitle, { name: lead.name })}
        </Typography.Paragraph>
      )}
      {formError && (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 12, whiteSpace: 'pre-line' }} />
      )}
      <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError>
        <Form.Item name="mode" label={t.convert.customerMode}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'new', label: t.convert.newCustomer },
              { value: 'existing', label: t.convert.existingCustomer },
            ]}
          />
        </Form.Item>
        <ConvertCustomerFields existing={mode === 'existing'} />
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <label style={{ display: 'flex', alignItems: 'center', gap: 8, cursor: 'pointer' }}>
            <Form.Item name="contact" valuePropName="checked" noStyle>
              <Switch />
            </Form.Item>
            <span>
              {t.convert.contact}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {t.convert.contactHelp}
              </Typography.Text>
            </span>
          </label>
          <label style={{ display: 'flex', alignItems: 'center', gap: 8, cursor: 'pointer' }}>
            <Form.Item name="with_deal" valuePropName="checked" noStyle>
              <Switch />
            </Form.Item>
            <span>{t.convert.deal}</span>
          </label>
        </Flex>
        {withDeal && <ConvertDealFields form={form} />}
      </Form>
    </Modal>
  );
}

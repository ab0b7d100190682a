import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { StageGateRefusal } from '@tideline/shared';
import { api, filterParam } from '../api/client';
import { useCustomFields } from '../api/hooks';
import type { Page, Stage } from '../api/types';
import { CustomFieldItems } from '../forms/CustomFieldItems';
import { UserSelect } from '../forms/UserSelect';
import { format, useI18n } from '../i18n/I18nProvider';
import type { DealCard } from './dealTypes';
import { dealFieldLabel, filledFields } from './gateRefusal';
import { useGateText } from './useGateText';

export interface GateAsk {
  deal: DealCard;
  to: Pick<Stage, 'id' | 'name'>;
  refusal: StageGateRefusal;
}

interface Props {
  ask: GateAsk | null;
  onCancel: () => void;
  /** The deal fields the person filled in, to send with the retried move. */
  onSubmit: (fields: Record<string, unknown>) => void;
}

/** The contacts of the deal's customer, to pick the deal's contact from. */
function ContactPick(props: { customerId: string; value?: string; onChange?: (v: string) => void }) {
  const { m } = useI18n();
  const { data } = useQuery({
    queryKey: ['contacts-of', props.customerId],
    queryFn: () =>
      api<Page<{ id: string; name: string }>>('/contacts', {
        query: {
          limit: 200,
          filter: filterParam([{ field: 'customer_id', op: 'eq', value: props.customerId }]),
        },
      }),
  });
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      placeholder={m.common.selectPlaceholder}
      options={(data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

/**
 * A move the stage gate refused: ask for exactly the fields it lacks and retry the move with them
 * (as Pipedrive and Bitrix24 do). An unmet entry condition cannot be filled in; it is only explained.
 */
export function StageGateFillModal({ ask, onCancel, onSubmit }: Props) {
  const { m } = useI18n();
  const g = useGateText();
  const [form] = Form.useForm<Record<string, unknown>>();
  const { data: defs = [] } = useCustomFields('deal');
  const missing = ask?.refusal.missing_fields ?? [];
  const askKey = ask ? `${ask.deal.id}:${ask.to.id}` : '';
  useEffect(() => {
    if (askKey) form.resetFields();
  }, [askKey, form]);
  const names = { deal: ask?.deal.name ?? '', stage: ask?.to.name ?? '' };
  const rule = (path: string) => [
    { required: true, message: format(m.forms.requiredField, { field: dealFieldLabel(path, m, defs) }) },
  ];
  const builtin = (path: string): ReactNode => {
    const control =
      path === 'amount' ? (
        <InputNumber style={{ width: '100%' }} min={0.01} precision={2} suffix={m.list.yuan} />
      ) : path === 'expected_close_date' ? (
        <DatePicker style={{ width: '100%' }} />
      ) : path === 'owner_id' ? (
        <UserSelect />
      ) : path === 'contact_id' && ask ? (
        <ContactPick customerId={ask.deal.customer_id} />
      ) : (
        <Input.TextArea rows={2} />
      );
    return (
      <Form.Item key={path} name={path} label={dealFieldLabel(path, m, defs)} rules={rule(path)}>
        {control}
      </Form.Item>
    );
  };
  const customKeys = new Set(missing.filter((f) => f.path.startsWith('custom.')).map((f) => f.path.slice(7)));
  const customDefs = defs.filter((d) => customKeys.has(d.key)).map((d) => ({ ...d, required: true }));
  const fillable = missing.length > 0;
  return (
    <Modal
      open={ask !== null}
      title={format(g.fillTitle, names)}
      okText={fillable ? g.fillAndMove : g.gotIt}
      cancelText={m.common.cancel}
      cancelButtonProps={fillable ? {} : { style: { display: 'none' } }}
      onOk={() => (fillable ? form.submit() : onCancel())}
      onCancel={onCancel}
      forceRender
    >
      {ask?.refusal.condition_failed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={format(g.conditionFailed, { ...names, condition: ask.refusal.condition_text ?? '' })}
        />
      )}
      {fillable && <Typography.Paragraph type="secondary">{format(g.fillBody, names)}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => onSubmit(filledFields(values, missing, defs))}
      >
        {missing.filter((f) => !f.path.startsWith('custom.')).map((f) => builtin(f.path))}
        <CustomFieldItems defs={customDefs} />
      </Form>
    </Modal>
  );
}

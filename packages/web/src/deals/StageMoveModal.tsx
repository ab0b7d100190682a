import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { format, useI18n } from '../i18n/I18nProvider';
import type { Stage } from '../api/types';
import type { DealCard } from './dealTypes';
import { useBoardText } from './useBoardText';

export interface StageMoveAsk {
  deal: DealCard;
  to: Stage;
}

interface Props {
  ask: StageMoveAsk | null;
  onCancel: () => void;
  onConfirm: (values: { amount?: number; lost_reason?: string }) => void;
}

interface Values {
  amount?: number;
  lost_reason?: string;
}

/** Before a deal enters a won stage: confirm the amount; a lost stage: say why (required). */
export function StageMoveModal({ ask, onCancel, onConfirm }: Props) {
  const { m } = useI18n();
  const b = useBoardText();
  const [form] = Form.useForm<Values>();
  const won = ask?.to.kind === 'won';
  const dealId = ask?.deal.id;
  const stageId = ask?.to.id;
  const amount = ask?.deal.amount ?? 0;
  // Reset when a new move is asked about, not on every render of the page behind.
  useEffect(() => {
    if (dealId) form.setFieldsValue({ amount: amount / 100, lost_reason: '' });
  }, [dealId, stageId, amount, form]);
  const finish = (values: Values) =>
    onConfirm(
      won
        ? { amount: Math.round((values.amount ?? 0) * 100) }
        : { lost_reason: (values.lost_reason ?? '').trim() },
    );
  return (
    <Modal
      open={ask !== null}
      title={won ? b.wonTitle : b.lostTitle}
      okText={m.common.confirm}
      cancelText={m.common.cancel}
      okButtonProps={won ? {} : { danger: true }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      {ask && (
        <Typography.Paragraph type="secondary">
          {format(won ? b.wonBody : b.lostBody, { deal: ask.deal.name, stage: ask.to.name })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={finish}>
        {won ? (
          <Form.Item
            name="amount"
            label={b.wonAmount}
            extra={m.forms.amountHelp}
            rules={[{ required: true, message: format(m.forms.requiredField, { field: b.wonAmount }) }]}
          >
            <InputNumber size="large" min={0} precision={2} style={{ width: '100%' }} autoFocus />
          </Form.Item>
        ) : (
          <Form.Item
            name="lost_reason"
            label={b.lostReason}
            rules={[{ required: true, whitespace: true, message: b.lostReasonRequired }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={b.lostReasonPlaceholder}
              autoFocus
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

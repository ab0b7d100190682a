import { useNavigate } from 'react-router';
import { Alert, App, Button, Flex, Space, Tag } from 'antd';
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { useRefusalText as useApiRefusalText } from '../detail/refusal';
import { format, useI18n } from '../i18n/I18nProvider';
import { lockCustomers, poolKeys, usePoolStatus } from './poolApi';
import { ReleaseButton } from './ReleaseButton';
import { usePoolText } from './usePoolText';

/**
 * The customer page's pool line: "3 天后因 30 天未跟进回收到公海" (the server's sentence in the current
 * language), why no rule applies, or the pool it waits in; the key-account lock for managers and the
 * 退回公海 action for whoever may write the customer.
 */
export function PoolCountdown({ customerId, owned }: { customerId: string; owned: boolean }) {
  const t = usePoolText();
  const { locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const navigate = useNavigate();
  const apiRefusal = useApiRefusalText();
  const query = usePoolStatus(customerId);
  const status = query.data;
  if (!status) return null;
  const canLock = can('records:transfer') || can('pools:manage');

  if (status.in_pool)
    return (
      <Alert
        type="info"
        showIcon
        title={format(t.countdown.inPool, { pool: status.pool.name, days: status.days_in_pool })}
      />
    );

  const toggleLock = async () => {
    try {
      await lockCustomers([customerId], !status.locked);
      message.success(status.locked ? t.countdown.unlockedDone : t.countdown.lockedDone);
      await client.invalidateQueries({ queryKey: poolKeys.status(customerId) });
    } catch (e) {
      message.error(apiRefusal(e));
    }
  };
  const zh = locale === 'zh-CN';
  const text = status.countdown
    ? zh
      ? status.countdown.zh
      : status.countdown.en
    : status.exemptions.length
      ? format(t.countdown.exempt, {
          why: status.exemptions.map((e) => t.countdown.exemptions[e] ?? e).join(zh ? '、' : ', '),
        })
      : status.pool
        ? format(t.countdown.noRule, { pool: status.pool.name })
        : null;
  // Inside the warning window (the server's clock decides days_left; the browser's may differ).
  const soon =
    status.days_left !== null &&
    status.warn_at !== null &&
    status.due_at !== null &&
    status.days_left * 86_400_000 <= Date.parse(status.due_at) - Date.parse(status.warn_at);
  const actions = (
    <Space wrap>
      {status.locked && (
        <Tag icon={<LockOutlined />} color="gold">
          {t.countdown.locked}
        </Tag>
      )}
      {canLock && owned && (
        <Button
          size="small"
          icon={status.locked ? <UnlockOutlined /> : <LockOutlined />}
          onClick={() => void toggleLock()}
        >
          {status.locked ? t.countdown.unlock : t.countdown.lock}
        </Button>
      )}
      {owned && can('customers:write') && (
        // Once released the customer is no longer the rep's: back to their list.
        <ReleaseButton size="small" ids={[customerId]} danger onDone={() => navigate('/customers')} />
      )}
    </Space>
  );
  if (!text)
    return owned ? (
      <Flex justify="flex-end" data-testid="pool-countdown">
        {actions}
      </Flex>
    ) : null;
  return (
    <Alert
      data-testid="pool-countdown"
      type={status.countdown ? (soon || status.days_left === 0 ? 'warning' : 'info') : 'success'}
      showIcon
      title={
        <span
          title={
            status.due_at
              ? format(t.countdown.dueAt, { date: dayjs(status.due_at).format('YYYY-MM-DD HH:mm') })
              : undefined
          }
        >
          {text}
        </span>
      }
      action={actions}
    />
  );
}

import { Navigate, useNavigate, useParams } from 'react-router';
import { Button, Card, Empty, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { format, useI18n } from '../i18n/I18nProvider';
import { usePools } from './poolApi';
import type { MyUsage, Pool } from './poolTypes';
import { PoolCustomerTable } from './PoolCustomerTable';
import { usePoolText } from './usePoolText';

/** /pools and /pools/:id — the pools I belong to, my cap and today's claims, and one pool's customers. */
export function PoolPage() {
  const { id } = useParams();
  const t = usePoolText();
  const { m } = useI18n();
  const navigate = useNavigate();
  const query = usePools();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError)
    return (
      <Result
        status="warning"
        title={m.common.unknownError}
        extra={<Button onClick={() => query.refetch()}>{m.common.retry}</Button>}
      />
    );
  const pools = query.data.items;
  if (pools.length === 0)
    return (
      <Card>
        <Empty description={t.noPools}>
          <Typography.Text type="secondary">{t.noPoolsHint}</Typography.Text>
        </Empty>
      </Card>
    );
  const current = pools.find((p) => p.id === id);
  if (!current) return <Navigate to={`/pools/${pools[0]!.id}`} replace />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <UsageLine usage={query.data.me} pool={current} />
      </Flex>
      <Tabs
        activeKey={current.id}
        onChange={(key) => navigate(`/pools/${key}`)}
        items={pools.map((p) => ({
          key: p.id,
          label: (
            <Space size={4}>
              <span>{p.name}</span>
              <Tag bordered={false}>{p.customer_count}</Tag>
              {!p.enabled && <Tag color="default">{t.disabled}</Tag>}
            </Space>
          ),
        }))}
      />
      <PoolCustomerTable key={current.id} pool={current} />
    </Flex>
  );
}

/** "已拥有 120 / 上限 150 · 今日已领取 3 / 10": what decides whether my next claim goes through. */
function UsageLine({ usage, pool }: { usage: MyUsage | null; pool: Pool }) {
  const t = usePoolText();
  if (!usage) return null;
  const today = usage.claims_today[pool.id] ?? 0;
  return (
    <Space size={16} wrap data-testid="pool-usage">
      <Typography.Text>
        {usage.cap
          ? format(t.usage.cap, { owned: usage.owned, max: usage.cap.max_customers })
          : format(t.usage.owned, { owned: usage.owned })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {pool.daily_claim_limit !== null
          ? format(t.usage.todayLimit, { n: today, limit: pool.daily_claim_limit })
          : format(t.usage.today, { n: today })}
      </Typography.Text>
      {pool.is_admin && <Tag color="purple">{t.admin}</Tag>}
    </Space>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { DealForm } from '../deals/DealForm';
import type { DealCard } from '../deals/dealTypes';
import { useDetailText } from '../detail/useDetailText';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../records/format';
import { customerKeys } from './customer360Api';

/** The customer's open deals with their stage and value; each opens its own page. */
export function CustomerDeals({
  customerId,
  deals,
  total,
}: {
  customerId: string;
  deals: DealCard[];
  total: number;
}) {
  const { locale } = useI18n();
  const t = useDetailText();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={`${t.deals.title} (${deals.length})`}
      extra={
        can('deals:write') && (
          <Button type="link" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t.deals.add}
          </Button>
        )
      }
    >
      {deals.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.deals.empty} />
      ) : (
        deals.map((d) => (
          <Link key={d.id} to={`/deals/${d.id}`} className="tl-row-link">
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text strong ellipsis style={{ display: 'block' }}>
                {d.name}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.expected_close_date ? format(t.deals.expected, { date: d.expected_close_date }) : ''}
              </Typography.Text>
            </div>
            <Flex vertical align="flex-end" gap={2}>
              <Typography.Text strong>{formatMoney(d.amount, d.currency, locale)}</Typography.Text>
              <Tag color="purple" style={{ marginInlineEnd: 0 }}>
                {d.stage_name}
              </Tag>
            </Flex>
          </Link>
        ))
      )}
      {total > deals.length && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {format(t.deals.more, { n: total })}
        </Typography.Text>
      )}
      <DealForm
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={() => void queryClient.invalidateQueries({ queryKey: customerKeys.all(customerId) })}
        customerId={customerId}
      />
    </Card>
  );
}

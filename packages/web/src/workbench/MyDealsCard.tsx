import { Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, filterParam } from '../api/client';
import type { Deal, Page } from '../api/types';
import { useMe } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatDate, formatMoney } from '../records/format';
import { WorkbenchCard, WorkbenchRow } from './WorkbenchCard';

/** My open deals expected to close this month (in the workspace's time zone, resolved by the server). */
export function MyDealsCard() {
  const { m, locale } = useI18n();
  const me = useMe();
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: ['list', '/deals', 'workbench', me.user.id],
    queryFn: () =>
      api<Page<Deal>>('/deals', {
        query: {
          filter: filterParam([
            { field: 'owner_id', op: 'eq', value: me.user.id },
            { field: 'status', op: 'eq', value: 'open' },
            { field: 'expected_close_date', op: 'period', value: 'this_month' },
          ]),
          sort: 'expected_close_date',
          limit: 50,
        },
      }),
  });
  const deals = data?.items ?? [];
  const currency = me.workspace.currency || 'CNY';
  const total = deals.filter((d) => d.currency === currency).reduce((sum, d) => sum + d.amount, 0);
  return (
    <WorkbenchCard
      title={m.workbench.myDeals}
      extra={
        deals.length > 0 && (
          <Typography.Text type="secondary">
            {format(m.workbench.dealsTotal, { amount: formatMoney(total, currency, locale) })}
          </Typography.Text>
        )
      }
      moreHref="/deals"
      loading={isPending}
      error={isError}
      empty={deals.length === 0}
      emptyText={m.workbench.noDeals}
      onRetry={() => refetch()}
    >
      {deals.map((d) => (
        <WorkbenchRow
          key={d.id}
          href={`/deals/${d.id}`}
          title={d.name}
          sub={[d.customer_name, d.stage_name, d.expected_close_date && formatDate(d.expected_close_date)]
            .filter(Boolean)
            .join(' · ')}
          right={<Tag color="blue">{formatMoney(d.amount, d.currency, locale)}</Tag>}
        />
      ))}
    </WorkbenchCard>
  );
}

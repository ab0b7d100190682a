import { Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { CUSTOMER_STATUSES } from '@tideline/shared';
import { api, filterParam } from '../api/client';
import type { Page, RecordBase } from '../api/types';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { formatInstant } from '../records/format';
import { WorkbenchCard, WorkbenchRow } from './WorkbenchCard';

const isStatus = (s: unknown): s is (typeof CUSTOMER_STATUSES)[number] =>
  (CUSTOMER_STATUSES as readonly unknown[]).includes(s);

/** My customers touched most recently. */
export function RecentCustomersCard() {
  const { m } = useI18n();
  const me = useMe();
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: ['list', '/customers', 'workbench', me.user.id],
    queryFn: () =>
      api<Page<RecordBase>>('/customers', {
        query: {
          filter: filterParam([{ field: 'owner_id', op: 'eq', value: me.user.id }]),
          sort: '-updated_at',
          limit: 8,
        },
      }),
  });
  const customers = data?.items ?? [];
  return (
    <WorkbenchCard
      title={m.workbench.recentCustomers}
      moreHref="/customers"
      loading={isPending}
      error={isError}
      empty={customers.length === 0}
      emptyText={m.workbench.noCustomers}
      onRetry={() => refetch()}
    >
      {customers.map((c) => (
        <WorkbenchRow
          key={c.id}
          href={`/customers/${c.id}`}
          title={c.name}
          sub={[typeof c.industry === 'string' ? c.industry : null, formatInstant(c.updated_at)]
            .filter(Boolean)
            .join(' · ')}
          right={isStatus(c.status) && <Tag>{m.enums.customerStatus[c.status]}</Tag>}
        />
      ))}
    </WorkbenchCard>
  );
}

import { Button } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { NotificationList } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { NOTIFICATIONS_KEY, useMarkRead } from '../layout/useNotifications';
import { recordRoute } from '../records/recordRoute';
import { WorkbenchCard, WorkbenchRow } from './WorkbenchCard';

/** What I have not read yet; the live stream refreshes it with the bell. */
export function UnreadNotificationsCard() {
  const { m } = useI18n();
  const markRead = useMarkRead();
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => api<NotificationList>('/notifications', { query: { unread: 'true', limit: 8 } }),
  });
  const items = data?.items ?? [];
  return (
    <WorkbenchCard
      title={m.workbench.unread}
      extra={
        items.length > 0 && (
          <Button size="small" type="link" onClick={() => markRead.mutate(undefined)}>
            {m.notifications.markAllRead}
          </Button>
        )
      }
      loading={isPending}
      error={isError}
      empty={items.length === 0}
      emptyText={m.workbench.noUnread}
      onRetry={() => refetch()}
    >
      {items.map((n) => (
        <div key={n.id} onClick={() => markRead.mutate([n.id])}>
          <WorkbenchRow
            href={recordRoute(n.entity, n.record_id)}
            title={n.title}
            sub={n.body ?? undefined}
            right={dayjs(n.created_at).format('MM-DD HH:mm')}
          />
        </div>
      ))}
    </WorkbenchCard>
  );
}

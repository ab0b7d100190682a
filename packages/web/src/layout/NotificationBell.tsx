import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { App, Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Notification } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { recordRoute } from '../records/recordRoute';
import { useMarkRead, useNotificationStream, useNotifications } from './useNotifications';
import type { LiveNotification } from './useNotifications';

/** The bell: unread count, the latest notifications, live updates; a click marks read and opens the record. */
export function NotificationBell() {
  const { m } = useI18n();
  const navigate = useNavigate();
  const { notification } = App.useApp();
  const [open, setOpen] = useState(false);
  const { data, isPending } = useNotifications();
  const markRead = useMarkRead();

  const { mutate: markIds } = markRead;
  const openRecord = useCallback(
    (n: Pick<Notification, 'id' | 'entity' | 'record_id' | 'read_at'>) => {
      if (!n.read_at) markIds([n.id]);
      const href = recordRoute(n.entity, n.record_id);
      setOpen(false);
      if (href) navigate(href);
    },
    [markIds, navigate],
  );
  const onLive = useCallback(
    (n: LiveNotification) =>
      notification.info({
        key: n.id,
        title: m.notifications.live,
        description: n.title,
        placement: 'bottomRight',
        onClick: () => openRecord({ id: n.id, entity: n.entity, record_id: n.recordId, read_at: null }),
      }),
    [notification, m, openRecord],
  );
  useNotificationStream(onLive);

  const items = data?.items ?? [];
  const content = (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{m.notifications.title}</Typography.Text>
        <Button size="small" type="link" disabled={!data?.unread} onClick={() => markRead.mutate(undefined)}>
          {m.notifications.markAllRead}
        </Button>
      </Flex>
      {isPending ? (
        <Spin style={{ display: 'block', margin: 24 }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.notifications.empty} />
      ) : (
        <div style={{ maxHeight: 400, overflowY: 'auto' }}>
          {items.map((n) => (
            <div
              key={n.id}
              role="button"
              tabIndex={0}
              onClick={() => openRecord(n)}
              onKeyDown={(e) => e.key === 'Enter' && openRecord(n)}
              style={{ padding: '8px 4px', borderBottom: '1px solid rgba(5,5,5,0.06)', cursor: 'pointer' }}
            >
              <Flex gap={8} align="baseline">
                <Badge status={n.read_at ? 'default' : 'processing'} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong={!n.read_at} style={{ display: 'block' }}>
                    {n.title}
                  </Typography.Text>
                  {n.body && (
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 2 }}
                      style={{ margin: 0, fontSize: 12 }}
                    >
                      {n.body}
                    </Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {dayjs(n.created_at).format('MM-DD HH:mm')}
                  </Typography.Text>
                </div>
              </Flex>
            </div>
          ))}
        </div>
      )}
    </div>
  );
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" content={content}>
      <Button type="text" aria-label={m.header.notifications} style={{ height: 40, width: 40 }}>
        <Badge count={data?.unread ?? 0} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}

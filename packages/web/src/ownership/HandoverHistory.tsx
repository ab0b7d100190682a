import { Button, Card, Progress, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { useUserNames } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { formatInstant } from '../records/format';
import type { HandoverView } from './handoverApi';

const COLORS = { queued: 'default', running: 'processing', completed: 'success', failed: 'error' } as const;
const live = (items: HandoverView[] | undefined) =>
  (items ?? []).some((h) => h.status === 'queued' || h.status === 'running');

/** Recent hand-overs with their progress, so an admin who left the wizard can follow one again. */
export function HandoverHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useDetailText().handover;
  const names = useUserNames();
  const { data, isLoading } = useQuery({
    queryKey: ['handovers', 'list'],
    queryFn: () =>
      api<{ items: HandoverView[] }>('/handovers', { query: { limit: 10 } }).then((r) => r.items),
    refetchInterval: (q) => (live(q.state.data) ? 2000 : false),
  });
  if (!isLoading && !data?.length) return null;
  return (
    <Card size="small" title={t.history}>
      <Table<HandoverView>
        size="small"
        rowKey="id"
        loading={isLoading}
        pagination={false}
        dataSource={data ?? []}
        columns={[
          { title: t.startedAt, dataIndex: 'created_at', render: (v: string) => formatInstant(v) },
          { title: t.from, dataIndex: 'from_user_id', render: (v: string) => names.get(v) ?? '' },
          {
            title: t.statusTitle,
            dataIndex: 'status',
            render: (s: HandoverView['status']) => <Tag color={COLORS[s]}>{t.status[s]}</Tag>,
          },
          {
            title: t.progressTitle,
            key: 'progress',
            render: (_: unknown, h) => (
              <Progress
                size="small"
                percent={h.total ? Math.min(100, Math.floor((h.done / h.total) * 100)) : 100}
                status={h.status === 'failed' ? 'exception' : undefined}
                format={() => `${h.done} / ${h.total}`}
              />
            ),
          },
          {
            key: 'open',
            align: 'right',
            render: (_: unknown, h) => (
              <Button size="small" type="link" onClick={() => onOpen(h.id)}>
                {t.open}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

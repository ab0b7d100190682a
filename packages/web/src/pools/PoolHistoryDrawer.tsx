import { Button, Drawer, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { format } from '../i18n/I18nProvider';
import { usePoolMoves } from './poolApi';
import type { Person, Pool, PoolMove } from './poolTypes';
import { usePoolText } from './usePoolText';

const KIND_COLORS: Record<string, string> = {
  claim: 'green',
  release: 'orange',
  assign: 'blue',
  recycle: 'red',
  transfer: 'purple',
};

/** GET /pools/:id/moves for pool admins: who claimed, released, assigned or recycled what, and why. */
export function PoolHistoryDrawer({
  pool,
  open,
  onClose,
}: {
  pool: Pool;
  open: boolean;
  onClose: () => void;
}) {
  const t = usePoolText();
  const query = usePoolMoves(pool.id, open);
  const moves = query.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (p: Person) => p?.name ?? '—';
  const line = (move: PoolMove) => {
    const parts = [
      `${t.move.by}: ${move.actor ? name(move.actor) : t.move.system}`,
      move.from_owner ? `${t.move.from}: ${name(move.from_owner)}` : null,
      move.to_owner ? `${t.move.to}: ${name(move.to_owner)}` : null,
      move.reason ? `${t.move.reason}: ${move.reason}` : null,
    ];
    return parts.filter(Boolean).join(' · ');
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={format(t.historyTitle, { name: pool.name })}
      size="large"
      destroyOnHidden
    >
      {query.isPending ? (
        <Skeleton active />
      ) : moves.length === 0 ? (
        <Empty description={t.historyEmpty} />
      ) : (
        <Flex vertical gap={8}>
          <List
            dataSource={moves}
            renderItem={(move) => (
              <List.Item key={move.id}>
                <List.Item.Meta
                  title={
                    <Flex gap={8} align="center" wrap>
                      <Tag color={KIND_COLORS[move.kind] ?? 'default'}>{t.moveKinds[move.kind]}</Tag>
                      <Typography.Text strong>{move.customer.name ?? move.customer.id}</Typography.Text>
                      <Typography.Text type="secondary">
                        {dayjs(move.at).format('YYYY-MM-DD HH:mm')}
                      </Typography.Text>
                    </Flex>
                  }
                  description={line(move)}
                />
              </List.Item>
            )}
          />
          {query.hasNextPage && (
            <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t.list.loadMore}
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
}

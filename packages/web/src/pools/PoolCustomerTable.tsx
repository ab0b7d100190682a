import { useMemo, useState } from 'react';
import { App, AutoComplete, Button, Card, Flex, Input, InputNumber, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { HistoryOutlined, UserAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/AuthProvider';
import { useDebounced } from '../forms/useDebounced';
import { format, useI18n } from '../i18n/I18nProvider';
import { refreshPools, takeCustomers, usePoolCustomers } from './poolApi';
import type { TakeOutcome } from './poolApi';
import type { Pool, PoolCustomer } from './poolTypes';
import { AssignModal } from './AssignModal';
import { PoolHistoryDrawer } from './PoolHistoryDrawer';
import { useRefusalText } from './refusals';
import { usePoolText } from './usePoolText';

/**
 * One pool's customers: filters, claim one or many, and each refusal next to its customer with the
 * server's reason. Admins also see where each customer came from, assign, and open the history.
 */
export function PoolCustomerTable({ pool }: { pool: Pool }) {
  const t = usePoolText();
  const { m } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const refusalText = useRefusalText();
  const [q, setQ] = useState('');
  const [source, setSource] = useState('');
  const [minDays, setMinDays] = useState<number | null>(null);
  const filters = { q: useDebounced(q, 300), source: useDebounced(source, 300), minDays };
  const query = usePoolCustomers(pool.id, filters);
  const [selected, setSelected] = useState<string[]>([]);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [assigning, setAssigning] = useState<string[] | null>(null);
  const [history, setHistory] = useState(false);
  const rows = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const sources = useMemo(
    () => [...new Set(rows.map((r) => r.source).filter((s): s is string => Boolean(s)))],
    [rows],
  );
  const canAssign = pool.is_admin || can('records:transfer');

  /** Show what was taken and, per customer, why the rest were not. */
  const settle = async (ids: string[], outcome: TakeOutcome, done: string) => {
    setRefused((prev) => {
      const next = { ...prev };
      for (const id of ids) delete next[id];
      for (const r of outcome.refused) next[r.id] = refusalText(r);
      return next;
    });
    const n = outcome.taken.length;
    if (n && outcome.refused.length) message.warning(format(t.claimedSome, { n, m: outcome.refused.length }));
    else if (n) message.success(format(done, { n }));
    else message.error(outcome.refused[0] ? refusalText(outcome.refused[0]) : t.claimedNone);
    setSelected((s) => s.filter((id) => !outcome.taken.includes(id)));
    if (n) await refreshPools(client);
  };
  const claim = async (ids: string[]) => {
    setBusy(true);
    try {
      await settle(ids, await takeCustomers(pool.id, ids), t.claimed);
    } catch (e) {
      message.error(e instanceof Error ? e.message : m.common.unknownError);
    } finally {
      setBusy(false);
    }
  };
  const assign = async (ids: string[], ownerId: string) => {
    await settle(ids, await takeCustomers(pool.id, ids, ownerId), t.assigned);
    setAssigning(null);
  };

  const masked = (row: PoolCustomer, field: 'phone' | 'email') =>
    row.masked.includes(field) ? (
      <Typography.Text type="secondary">{t.list.masked}</Typography.Text>
    ) : (
      (row[field] ?? '—')
    );
  const columns: TableColumnsType<PoolCustomer> = [
    {
      key: 'name',
      title: t.list.name,
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{row.name}</Typography.Text>
          {refused[row.id] && (
            <Typography.Text type="danger" role="alert" data-testid={`refusal-${row.id}`}>
              {refused[row.id]}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'level', title: t.list.level, render: (_, row) => row.level ?? '—' },
    { key: 'source', title: t.list.source, render: (_, row) => row.source ?? '—' },
    { key: 'phone', title: t.list.phone, render: (_, row) => masked(row, 'phone') },
    { key: 'email', title: t.list.email, render: (_, row) => masked(row, 'email') },
    {
      key: 'days',
      title: t.list.daysInPool,
      render: (_, row) => format(t.list.daysValue, { n: row.days_in_pool }),
    },
    {
      key: 'dropped',
      title: t.list.timesDropped,
      render: (_, row) => format(t.list.timesValue, { n: row.times_dropped }),
    },
    ...(pool.is_admin
      ? ([
          {
            key: 'previous',
            title: t.list.previousOwner,
            render: (_, row) => row.previous_owner?.name ?? '—',
          },
          { key: 'reason', title: t.list.recycleReason, render: (_, row) => row.recycle_reason ?? '—' },
          {
            key: 'released',
            title: t.list.releasedAt,
            render: (_, row) =>
              row.released_at || row.pool_entered_at
                ? dayjs(row.released_at ?? row.pool_entered_at).format('YYYY-MM-DD HH:mm')
                : '—',
          },
        ] satisfies TableColumnsType<PoolCustomer>)
      : []),
    {
      key: 'actions',
      title: t.list.actions,
      fixed: 'right',
      render: (_, row) => (
        <Space>
          <Button
            size="small"
            type="primary"
            disabled={busy || !pool.enabled}
            aria-label={`${t.claim} ${row.name}`}
            onClick={() => void claim([row.id])}
          >
            {t.claim}
          </Button>
          {canAssign && (
            <Button size="small" onClick={() => setAssigning([row.id])}>
              {t.assign}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card styles={{ body: { padding: 12 } }}>
        <Flex gap={8} wrap align="center" justify="space-between">
          <Space wrap>
            <Input.Search
              allowClear
              placeholder={t.list.search}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              style={{ width: 220 }}
            />
            <AutoComplete
              allowClear
              placeholder={t.list.source}
              value={source}
              onChange={(v: string | undefined) => setSource(v ?? '')}
              options={sources.map((s) => ({ value: s }))}
              style={{ width: 160 }}
            />
            <InputNumber
              min={0}
              placeholder={t.list.minDays}
              suffix={t.list.days}
              value={minDays}
              onChange={(v) => setMinDays(v)}
              style={{ width: 170 }}
            />
          </Space>
          <Space wrap>
            <Button
              type="primary"
              disabled={selected.length === 0 || busy || !pool.enabled}
              loading={busy}
              onClick={() => void claim(selected)}
            >
              {format(t.claimSelected, { n: selected.length })}
            </Button>
            {canAssign && (
              <Button
                icon={<UserAddOutlined />}
                disabled={selected.length === 0}
                onClick={() => setAssigning(selected)}
              >
                {t.assign}
              </Button>
            )}
            {pool.is_admin && (
              <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
                {t.history}
              </Button>
            )}
          </Space>
        </Flex>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        <Table<PoolCustomer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={query.isFetching && !query.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t.list.empty }}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
        />
        {query.hasNextPage && (
          <Flex justify="center" style={{ padding: 12 }}>
            <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t.list.loadMore}
            </Button>
          </Flex>
        )}
      </Card>
      <AssignModal
        ids={assigning}
        onCancel={() => setAssigning(null)}
        onAssign={(ids, ownerId) => assign(ids, ownerId)}
      />
      {pool.is_admin && <PoolHistoryDrawer pool={pool} open={history} onClose={() => setHistory(false)} />}
    </Flex>
  );
}

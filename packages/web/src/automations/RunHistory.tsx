import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Empty, Flex, Result, Select, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, RedoOutlined } from '@ant-design/icons';
import type { RunStatus } from '@tideline/shared';
import { useAuth } from '../auth/AuthProvider';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatInstant } from '../records/format';
import { recordRoute } from '../records/recordRoute';
import { useRefusalText } from '../settings/apiRefusal';
import { useAutomations, useRetryRuns, useRuns } from './automationApi';
import type { RunItem } from './automationTypes';
import { RunDrawer } from './RunDrawer';
import { RunStatusTag } from './RunStatusTag';
import { useAutomationText } from './useAutomationText';
import { RUN_STATUSES } from './automationLists';

const isStatus = (v: string | null): v is RunStatus =>
  (RUN_STATUSES as readonly (string | null)[]).includes(v);

/** /automations/runs and /automations/:id/runs: runs newest first, a run's steps in a drawer, bulk retry. */
export function RunHistory() {
  const t = useAutomationText();
  const { m } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const automationId = useParams().id ?? null;
  const [params, setParams] = useSearchParams();
  const status = isStatus(params.get('status')) ? (params.get('status') as RunStatus) : null;
  const openId = params.get('run');
  const [selected, setSelected] = useState<string[]>([]);
  const { data: automations } = useAutomations();
  const names = new Map((automations ?? []).map((a) => [a.id, a.name]));
  const runs = useRuns({ automationId, status });
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const retry = useRetryRuns((n) => {
    setSelected([]);
    message.success(format(t.runs.retried, { n }));
  });
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: key === 'run' });
  };
  const name = automationId ? names.get(automationId) : undefined;
  const columns: TableColumnsType<RunItem> = [
    { key: 'status', title: t.runs.status, width: 110, render: (_, r) => <RunStatusTag status={r.status} /> },
    { key: 'time', title: t.runs.time, width: 160, render: (_, r) => formatInstant(r.created_at) },
    ...(automationId
      ? []
      : [
          {
            key: 'automation',
            title: t.runs.automation,
            render: (_: unknown, r: RunItem) => (
              <Link to={`/automations/${r.automation_id}`} onClick={(e) => e.stopPropagation()}>
                {names.get(r.automation_id) ?? t.runs.deletedAutomation}
              </Link>
            ),
          },
        ]),
    { key: 'version', title: t.runs.version, width: 70, render: (_, r) => `v${r.version}` },
    {
      key: 'record',
      title: t.runs.record,
      render: (_, r) => {
        const route = recordRoute(r.entity, r.record_id);
        const label = r.entity
          ? (t.entities[r.entity as keyof typeof t.entities] ?? r.entity)
          : m.common.none;
        // Runs carry ids only: the end of the id tells records of one type apart.
        return route ? (
          <Link to={route} onClick={(e) => e.stopPropagation()}>
            {label} · {r.record_id!.slice(-6)}
          </Link>
        ) : (
          label
        );
      },
    },
    { key: 'steps', title: t.runs.steps, width: 80, render: (_, r) => r.step_count ?? m.common.none },
    {
      key: 'error',
      title: t.runs.error,
      ellipsis: { showTitle: false },
      render: (_, r) =>
        r.error ? (
          <Tooltip title={r.error}>
            <Typography.Text type="danger">{r.error}</Typography.Text>
          </Tooltip>
        ) : (
          m.common.none
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex gap={8} align="center">
          <Link to={automationId ? `/automations/${automationId}` : '/automations'}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t.actions.back} />
          </Link>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {name ? format(t.runs.titleFor, { name }) : t.runs.title}
          </Typography.Title>
        </Flex>
        <Flex gap={8} wrap>
          <Select<RunStatus | 'all'>
            aria-label={t.runs.status}
            value={status ?? 'all'}
            style={{ width: 140 }}
            options={[
              { value: 'all', label: t.runs.allStatuses },
              ...RUN_STATUSES.map((s) => ({ value: s, label: t.runStatus[s] })),
            ]}
            onChange={(v) => {
              setSelected([]);
              setParam('status', v === 'all' ? null : v);
            }}
          />
          {can('automations:manage') && (
            <Tooltip title={t.runs.retryHelp}>
              <Button
                icon={<RedoOutlined />}
                disabled={selected.length === 0}
                loading={retry.isPending}
                onClick={() => retry.mutate(selected, { onError: (e) => void message.error(refusal(e)) })}
              >
                {format(t.runs.retrySelected, { n: selected.length })}
              </Button>
            </Tooltip>
          )}
        </Flex>
      </Flex>
      <Card styles={{ body: { padding: 0 } }}>
        {runs.isError ? (
          <Result
            status="warning"
            title={t.runs.errorTitle}
            subTitle={refusal(runs.error)}
            extra={<Button onClick={() => void runs.refetch()}>{m.common.retry}</Button>}
          />
        ) : (
          <Table<RunItem>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={runs.isPending}
            pagination={false}
            scroll={{ x: 800 }}
            rowSelection={
              can('automations:manage')
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getCheckboxProps: (r) => ({ disabled: r.status !== 'failed' }),
                  }
                : undefined
            }
            onRow={(r) => ({
              onClick: (e) => {
                if ((e.target as HTMLElement).closest('.ant-table-selection-column, a')) return;
                setParam('run', r.id);
              },
              style: { cursor: 'pointer' },
            })}
            locale={{
              emptyText: runs.isPending ? (
                ' '
              ) : (
                <Empty
                  style={{ padding: '32px 0' }}
                  description={
                    <>
                      <Typography.Title level={5} style={{ marginBottom: 4 }}>
                        {t.runs.emptyTitle}
                      </Typography.Title>
                      <Typography.Text type="secondary">{t.runs.emptyBody}</Typography.Text>
                    </>
                  }
                />
              ),
            }}
          />
        )}
        {runs.hasNextPage && (
          <Flex justify="center" style={{ padding: 12 }}>
            <Button loading={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
              {t.runs.loadMore}
            </Button>
          </Flex>
        )}
      </Card>
      <RunDrawer id={openId} automationName={(id) => names.get(id)} onClose={() => setParam('run', null)} />
    </Flex>
  );
}

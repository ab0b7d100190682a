import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Result, Spin, Tag, Typography } from 'antd';
import { useUserNames } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { format, useI18n } from '../i18n/I18nProvider';
import { useHandover, useHandoverPools } from './handoverApi';
import { HandoverCountsTable } from './HandoverCountsTable';

const COLORS = { queued: 'default', running: 'processing', completed: 'success', failed: 'error' } as const;

/** The hand-over running in the background: polled progress, then what went to whom. */
export function HandoverProgress({ id, onAgain }: { id: string; onAgain: () => void }) {
  const { m, locale } = useI18n();
  const t = useDetailText().handover;
  const names = useUserNames();
  const pools = useHandoverPools();
  const { data: h, error } = useHandover(id);
  const queryClient = useQueryClient();
  const finished = h?.status === 'completed' || h?.status === 'failed';
  // The recent list (and every record list) shows the outcome as soon as it is known.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[1] !== id });
  }, [finished, id, queryClient]);
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!h) return <Spin />;
  const from = names.get(h.from_user_id) ?? '';
  const table = (
    <HandoverCountsTable
      source={{
        targets: h.targets,
        pooled: h.to_pool
          ? { name: pools.data?.find((p) => p.id === h.to_pool)?.name ?? '', customers: h.pooled }
          : null,
        unassignedLeads: h.unassigned_leads,
      }}
    />
  );
  const again = <Button onClick={onAgain}>{t.again}</Button>;
  if (h.status === 'completed')
    return (
      <Flex vertical gap={12}>
        <Result
          status="success"
          title={t.doneTitle}
          subTitle={[
            format(t.doneMany, { from, total: h.done }),
            h.deactivated ? format(t.deactivated, { name: from }) : '',
          ].join(locale === 'zh-CN' ? '' : ' ')}
          extra={again}
        />
        {h.error && <Alert type="warning" showIcon title={h.error} />}
        {table}
      </Flex>
    );
  if (h.status === 'failed')
    return (
      <Flex vertical gap={12}>
        <Result
          status="warning"
          title={t.failedTitle}
          subTitle={format(t.failedBody, { name: from, error: h.error ?? m.common.none })}
          extra={again}
        />
        {table}
      </Flex>
    );
  // New records of the leaving user made during the run are moved too: done may pass the plan.
  const percent = h.total ? Math.min(100, Math.floor((h.done / h.total) * 100)) : 0;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Tag color={COLORS[h.status]}>{t.status[h.status]}</Tag>
        <Typography.Text>{format(t.progress, { done: h.done, total: h.total })}</Typography.Text>
      </Flex>
      <Progress percent={percent} status="active" />
      {table}
    </Flex>
  );
}

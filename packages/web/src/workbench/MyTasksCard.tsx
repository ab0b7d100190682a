import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { api, filterParam } from '../api/client';
import type { Page, Task } from '../api/types';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { recordRoute } from '../records/recordRoute';
import { WorkbenchCard, WorkbenchRow } from './WorkbenchCard';

/** My open tasks due today or already overdue, soonest first. */
export function MyTasksCard() {
  const { m } = useI18n();
  const me = useMe();
  const endOfToday = dayjs().endOf('day');
  const { data, isPending, isError, refetch } = useQuery({
    queryKey: ['list', '/tasks', 'workbench', me.user.id, endOfToday.format('YYYY-MM-DD')],
    queryFn: () =>
      api<Page<Task>>('/tasks', {
        query: {
          filter: filterParam([
            { field: 'assignee_id', op: 'eq', value: me.user.id },
            { field: 'status', op: 'eq', value: 'open' },
            { field: 'due_at', op: 'lte', value: endOfToday.toISOString() },
          ]),
          sort: 'due_at',
          limit: 20,
        },
      }),
  });
  const tasks = data?.items ?? [];
  const now = dayjs();
  return (
    <WorkbenchCard
      title={m.workbench.myTasks}
      extra={tasks.length > 0 && <Tag>{tasks.length}</Tag>}
      moreHref="/tasks"
      loading={isPending}
      error={isError}
      empty={tasks.length === 0}
      emptyText={m.workbench.noTasks}
      onRetry={() => refetch()}
    >
      {tasks.map((t) => {
        const overdue = t.due_at !== null && dayjs(t.due_at).isBefore(now);
        return (
          <WorkbenchRow
            key={t.id}
            href={recordRoute(t.related_type, t.related_id)}
            title={t.title}
            sub={t.due_at ? dayjs(t.due_at).format('MM-DD HH:mm') : undefined}
            right={
              <Tag color={overdue ? 'red' : 'orange'}>
                {overdue ? m.workbench.overdue : m.workbench.dueToday}
              </Tag>
            }
          />
        );
      })}
    </WorkbenchCard>
  );
}

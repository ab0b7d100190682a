import { Link } from 'react-router';
import { App, Button, Descriptions, Drawer, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { CheckOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskRelatedType } from '@tideline/shared';
import dayjs from 'dayjs';
import { api, isApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';
import { recordRoute } from '../records/recordRoute';
import { useRefusalText } from '../settings/apiRefusal';
import { TASK_LISTS_KEY } from './taskQueries';
import type { TaskItem } from './taskQueries';
import { useTaskText } from './useTaskText';

const STATUS_COLORS: Record<string, string> = { open: 'blue', done: 'green', cancelled: 'default' };

/** /tasks/:id (where task notifications lead): the task's details, done and reopen. */
export function TaskDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { m } = useI18n();
  const tt = useTaskText();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const {
    data: task,
    isPending,
    error,
  } = useQuery({
    queryKey: ['task', id],
    queryFn: () => api<TaskItem>(`/tasks/${id}`),
    enabled: Boolean(id),
    retry: false,
  });
  const setStatus = useMutation({
    mutationFn: (status: 'open' | 'done') =>
      status === 'done'
        ? api<TaskItem>(`/tasks/${id}/complete`, { method: 'POST' })
        : api<TaskItem>(`/tasks/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['task', id], updated);
      void queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY });
      message.success(updated.status === 'done' ? m.common.saved : tt.reopened);
    },
    onError: (e) => message.error(refusal(e)),
  });
  const href = task ? recordRoute(task.related_type, task.related_id) : null;
  const body = () => {
    if (isPending) return <Skeleton active />;
    if (error || !task) {
      const notFound = isApiError(error) && error.status === 404;
      return (
        <Result
          status={notFound ? '404' : 'warning'}
          title={notFound ? m.common.notFound : m.common.unknownError}
        />
      );
    }
    return (
      <Flex vertical gap={16}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {task.title}
        </Typography.Title>
        <Descriptions
          column={1}
          size="small"
          items={[
            {
              key: 'status',
              label: tt.fields.status,
              children: (
                <Tag color={STATUS_COLORS[task.status]}>
                  {m.enums.taskStatus[task.status as keyof typeof m.enums.taskStatus] ?? task.status}
                </Tag>
              ),
            },
            {
              key: 'due',
              label: tt.fields.due_at,
              children: task.due_at ? dayjs(task.due_at).format('YYYY-MM-DD HH:mm') : tt.noDue,
            },
            { key: 'assignee', label: tt.fields.assignee_id, children: task.assignee_name ?? m.common.none },
            { key: 'creator', label: tt.fields.creator, children: task.creator_name ?? m.common.none },
            {
              key: 'related',
              label: tt.fields.related,
              children:
                href && task.related_type ? (
                  <Link to={href}>
                    {tt.relatedTypes[task.related_type as TaskRelatedType] ?? tt.openRecord}
                  </Link>
                ) : (
                  m.common.none
                ),
            },
          ]}
        />
        {task.description && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph>
        )}
        <Flex gap={8}>
          {task.status === 'open' ? (
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={setStatus.isPending}
              onClick={() => setStatus.mutate('done')}
            >
              {tt.complete}
            </Button>
          ) : (
            <Button
              icon={<UndoOutlined />}
              loading={setStatus.isPending}
              onClick={() => setStatus.mutate('open')}
            >
              {tt.reopen}
            </Button>
          )}
        </Flex>
      </Flex>
    );
  };
  return (
    <Drawer open={Boolean(id)} onClose={onClose} title={tt.detail} size={420} destroyOnHidden>
      {id && body()}
    </Drawer>
  );
}

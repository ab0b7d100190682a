import { Link } from 'react-router';
import { Button, Checkbox, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import type { TaskRelatedType } from '@tideline/shared';
import dayjs from 'dayjs';
import { format, useI18n } from '../i18n/I18nProvider';
import { ListError } from '../records/ListStates';
import { recordRoute } from '../records/recordRoute';
import { useTaskSection } from './taskQueries';
import type { TaskItem, TaskSection } from './taskQueries';
import { useTaskText } from './useTaskText';

const ROW = { padding: '12px 4px', borderBottom: '1px solid rgba(5,5,5,0.06)' };

interface Props {
  section: TaskSection;
  assigneeId: string;
  timeZone: string;
  emptyText: string;
  /** Show the assignee's name on each row (when looking at someone else's tasks). */
  showAssignee: boolean;
  onComplete: (task: TaskItem) => void;
  onOpen: (task: TaskItem) => void;
}

/** One section of the tasks page: rows with a one-click "done" box, due time and related record. */
export function TaskList({
  section,
  assigneeId,
  timeZone,
  emptyText,
  showAssignee,
  onComplete,
  onOpen,
}: Props) {
  const { m } = useI18n();
  const tt = useTaskText();
  const list = useTaskSection(section, assigneeId, timeZone);
  if (list.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (list.isError) return <ListError error={list.error} onRetry={() => list.refetch()} />;
  const tasks = list.data.pages.flatMap((p) => p.items);
  if (tasks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  const now = dayjs();
  return (
    <>
      <div role="list">
        {tasks.map((task) => {
          const done = task.status === 'done';
          const overdue = !done && task.due_at !== null && dayjs(task.due_at).isBefore(now);
          const href = recordRoute(task.related_type, task.related_id);
          return (
            <div role="listitem" key={task.id} data-task-id={task.id} style={ROW}>
              <Flex gap={12} align="flex-start">
                <Checkbox
                  checked={done}
                  disabled={done}
                  aria-label={tt.complete}
                  onChange={() => onComplete(task)}
                  style={{ marginTop: 2 }}
                />
                <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Link
                    onClick={() => onOpen(task)}
                    delete={done}
                    type={done ? 'secondary' : undefined}
                    style={{ fontWeight: 500 }}
                  >
                    {task.title}
                  </Typography.Link>
                  <Flex gap={8} wrap align="center" style={{ fontSize: 12 }}>
                    {done && task.completed_at ? (
                      <Typography.Text type="secondary">
                        {format(tt.doneAt, { time: dayjs(task.completed_at).format('MM-DD HH:mm') })}
                      </Typography.Text>
                    ) : task.due_at ? (
                      <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                        {format(tt.due, { time: dayjs(task.due_at).format('MM-DD HH:mm') })}
                      </Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{tt.noDue}</Typography.Text>
                    )}
                    {overdue && <Tag color="red">{tt.overdue}</Tag>}
                    {href && task.related_type && (
                      <Link to={href}>
                        <LinkOutlined />{' '}
                        {tt.relatedTypes[task.related_type as TaskRelatedType] ?? m.records.open}
                      </Link>
                    )}
                    {showAssignee && task.assignee_name && (
                      <Typography.Text type="secondary">{task.assignee_name}</Typography.Text>
                    )}
                  </Flex>
                </Flex>
              </Flex>
            </div>
          );
        })}
      </div>
      {list.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button loading={list.isFetchingNextPage} onClick={() => list.fetchNextPage()}>
            {m.list.loadMore}
          </Button>
        </Flex>
      )}
    </>
  );
}

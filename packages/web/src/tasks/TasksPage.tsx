import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Divider, Flex, Tabs, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMe } from '../auth/AuthProvider';
import { UserSelect } from '../forms/UserSelect';
import { format } from '../i18n/I18nProvider';
import { useRefusalText } from '../settings/apiRefusal';
import { TaskCreateModal } from './TaskCreateModal';
import { TaskDetailDrawer } from './TaskDetailDrawer';
import { TaskList } from './TaskList';
import { TASK_TABS, useCompleteTask } from './taskQueries';
import type { TaskItem, TaskTab } from './taskQueries';
import { useTaskText } from './useTaskText';

const isTab = (v: string | null): v is TaskTab => (TASK_TABS as readonly (string | null)[]).includes(v);

/** /tasks: my tasks by today / overdue / upcoming / done; /tasks/:id opens one in a drawer. */
export function TasksPage() {
  const tt = useTaskText();
  const me = useMe();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const navigate = useNavigate();
  const taskId = useParams()['*'] || null;
  const [params, setParams] = useSearchParams();
  const tab: TaskTab = isTab(params.get('tab')) ? (params.get('tab') as TaskTab) : 'today';
  const [assigneeId, setAssigneeId] = useState(me.user.id);
  const [creating, setCreating] = useState(false);
  const complete = useCompleteTask({
    onDone: (task) => message.success(format(tt.completed, { title: task.title })),
    onRefused: (error) => message.error(format(tt.completeFailed, { reason: refusal(error) })),
  });
  const timeZone = me.workspace.timezone;
  const listProps = {
    assigneeId,
    timeZone,
    showAssignee: assigneeId !== me.user.id,
    onComplete: (task: TaskItem) => complete.mutate(task),
    onOpen: (task: TaskItem) => navigate({ pathname: `/tasks/${task.id}`, search: params.toString() }),
  };
  const items = TASK_TABS.map((key) => ({
    key,
    label: tt.tabs[key],
    children:
      key === 'upcoming' ? (
        <>
          <TaskList section="upcoming" emptyText={tt.empty.upcoming} {...listProps} />
          <Divider titlePlacement="start" plain>
            {tt.noDue}
          </Divider>
          <TaskList section="undated" emptyText={tt.noDue} {...listProps} />
        </>
      ) : (
        <TaskList section={key} emptyText={tt.empty[key]} {...listProps} />
      ),
  }));
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {tt.title}
        </Typography.Title>
        <Flex gap={8} wrap>
          <UserSelect
            value={assigneeId}
            onChange={(v) => setAssigneeId(typeof v === 'string' ? v : me.user.id)}
            allowClear={false}
            placeholder={tt.assigneeFilter}
            style={{ width: 180 }}
          />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {tt.newTask}
          </Button>
        </Flex>
      </Flex>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'today' ? {} : { tab: key })}
          items={items}
          destroyOnHidden
        />
      </Card>
      <TaskCreateModal open={creating} onClose={() => setCreating(false)} />
      <TaskDetailDrawer
        id={taskId}
        onClose={() => navigate({ pathname: '/tasks', search: params.toString() })}
      />
    </Flex>
  );
}

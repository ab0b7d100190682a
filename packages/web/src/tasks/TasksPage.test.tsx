import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { TasksPage } from './TasksPage';

const TASK = {
  id: '0193a1b2-0000-7000-8000-00000000aaaa',
  title: '电话回访：华信',
  status: 'open',
  description: null,
  due_at: new Date(Date.now() + 3_600_000).toISOString(),
  completed_at: null,
  assignee_id: TEST_ME.user.id,
  assignee_name: '张伟',
  created_by: TEST_ME.user.id,
  creator_name: '张伟',
  related_type: 'customer',
  related_id: '0193a1b2-0000-7000-8000-00000000cccc',
  customer_id: '0193a1b2-0000-7000-8000-00000000cccc',
  created_at: '2026-11-20T02:00:00Z',
};

function setup(complete: { status: number; body: unknown }) {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/users') return { body: { items: [], next_cursor: null } };
    if (url.pathname === '/api/v1/tasks' && (init.method ?? 'GET') === 'GET')
      return { body: { items: [TASK], next_cursor: null } };
    if (url.pathname === `/api/v1/tasks/${TASK.id}/complete`) return complete;
    return undefined;
  });
  render(
    <TestProviders>
      <TasksPage />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

describe('TasksPage', () => {
  it("asks for the signed-in user's open tasks due today", async () => {
    const { calls } = setup({ status: 200, body: { ...TASK, status: 'done' } });
    await screen.findByText(TASK.title);
    const list = calls.find((c) => c.url.pathname === '/api/v1/tasks');
    expect(JSON.parse(list!.url.searchParams.get('filter')!)).toEqual([
      { field: 'assignee_id', op: 'eq', value: TEST_ME.user.id },
      { field: 'status', op: 'eq', value: 'open' },
      { field: 'due_at', op: 'period', value: 'today' },
    ]);
  });

  it('completes in one click and rolls back with the reason when the server refuses', async () => {
    const { calls, user } = setup({
      status: 404,
      body: { code: 'task_not_found', title: 'No task with id …' },
    });
    const box = await screen.findByRole('checkbox', { name: '标记完成' });
    await user.click(box);
    expect(await screen.findByText('未能完成任务：记录不存在或你无权查看')).toBeTruthy();
    await waitFor(() =>
      expect((screen.getByRole('checkbox', { name: '标记完成' }) as HTMLInputElement).checked).toBe(false),
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('says so when the task is done', async () => {
    const { user } = setup({ status: 200, body: { ...TASK, status: 'done' } });
    await user.click(await screen.findByRole('checkbox', { name: '标记完成' }));
    expect(await screen.findByText(`任务“${TASK.title}”已完成`)).toBeTruthy();
  });
});

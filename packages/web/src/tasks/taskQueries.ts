import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import type { FilterCondition } from '@tideline/shared';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { api, filterParam } from '../api/client';
import type { Page, Task } from '../api/types';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A task as GET /tasks answers it. */
export interface TaskItem extends Task {
  description: string | null;
  completed_at: string | null;
  created_by: string | null;
  assignee_name: string | null;
  creator_name: string | null;
  created_at: string;
}

export const TASK_TABS = ['today', 'overdue', 'upcoming', 'done'] as const;
export type TaskTab = (typeof TASK_TABS)[number];
/** The upcoming tab also lists open tasks without a due time, in a section of their own. */
export type TaskSection = TaskTab | 'undated';

/** Every task list of the app lives under this key; the workbench card included. */
export const TASK_LISTS_KEY = ['list', '/tasks'] as const;

type Query = Record<string, string | number | undefined>;

/**
 * The list request of a section. "Today" and "overdue" are relative to the workspace's clock and time
 * zone on the server (period=today, overdue=true); "upcoming" starts at tomorrow midnight in the
 * workspace's time zone, whatever zone the browser is in.
 */
export function sectionQuery(section: TaskSection, assigneeId: string, timeZone: string): Query {
  const mine: FilterCondition = { field: 'assignee_id', op: 'eq', value: assigneeId };
  const open: FilterCondition = { field: 'status', op: 'eq', value: 'open' };
  const q = (conditions: FilterCondition[], sort: string, extra: Query = {}): Query => ({
    filter: filterParam(conditions),
    sort,
    limit: 30,
    ...extra,
  });
  switch (section) {
    case 'today':
      return q([mine, open, { field: 'due_at', op: 'period', value: 'today' }], 'due_at');
    case 'overdue':
      return q([mine], 'due_at', { overdue: 'true' });
    case 'upcoming': {
      const tomorrow = dayjs().tz(timeZone).add(1, 'day').startOf('day').toISOString();
      return q([mine, open, { field: 'due_at', op: 'gte', value: tomorrow }], 'due_at');
    }
    case 'undated':
      return q([mine, open, { field: 'due_at', op: 'empty' }], '-created_at');
    case 'done':
      return q([mine, { field: 'status', op: 'eq', value: 'done' }], '-completed_at');
  }
}

export function useTaskSection(section: TaskSection, assigneeId: string, timeZone: string) {
  return useInfiniteQuery({
    queryKey: [...TASK_LISTS_KEY, 'page', section, assigneeId],
    queryFn: ({ pageParam, signal }) =>
      api<Page<TaskItem>>('/tasks', {
        query: { ...sectionQuery(section, assigneeId, timeZone), cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

type TaskPages = InfiniteData<Page<TaskItem>>;

/**
 * Complete a task in one click: every list shows it done at once; if the server refuses, the lists go
 * back to what they were and `onRefused` explains why.
 */
export function useCompleteTask(handlers: {
  onDone: (task: TaskItem) => void;
  onRefused: (error: unknown) => void;
}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (task: TaskItem) => api<TaskItem>(`/tasks/${task.id}/complete`, { method: 'POST' }),
    onMutate: async (task) => {
      await queryClient.cancelQueries({ queryKey: TASK_LISTS_KEY });
      const snapshot = queryClient.getQueriesData<TaskPages>({ queryKey: [...TASK_LISTS_KEY, 'page'] });
      const now = new Date().toISOString();
      queryClient.setQueriesData<TaskPages>({ queryKey: [...TASK_LISTS_KEY, 'page'] }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.map((t) =>
                  t.id === task.id ? { ...t, status: 'done', completed_at: now } : t,
                ),
              })),
            }
          : data,
      );
      return { snapshot };
    },
    onError: (error, _task, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
      handlers.onRefused(error);
    },
    onSuccess: (task) => handlers.onDone(task),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASK_LISTS_KEY }),
  });
}

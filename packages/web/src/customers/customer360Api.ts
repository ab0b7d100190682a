import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import type { RecordBase, TagRef } from '../api/types';
import type { DealCard } from '../deals/dealTypes';

/** Shapes of GET /customers/:id/360 and /customers/:id/timeline, and the queries that read them. */

export interface CustomerView extends RecordBase {
  status: string;
  phone: string | null;
  owner_id: string | null;
  last_contact_at: string | null;
  tags: TagRef[];
}

export interface ContactBrief {
  id: string;
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  is_primary: number | boolean;
}

export interface CustomerCounts {
  contacts: number;
  deals: number;
  open_deals: number;
  won_deals: number;
  activities: number;
  open_tasks: number;
}

export type Person = { id: string; name: string | null } | null;
export type Changes = Record<string, { before: unknown; after: unknown }>;
export type StageRef = { id: string; name: string | null; kind: string | null } | null;

export type TimelineItem = { key: string; at: string; actor: Person; pending?: boolean } & (
  | {
      type: 'activity';
      activity_id: string;
      kind: string;
      content: string;
      contact_id: string | null;
      deal_id: string | null;
      lead_id: string | null;
    }
  | {
      type: 'change';
      entity: string;
      record_id: string;
      record_name: string | null;
      action: string;
      changes: Changes;
    }
  | {
      type: 'deal';
      deal_id: string;
      deal_name: string | null;
      from_stage: StageRef;
      to_stage: StageRef;
      changes: Changes;
    }
  | {
      type: 'task';
      event: 'created' | 'completed';
      task_id: string;
      title: string;
      status: string;
      due_at: string | null;
      assignee: Person;
    }
);

export interface TimelinePage {
  items: TimelineItem[];
  next_cursor: string | null;
}

export type TimelineData = InfiniteData<TimelinePage, string | null>;

export interface Customer360 {
  customer: CustomerView;
  contacts: ContactBrief[];
  open_deals: DealCard[];
  timeline: TimelinePage;
  counts: CustomerCounts;
}

export const customerKeys = {
  all: (id: string) => ['customer', id] as const,
  view: (id: string) => ['customer', id, '360'] as const,
  timeline: (id: string) => ['customer', id, 'timeline'] as const,
};

/** A 4xx will not fix itself (404: gone or outside the user's scope); retry only other failures once. */
const retryServerErrors = (count: number, error: unknown) =>
  count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500);

export function useCustomer360(id: string) {
  return useQuery({
    queryKey: customerKeys.view(id),
    queryFn: ({ signal }) => api<Customer360>(`/customers/${id}/360`, { signal }),
    retry: retryServerErrors,
  });
}

export const TIMELINE_PAGE = 20;

/** The timeline, its first page taken from the 360 answer; "load more" follows next_cursor. */
export function useCustomerTimeline(id: string, first: TimelinePage | undefined, firstAt: number) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ pageParam, signal }) =>
      api<TimelinePage>(`/customers/${id}/timeline`, {
        signal,
        query: { cursor: pageParam ?? undefined, limit: TIMELINE_PAGE },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    ...(first ? { initialData: { pages: [first], pageParams: [null] }, initialDataUpdatedAt: firstAt } : {}),
    retry: retryServerErrors,
  });
}

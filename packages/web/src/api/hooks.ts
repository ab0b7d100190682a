import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CustomFieldDef, Page, Pipeline, Tag, UserRef } from './types';

const FIVE_MINUTES = 5 * 60_000;

/** Lists that some endpoints return bare and others as {items}. */
const itemsOf = <T>(data: T[] | { items: T[] }): T[] => (Array.isArray(data) ? data : data.items);

/** The workspace's users, for owner names and pickers (the first 200; pickers search for more). */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () => api<Page<UserRef>>('/users', { query: { limit: 200, sort: 'name' } }).then((p) => p.items),
    staleTime: FIVE_MINUTES,
  });
}

/** Names by user id; the same Map until the users change, so lists' memoised columns stay put. */
export function useUserNames(): Map<string, string> {
  const { data } = useUsers();
  return useMemo(() => new Map((data ?? []).map((u) => [u.id, u.name])), [data]);
}

export function useCustomFields(entity: string) {
  return useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: () =>
      api<{ items: CustomFieldDef[] }>('/custom-fields', { query: { entity } }).then((r) =>
        [...r.items].sort((a, b) => a.position - b.position),
      ),
    staleTime: FIVE_MINUTES,
  });
}

export function useTags() {
  return useQuery({
    queryKey: ['tags'],
    queryFn: () => api<Tag[] | { items: Tag[] }>('/tags').then(itemsOf),
    staleTime: FIVE_MINUTES,
  });
}

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: () => api<Pipeline[] | { items: Pipeline[] }>('/pipelines').then(itemsOf),
    staleTime: FIVE_MINUTES,
  });
}

/** Display names of customers by id (each fetched once and cached), for lists that hold only ids. */
export function useCustomerName(id: string | null | undefined) {
  return useQuery({
    queryKey: ['customer-name', id],
    queryFn: () => api<{ name: string }>(`/customers/${id}`).then((c) => c.name),
    enabled: Boolean(id),
    staleTime: FIVE_MINUTES,
    retry: false,
  });
}

import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../api/client';
import type { RecordBase, TagRef } from '../api/types';

export const recordKey = (path: string, id: string) => ['record', path, id] as const;

/**
 * One record for its page (GET `${path}/${id}`), with the writes the page makes in place: save a
 * PATCH into the cache, and change the tags shown.
 */
export function useRecordDetail<T extends RecordBase>(path: string, id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: recordKey(path, id),
    queryFn: ({ signal }) => api<T>(`${path}/${id}`, { signal }),
    retry: (count, error) => count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
  });
  const save = useCallback(
    async (body: Record<string, unknown>) => {
      const updated = await api<T>(`${path}/${id}`, { method: 'PATCH', body });
      queryClient.setQueryData<T>(recordKey(path, id), (d) =>
        d ? { ...d, ...updated, tags: updated.tags ?? d.tags } : d,
      );
      void queryClient.invalidateQueries({ queryKey: ['list', path] });
      return updated;
    },
    [path, id, queryClient],
  );
  const updateTags = useCallback(
    (change: (tags: TagRef[]) => TagRef[]) =>
      queryClient.setQueryData<T>(recordKey(path, id), (d) => (d ? { ...d, tags: change(d.tags ?? []) } : d)),
    [path, id, queryClient],
  );
  return { query, save, updateTags };
}

/** 404 (and 400 for a malformed id) read as "not there for you". */
export const isMissing = (error: unknown) =>
  isApiError(error) && (error.status === 404 || error.status === 400);

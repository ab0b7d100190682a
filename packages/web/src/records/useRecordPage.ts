import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FilterCondition } from '@tideline/shared';
import { api, filterParam, isApiError } from '../api/client';
import type { Page, RecordBase } from '../api/types';
import { resolveMe } from './filterModel';

export const PAGE_SIZE = 50;

export interface ListQueryState {
  filter: FilterCondition[];
  sort: string;
  q: string;
}

/**
 * One page of a record list, walked with the server's cursors: "next" follows next_cursor, "previous"
 * goes back along the cursors already seen. Never offsets, so pages stay right while rows change.
 */
/** The query of one page of a list (first page when `cursor` is null). */
function pageQuery(path: string, state: ListQueryState, userId: string, cursor: string | null) {
  return {
    queryKey: ['list', path, state, cursor],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<Page<RecordBase>>(path, {
        signal,
        query: {
          filter: filterParam(resolveMe(state.filter, userId)),
          sort: state.sort,
          q: state.q.trim() || undefined,
          limit: PAGE_SIZE,
          cursor: cursor ?? undefined,
        },
      }),
  };
}

export function useRecordPage(path: string, state: ListQueryState, userId: string) {
  const queryClient = useQueryClient();
  const key = JSON.stringify(state);
  const [nav, setNav] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  // A new filter, sort or search starts again at the first page (cursors belong to one sort order).
  const cursors = nav.key === key ? nav.cursors : [null];
  const cursor = cursors[cursors.length - 1] ?? null;
  const query = useQuery({
    ...pageQuery(path, state, userId, cursor),
    placeholderData: keepPreviousData,
    // A 4xx (bad filter, no permission) will not fix itself; retry only network and server errors once.
    retry: (count, error) => count < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
  });
  const nextCursor = query.data?.next_cursor ?? null;
  return {
    query,
    pageNumber: cursors.length,
    hasPrev: cursors.length > 1,
    hasNext: Boolean(nextCursor),
    next: () => nextCursor && setNav({ key, cursors: [...cursors, nextCursor] }),
    prev: () => setNav({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
    first: () => setNav({ key, cursors: [null] }),
    /**
     * Start fetching the first page of `next` from the event that changes the list, so the request
     * is on its way while React re-renders; the list's own query then picks it up.
     */
    prefetch: (next: ListQueryState) => void queryClient.prefetchQuery(pageQuery(path, next, userId, null)),
  };
}

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { api, filterParam, isApiError } from '../api/client';
import type { Page } from '../api/types';
import type { OwnerCap, Pool, PoolCustomer, PoolList, PoolMove, PoolStatus, Refusal } from './poolTypes';

export const poolKeys = {
  all: ['pools'] as const,
  list: () => ['pools', 'list'] as const,
  customers: (id: string) => ['pools', 'customers', id] as const,
  moves: (id: string) => ['pools', 'moves', id] as const,
  status: (customerId: string) => ['pools', 'status', customerId] as const,
  caps: () => ['pools', 'caps'] as const,
};

export const usePools = () => useQuery({ queryKey: poolKeys.list(), queryFn: () => api<PoolList>('/pools') });

export interface PoolCustomerFilters {
  q?: string;
  source?: string;
  minDays?: number | null;
}

/** The pool's customers, 50 a page, newest in the pool first; filters go to the server. */
export function usePoolCustomers(poolId: string, filters: PoolCustomerFilters) {
  return useInfiniteQuery({
    queryKey: [...poolKeys.customers(poolId), filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const conditions: { field: string; op: string; value: unknown }[] = [];
      if (filters.source) conditions.push({ field: 'source', op: 'eq', value: filters.source });
      if (filters.minDays)
        conditions.push({
          field: 'pool_entered_at',
          op: 'lte',
          value: new Date(Date.now() - filters.minDays * 86_400_000).toISOString(),
        });
      return api<Page<PoolCustomer>>(`/pools/${poolId}/customers`, {
        query: { q: filters.q, filter: filterParam(conditions), cursor: pageParam, limit: 50 },
        signal,
      });
    },
    getNextPageParam: (last) => last.next_cursor,
  });
}

export const usePoolMoves = (poolId: string, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: poolKeys.moves(poolId),
    enabled,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      api<Page<PoolMove>>(`/pools/${poolId}/moves`, { query: { before: pageParam, limit: 50 } }),
    getNextPageParam: (last) => last.next_cursor,
  });

export const usePoolStatus = (customerId: string) =>
  useQuery({
    queryKey: poolKeys.status(customerId),
    queryFn: () => api<PoolStatus>(`/customers/${customerId}/pool-status`),
    retry: false,
  });

export const useOwnerCaps = () =>
  useQuery({
    queryKey: poolKeys.caps(),
    queryFn: () => api<{ items: OwnerCap[] }>('/owner-caps').then((r) => r.items),
  });

export interface TakeOutcome {
  taken: string[];
  refused: Refusal[];
}

/**
 * Claim (or assign) and always answer with per-id results: a 409 (nothing taken) carries one error
 * per refused id as `ids[i]`, a 403 refuses every id for the same reason.
 */
export async function takeCustomers(poolId: string, ids: string[], ownerId?: string): Promise<TakeOutcome> {
  try {
    if (ownerId) {
      const r = await api<{ assigned: string[]; refused: Refusal[] }>(`/pools/${poolId}/assign`, {
        method: 'POST',
        body: { ids, owner_id: ownerId },
      });
      return { taken: r.assigned, refused: r.refused };
    }
    const r = await api<{ claimed: string[]; refused: Refusal[] }>(`/pools/${poolId}/claim`, {
      method: 'POST',
      body: { ids },
    });
    return { taken: r.claimed, refused: r.refused };
  } catch (e) {
    if (!isApiError(e) || (e.status !== 409 && e.status !== 403)) throw e;
    if (e.status === 403)
      return {
        taken: [],
        refused: ids.map((id, index) => ({
          id,
          index,
          reason: e.code as Refusal['reason'],
          message: e.message,
        })),
      };
    const refused = e.errors.flatMap((err): Refusal[] => {
      const index = Number(/^ids\[(\d+)\]$/.exec(err.path)?.[1] ?? NaN);
      const id = ids[index];
      if (id === undefined) return [];
      return [{ id, index, reason: (err.code ?? e.code) as Refusal['reason'], message: err.message }];
    });
    return { taken: [], refused };
  }
}

export const releaseCustomers = (body: { ids: string[]; pool_id?: string; reason: string }) =>
  api<unknown>('/customers/release', { method: 'POST', body });

export const lockCustomers = (ids: string[], locked: boolean) =>
  api<unknown>('/customers/pool-lock', { method: 'POST', body: { ids, locked } });

export const savePool = (id: string | null, body: Record<string, unknown>) =>
  id ? api<Pool>(`/pools/${id}`, { method: 'PATCH', body }) : api<Pool>('/pools', { method: 'POST', body });

export const deletePool = (id: string) => api<void>(`/pools/${id}`, { method: 'DELETE' });

export const saveCap = (id: string | null, body: Record<string, unknown>) =>
  id
    ? api<OwnerCap>(`/owner-caps/${id}`, { method: 'PATCH', body })
    : api<OwnerCap>('/owner-caps', { method: 'POST', body });

export const deleteCap = (id: string) => api<void>(`/owner-caps/${id}`, { method: 'DELETE' });

/** After a pool move: lists, counts and the customer pages that show pool facts. */
export const refreshPools = (client: QueryClient) =>
  Promise.all([
    client.invalidateQueries({ queryKey: poolKeys.all }),
    client.invalidateQueries({ queryKey: ['list', '/customers'] }),
  ]);

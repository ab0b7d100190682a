import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AutomationDefinition, AutomationEntity, FieldCatalog, RunStatus } from '@tideline/shared';
import { api } from '../api/client';
import type {
  AutomationDetail,
  AutomationItem,
  AutomationTemplate,
  CatalogResponse,
  DryRunResult,
  RunDetail,
  RunItem,
  TemplateParams,
} from './automationTypes';

const LIST_KEY = ['automations'] as const;
const MINUTE = 60_000;

export const automationKey = (id: string) => ['automation', id] as const;

export function useAutomations() {
  return useQuery({
    queryKey: LIST_KEY,
    queryFn: () => api<{ items: AutomationItem[] }>('/automations').then((r) => r.items),
  });
}

export function useAutomation(id: string | null) {
  return useQuery({
    queryKey: automationKey(id ?? ''),
    queryFn: () => api<AutomationDetail>(`/automations/${id}`),
    enabled: Boolean(id),
    retry: false,
  });
}

/** The fields an automation may read and write for an entity (custom fields included). */
export function useCatalog(entity: AutomationEntity | null) {
  return useQuery({
    queryKey: ['automation-catalog', entity],
    queryFn: () =>
      api<CatalogResponse>('/automations/catalog', { query: { entity } }).then((r): FieldCatalog => r.fields),
    enabled: Boolean(entity),
    staleTime: 5 * MINUTE,
  });
}

/** Switch an automation on or off in the list at once, and put it back if the server refuses. */
export function useToggleEnabled(handlers: { onError: (error: unknown, item: AutomationItem) => void }) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ item, enabled }: { item: AutomationItem; enabled: boolean }) =>
      api<AutomationItem>(`/automations/${item.id}`, { method: 'PATCH', body: { enabled } }),
    onMutate: async ({ item, enabled }) => {
      await client.cancelQueries({ queryKey: LIST_KEY });
      const previous = client.getQueryData<AutomationItem[]>(LIST_KEY);
      client.setQueryData<AutomationItem[]>(LIST_KEY, (list) =>
        list?.map((a) => (a.id === item.id ? { ...a, enabled } : a)),
      );
      return { previous };
    },
    onError: (error, { item }, context) => {
      if (context?.previous) client.setQueryData(LIST_KEY, context.previous);
      handlers.onError(error, item);
    },
    onSettled: (_data, _error, { item }) => {
      void client.invalidateQueries({ queryKey: LIST_KEY });
      void client.invalidateQueries({ queryKey: automationKey(item.id) });
    },
  });
}

export function useDeleteAutomation(onDone: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/automations/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: LIST_KEY });
      onDone();
    },
  });
}

export interface AutomationBody {
  name: string;
  notes: string | null;
  owner_id: string | null;
  enabled: boolean;
  definition: AutomationDefinition;
}

/** Create (no id) or update an automation; a changed definition becomes a new version on the server. */
export function saveAutomation(id: string | null, body: AutomationBody): Promise<AutomationItem> {
  const { notes, owner_id, ...rest } = body;
  const common = { ...rest, ...(owner_id ? { owner_id } : {}) };
  if (!id)
    return api<AutomationItem>('/automations', {
      method: 'POST',
      body: { ...common, ...(notes ? { notes } : {}) },
    });
  return api<AutomationItem>(`/automations/${id}`, {
    method: 'PATCH',
    body: { ...common, notes: notes || null },
  });
}

export function dryRun(body: { definition: AutomationDefinition; record_id?: string }) {
  return api<DryRunResult>('/automations/dry-run', { method: 'POST', body });
}

export interface RunFilter {
  automationId: string | null;
  status: RunStatus | null;
}

export function useRuns(filter: RunFilter) {
  return useInfiniteQuery({
    queryKey: ['automation-runs', filter.automationId, filter.status],
    queryFn: ({ pageParam }) =>
      api<{ items: RunItem[]; next_cursor: string | null }>('/automation-runs', {
        query: {
          automation_id: filter.automationId,
          status: filter.status,
          cursor: pageParam,
          limit: 50,
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useRun(id: string | null) {
  return useQuery({
    queryKey: ['automation-run', id],
    queryFn: () => api<RunDetail>(`/automation-runs/${id}`),
    enabled: Boolean(id),
  });
}

export function useRetryRuns(onDone: (retried: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api<{ retried: number }>('/automation-runs/retry', { method: 'POST', body: { ids } }),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['automation-runs'] });
      void client.invalidateQueries({ queryKey: ['automation-run'] });
      onDone(r.retried);
    },
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: ['automation-templates'],
    queryFn: () => api<{ items: AutomationTemplate[] }>('/automation-templates').then((r) => r.items),
    staleTime: 10 * MINUTE,
  });
}

export function installTemplate(
  key: string,
  body: { name?: string; enabled: boolean; params: TemplateParams },
): Promise<AutomationItem> {
  return api<AutomationItem>(`/automation-templates/${encodeURIComponent(key)}/install`, {
    method: 'POST',
    body,
  });
}

export const invalidateAutomations = (client: ReturnType<typeof useQueryClient>, id?: string) => {
  void client.invalidateQueries({ queryKey: LIST_KEY });
  if (id) void client.invalidateQueries({ queryKey: automationKey(id) });
};

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, buildUrl } from '../api/client';
import type { FieldError } from '../api/client';
import { useMe } from '../auth/AuthProvider';
import type { ImportEntity, ImportJob, ImportStartBody, ImportUpload } from './importTypes';
import { isFinished } from './importTypes';

export const importKey = (id: string) => ['imports', id] as const;
const LIST_KEY = ['imports', 'list'] as const;

/** Where the per-row report of an import downloads from (a plain link: the session cookie goes along). */
export const reportUrl = (id: string) => buildUrl(`/imports/${id}/report.xlsx`);

const LIST_PATHS: Record<ImportEntity, string> = {
  customer: '/customers',
  lead: '/leads',
  contact: '/contacts',
};

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e): FieldError[] => {
    const { path, message, code } = (e ?? {}) as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') return [];
    return [{ path, message, ...(typeof code === 'string' ? { code } : {}) }];
  });
}

/**
 * The file goes up as raw bytes, which the JSON client does not send; errors still come back as the
 * same ApiError the rest of the app reads.
 */
export async function uploadImport(file: File, entity: ImportEntity, csrf: string | null) {
  let res: Response;
  try {
    res = await fetch(buildUrl('/imports', { entity, filename: file.name }), {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/octet-stream',
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', e instanceof Error ? e.message : 'network error');
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // a proxy's HTML page (e.g. its own 413): the status says enough
  }
  if (!res.ok) {
    const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
    const title = typeof body.title === 'string' ? body.title : res.statusText;
    throw new ApiError(res.status, code, title, fieldErrors(body.errors), body);
  }
  return body as unknown as ImportUpload;
}

export function useUploadImport() {
  const csrf = useMe().csrf_token;
  return useMutation({
    mutationFn: ({ file, entity }: { file: File; entity: ImportEntity }) => uploadImport(file, entity, csrf),
  });
}

/** Start an uploaded import with the wizard's mapping and options; the answer is the queued import. */
export const startImport = (id: string, body: ImportStartBody) =>
  api<ImportJob>(`/imports/${id}/start`, { method: 'POST', body });

/** Remember a started import so its progress shows at once, and refresh the history. */
export function useImportStarted() {
  const client = useQueryClient();
  return (job: ImportJob) => {
    client.setQueryData(importKey(job.id), job);
    void client.invalidateQueries({ queryKey: LIST_KEY, exact: true });
  };
}

/** One import, asked again every second until it has finished; the entity's list refreshes then. */
export function useImportJob(id: string, pollMs = 1000) {
  const client = useQueryClient();
  return useQuery({
    queryKey: importKey(id),
    queryFn: async () => {
      const job = await api<ImportJob>(`/imports/${id}`);
      if (isFinished(job.status)) {
        void client.invalidateQueries({ queryKey: ['list', LIST_PATHS[job.entity]] });
        void client.invalidateQueries({ queryKey: LIST_KEY, exact: true });
      }
      return job;
    },
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : pollMs),
  });
}

export function useCancelImport(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<ImportJob | undefined>(`/imports/${id}/cancel`, { method: 'POST' }),
    onSuccess: (job) => {
      if (job) client.setQueryData(importKey(id), job);
      void client.invalidateQueries({ queryKey: importKey(id) });
    },
  });
}

/** Recent imports, newest first; refreshed while one of them is still going. */
export function useImports() {
  return useQuery({
    queryKey: LIST_KEY,
    queryFn: () => api<{ items: ImportJob[] }>('/imports').then((r) => r.items),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((j) => !isFinished(j.status) && j.status !== 'uploaded') ? 3000 : false,
  });
}

export interface PoolRef {
  id: string;
  name: string;
  enabled: boolean;
}

/** The pools this user belongs to or administers, for "put the imported customers into a pool". */
export function usePools(enabled: boolean) {
  return useQuery({
    queryKey: ['imports', 'pools'],
    queryFn: () => api<{ items: PoolRef[] }>('/pools').then((r) => r.items),
    enabled,
    staleTime: 60_000,
  });
}

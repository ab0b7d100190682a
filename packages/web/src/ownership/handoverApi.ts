import { useQuery } from '@tanstack/react-query';
import type { HandoverInput, HandoverPreview, HandoverView } from '@tideline/shared';
import { api } from '../api/client';

export type { HandoverCounts, HandoverPreview, HandoverView } from '@tideline/shared';

/** What the hand-over form holds: several receivers with shares, or a pool with who takes the deals. */
export interface HandoverValues {
  from_user_id?: string;
  mode: 'users' | 'pool';
  to?: { user_id?: string; share?: number | null }[];
  to_pool?: string;
  deals_to?: string;
  leads: 'targets' | 'unassigned';
  deactivate: boolean;
}

export const HANDOVER_DEFAULTS: HandoverValues = {
  mode: 'users',
  to: [{ share: 1 }],
  leads: 'targets',
  deactivate: false,
};

/** The request body of POST /handovers and /handovers/preview. */
export function handoverBody(v: HandoverValues): Partial<HandoverInput> {
  const common = { from_user_id: v.from_user_id, leads: v.leads, deactivate: v.deactivate };
  if (v.mode === 'pool') return { ...common, to_pool: v.to_pool, deals_to: v.deals_to };
  return {
    ...common,
    to: (v.to ?? []).map((t) => ({ user_id: t.user_id ?? '', share: t.share ?? 1 })),
  };
}

export const previewHandover = (v: HandoverValues) =>
  api<HandoverPreview>('/handovers/preview', { method: 'POST', body: handoverBody(v) });

export const startHandover = (v: HandoverValues) =>
  api<HandoverView>('/handovers', { method: 'POST', body: handoverBody(v) });

const finished = (h: HandoverView | undefined) => h?.status === 'completed' || h?.status === 'failed';

/** A hand-over, polled every second until it has finished. */
export function useHandover(id: string | null) {
  return useQuery({
    queryKey: ['handovers', id],
    queryFn: () => api<HandoverView>(`/handovers/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
}

/** Enabled pools to hand customers back to (names only; the pool pages show the rest). */
export function useHandoverPools() {
  return useQuery({
    queryKey: ['pools', 'handover-options'],
    queryFn: () =>
      api<{ items: { id: string; name: string; enabled: boolean }[] }>('/pools').then((r) =>
        r.items.filter((p) => p.enabled),
      ),
  });
}

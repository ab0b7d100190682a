import { App } from 'antd';
import type { StageGateRefusal } from '@tideline/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Stage } from '../api/types';
import { useRefusalText } from '../detail/refusal';
import { recordKey } from '../detail/useRecordDetail';
import { moveBody, moveFieldLabel } from './boardApi';
import { gateRefusalOf } from './gateRefusal';
import { format, useI18n } from '../i18n/I18nProvider';
import type { DealDetail } from './dealTypes';
import { useBoardText } from './useBoardText';

export interface StageMove {
  to: Stage;
  amount?: number;
  lost_reason?: string;
  /** Deal fields sent along, e.g. those a stage gate asked for. */
  fields?: Record<string, unknown>;
}

/**
 * Move the deal on its own page: the steps move at once and go back with the reason if refused — or,
 * for a stage gate and `onGateRefused`, a dialog asks for what is missing.
 */
export function useDealStageMove(
  dealId: string,
  opts: { onGateRefused?: (move: StageMove, refusal: StageGateRefusal) => void } = {},
) {
  const { m } = useI18n();
  const b = useBoardText();
  const refusal = useRefusalText((path) => moveFieldLabel(path, m, b));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = recordKey('/deals', dealId);
  return useMutation({
    mutationFn: (move: StageMove) =>
      api<DealDetail>(`/deals/${dealId}`, { method: 'PATCH', body: moveBody(move) }),
    onMutate: async ({ to, amount, lost_reason }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<DealDetail>(key);
      queryClient.setQueryData<DealDetail>(key, (d) =>
        d
          ? {
              ...d,
              stage_id: to.id,
              stage_name: to.name,
              stage_kind: to.kind,
              stage_probability: to.probability,
              status: to.kind,
              lost_reason: lost_reason ?? null,
              ...(amount !== undefined ? { amount } : {}),
            }
          : d,
      );
      return { previous };
    },
    onError: (error, move, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      const gate = opts.onGateRefused ? gateRefusalOf(error) : null;
      if (gate) return opts.onGateRefused?.(move, gate);
      const name = context?.previous?.name ?? '';
      message.error(format(b.moveFailed, { deal: name, reason: refusal(error) }));
    },
    onSuccess: (saved, { to }) => {
      queryClient.setQueryData<DealDetail>(key, (d) =>
        d ? { ...d, ...saved, items: saved.items ?? d.items } : d,
      );
      message.success(format(b.moved, { deal: saved.name, stage: to.name }));
    },
    onSettled: (saved) => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      void queryClient.invalidateQueries({ queryKey: ['list', '/deals'] });
      if (saved) void queryClient.invalidateQueries({ queryKey: ['customer', saved.customer_id] });
    },
  });
}

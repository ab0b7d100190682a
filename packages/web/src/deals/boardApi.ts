import { App } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StageGateRefusal } from '@tideline/shared';
import { api, filterParam, isApiError } from '../api/client';
import { useRefusalText } from '../detail/refusal';
import { format, useI18n } from '../i18n/I18nProvider';
import type { BoardMessages } from '../i18n/board.zh-CN';
import type { Messages } from '../i18n/zh-CN';
import { findDeal, moveDeal, replaceCard, restoreDeal } from './boardMoves';
import { gateRefusalOf } from './gateRefusal';
import type { DealPlace } from './boardMoves';
import type { Board, BoardColumn, DealCard } from './dealTypes';
import { useBoardText } from './useBoardText';

export const PER_STAGE = 50;
const MOVE_KEY = ['board-move'];

export const boardKey = (pipelineId: string, ownerId: string | null) =>
  ['board', pipelineId, ownerId ?? 'all'] as const;

/** GET /pipelines/:id/board, optionally only the deals one user owns. */
export function useBoard(pipelineId: string | undefined, ownerId: string | null) {
  return useQuery({
    queryKey: boardKey(pipelineId ?? '', ownerId),
    queryFn: ({ signal }) =>
      api<Board>(`/pipelines/${pipelineId}/board`, {
        signal,
        query: {
          per_stage: PER_STAGE,
          filter: filterParam(ownerId ? [{ field: 'owner_id', op: 'eq', value: ownerId }] : []),
        },
      }),
    enabled: Boolean(pipelineId),
    placeholderData: keepPreviousData,
    retry: (count, error) => count < 1 && !(isApiError(error) && error.status < 500),
  });
}

/** The name of a field a refused stage move names, in the UI's words. */
export function moveFieldLabel(path: string, m: Messages, b: BoardMessages): string {
  if (path === 'lost_reason') return b.lostReason;
  const deal = m.fields.deal as Record<string, string>;
  return deal[path] ?? path;
}

export interface MoveRequest {
  deal: DealCard;
  to: BoardColumn;
  /** Confirmed when moving into a won stage (minor units). */
  amount?: number;
  /** Required when moving into a lost stage. */
  lost_reason?: string;
  /** Deal fields sent along, e.g. those a stage gate asked for (`amount`, `custom`). */
  fields?: Record<string, unknown>;
}

/** The PATCH body of a move: the stage, what the won/lost dialog confirmed, and any fields sent along. */
export function moveBody(move: Omit<MoveRequest, 'deal' | 'to'> & { to: { id: string } }) {
  return {
    stage_id: move.to.id,
    ...(move.amount !== undefined ? { amount: move.amount } : {}),
    ...(move.lost_reason !== undefined ? { lost_reason: move.lost_reason } : {}),
    ...move.fields,
  };
}

/**
 * Move a deal to another stage: the card and the column totals move at once; when the server refuses
 * (a validation error, a stage gate, a lost deal without reason) the card goes back where it was and
 * the reason shows — or, for a stage gate and `onGateRefused`, a dialog asks for what is missing.
 */
export function useBoardMove(
  key: readonly unknown[],
  opts: { onGateRefused?: (move: MoveRequest, refusal: StageGateRefusal) => void } = {},
) {
  const { m } = useI18n();
  const b = useBoardText();
  const refusal = useRefusalText((path) => moveFieldLabel(path, m, b));
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: MOVE_KEY,
    mutationFn: (move: MoveRequest) =>
      api<DealCard>(`/deals/${move.deal.id}`, { method: 'PATCH', body: moveBody(move) }),
    onMutate: async (move) => {
      const { deal, to, lost_reason } = move;
      await queryClient.cancelQueries({ queryKey: key });
      const board = queryClient.getQueryData<Board>(key);
      const place: DealPlace | null = board ? findDeal(board, deal.id) : null;
      const amount = moveBody(move).amount;
      const card = {
        ...deal,
        ...(typeof amount === 'number' ? { amount } : {}),
        lost_reason: lost_reason ?? null,
      };
      queryClient.setQueryData<Board>(key, (d) => (d ? moveDeal(d, deal.id, to.id, { card }) : d));
      return { place };
    },
    onError: (error, move, context) => {
      const place = context?.place;
      if (place) queryClient.setQueryData<Board>(key, (d) => (d ? restoreDeal(d, place) : d));
      const gate = opts.onGateRefused ? gateRefusalOf(error) : null;
      if (gate) opts.onGateRefused?.(move, gate);
      else message.error(format(b.moveFailed, { deal: move.deal.name, reason: refusal(error) }));
    },
    onSuccess: (saved, { deal, to }) => {
      queryClient.setQueryData<Board>(key, (d) => (d ? replaceCard(d, { ...deal, ...saved }) : d));
      message.success(format(b.moved, { deal: deal.name, stage: to.name }));
    },
    onSettled: (_r, _e, { deal }) => {
      // Totals of cards not on the board (beyond the first per stage) come from the server; wait for
      // the last of several quick moves, so a refetch does not undo one still on its way.
      if (queryClient.isMutating({ mutationKey: MOVE_KEY }) <= 1)
        void queryClient.invalidateQueries({ queryKey: ['board'] });
      void queryClient.invalidateQueries({ queryKey: ['list', '/deals'] });
      void queryClient.invalidateQueries({ queryKey: ['record', '/deals', deal.id] });
      void queryClient.invalidateQueries({ queryKey: ['customer', deal.customer_id] });
    },
  });
}

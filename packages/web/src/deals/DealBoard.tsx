import { useMemo, useState } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { CollisionDetection, DragEndEvent, DragStartEvent } from '@dnd-kit/core';
import { Alert, Button, Card, Empty, Flex, Result, Select, Skeleton, Switch, Typography } from 'antd';
import { usePipelines } from '../api/hooks';
import { useMe } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../records/format';
import { boardKey, useBoard, useBoardMove } from './boardApi';
import type { MoveRequest } from './boardApi';
import { DealCardView } from './BoardCard';
import { BoardColumnView } from './BoardColumnView';
import { findDeal } from './boardMoves';
import type { BoardColumn, DealCard } from './dealTypes';
import { DealViewSwitch } from './DealViewSwitch';
import { mergeFields } from './gateRefusal';
import { StageGateFillModal } from './StageGateFillModal';
import type { GateAsk } from './StageGateFillModal';
import { StageMoveModal } from './StageMoveModal';
import { useBoardText } from './useBoardText';
import './board.css';

const PIPELINE_KEY = 'tideline.board.pipeline';

/** Where the pointer is wins; a keyboard drag (no pointer) falls back to overlapping rectangles. */
const collision: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : rectIntersection(args);
};

const HINT_KEY = 'tideline.board.hintSeen';

function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // remembering is a convenience only
  }
}

/**
 * /deals/board — the pipeline as columns of stages with count, amount and weighted amount. Drag a card
 * (or use its menu) to move the deal; won asks for the amount, lost for the reason. The move shows at
 * once and is undone with the server's reason when refused.
 */
export function DealBoard() {
  const { m, locale } = useI18n();
  const b = useBoardText();
  const me = useMe();
  const { data: pipelines, isPending: pipelinesPending } = usePipelines();
  const [chosen, setChosen] = useState<string | null>(() => remembered(PIPELINE_KEY));
  const [hintSeen, setHintSeen] = useState(() => remembered(HINT_KEY) === '1');
  const [mine, setMine] = useState(false);
  const pipeline =
    pipelines?.find((p) => p.id === chosen) ?? pipelines?.find((p) => p.is_default) ?? pipelines?.[0];
  const ownerId = mine ? me.user.id : null;
  const query = useBoard(pipeline?.id, ownerId);
  // A move the stage gate refuses comes back as a dialog asking for the missing fields, then retries.
  const [gateAsk, setGateAsk] = useState<(GateAsk & { move: MoveRequest }) | null>(null);
  const move = useBoardMove(boardKey(pipeline?.id ?? '', ownerId), {
    onGateRefused: (request, refusal) =>
      setGateAsk({ deal: request.deal, to: request.to, refusal, move: request }),
  });
  const [ask, setAsk] = useState<{ deal: DealCard; to: BoardColumn } | null>(null);
  const [dragging, setDragging] = useState<DealCard | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // A long press starts a drag on touch screens, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor),
  );
  const board = query.data;
  const stages = useMemo(() => board?.stages ?? [], [board]);
  const currency = stages.flatMap((s) => s.deals)[0]?.currency ?? me.workspace.currency;

  const requestMove = (dealId: string, stageId: string) => {
    if (!board) return;
    const at = findDeal(board, dealId);
    const to = board.stages.find((s) => s.id === stageId);
    if (!at || !to || at.stage.id === to.id) return;
    if (to.kind === 'won' || to.kind === 'lost') setAsk({ deal: at.deal, to });
    else move.mutate({ deal: at.deal, to });
  };
  const onDragStart = ({ active }: DragStartEvent) =>
    setDragging(board ? (findDeal(board, String(active.id))?.deal ?? null) : null);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (over) requestMove(String(active.id), String(over.id));
  };
  const choose = (id: string) => {
    setChosen(id);
    remember(PIPELINE_KEY, id);
  };
  const dismissHint = () => {
    setHintSeen(true);
    remember(HINT_KEY, '1');
  };

  let content;
  if (pipelinesPending || (query.isPending && pipeline))
    content = <Skeleton active paragraph={{ rows: 8 }} />;
  else if (!pipeline) content = <Empty description={b.noPipelines} />;
  else if (query.isError && !board)
    content = (
      <Result
        status="warning"
        title={b.loadFailed}
        extra={<Button onClick={() => query.refetch()}>{m.common.retry}</Button>}
      />
    );
  else
    content = (
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setDragging(null)}
      >
        <div className="tl-board" role="list" aria-label={pipeline.name}>
          {stages.map((stage) => (
            <BoardColumnView
              key={stage.id}
              stage={stage}
              stages={stages}
              currency={currency}
              onMove={requestMove}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {dragging && (
            <div className="tl-card tl-card-overlay">
              <DealCardView deal={dragging} />
            </div>
          )}
        </DragOverlay>
      </DndContext>
    );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.nav.deals}
        </Typography.Title>
        <DealViewSwitch />
      </Flex>
      <Card styles={{ body: { padding: 12 } }}>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex align="center" gap={12} wrap>
            <Select
              aria-label={b.pipeline}
              placeholder={b.choosePipeline}
              style={{ minWidth: 180 }}
              value={pipeline?.id}
              onChange={choose}
              options={(pipelines ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, cursor: 'pointer' }}>
              <Switch size="small" checked={mine} onChange={setMine} />
              {b.onlyMine}
            </label>
          </Flex>
          {board && (
            <Flex gap={16} wrap data-testid="board-open-totals">
              <Typography.Text>
                {b.openTotals} <strong>{board.open.count}</strong>
              </Typography.Text>
              <Typography.Text>
                {b.amount} <strong>{formatMoney(board.open.amount, currency, locale)}</strong>
              </Typography.Text>
              <Typography.Text>
                {b.weighted} <strong>{formatMoney(board.open.weighted_amount, currency, locale)}</strong>
              </Typography.Text>
            </Flex>
          )}
        </Flex>
      </Card>
      {!hintSeen && <Alert type="info" showIcon closable={{ onClose: dismissHint }} title={b.dragHint} />}
      {content}
      <StageMoveModal
        ask={ask}
        onCancel={() => setAsk(null)}
        onConfirm={(values) => {
          if (ask) move.mutate({ deal: ask.deal, to: ask.to, ...values });
          setAsk(null);
        }}
      />
      <StageGateFillModal
        ask={gateAsk}
        onCancel={() => setGateAsk(null)}
        onSubmit={(fields) => {
          if (gateAsk) move.mutate({ ...gateAsk.move, fields: mergeFields(gateAsk.move.fields, fields) });
          setGateAsk(null);
        }}
      />
    </Flex>
  );
}

import { Tooltip, Typography } from 'antd';
import { useDroppable } from '@dnd-kit/core';
import { format, useI18n } from '../i18n/I18nProvider';
import { BoardCard } from './BoardCard';
import { compactMoney } from './money';
import type { BoardColumn } from './dealTypes';
import { useBoardText } from './useBoardText';

interface Props {
  stage: BoardColumn;
  stages: BoardColumn[];
  currency: string;
  onMove: (dealId: string, stageId: string) => void;
}

/** One stage: its count, amount and weighted amount on top, its cards below; a drop target. */
export function BoardColumnView({ stage, stages, currency, onMove }: Props) {
  const { locale } = useI18n();
  const b = useBoardText();
  const { setNodeRef, isOver } = useDroppable({ id: stage.id });
  const hidden = stage.count - stage.deals.length;
  return (
    <section
      ref={setNodeRef}
      className={`tl-col tl-col-${stage.kind}${isOver ? ' tl-col-over' : ''}`}
      aria-label={stage.name}
      data-stage-id={stage.id}
    >
      <header className="tl-col-head">
        <div className="tl-col-title">
          <span>{stage.name}</span>
          <Typography.Text
            type="secondary"
            style={{ fontWeight: 400, fontSize: 12 }}
            data-testid="stage-count"
          >
            {format(b.totalCount, { n: stage.count })}
          </Typography.Text>
        </div>
        <div className="tl-col-sums">
          <Tooltip title={b.amount}>
            <span data-testid="stage-amount">{compactMoney(stage.amount, currency, locale)}</span>
          </Tooltip>
          <Tooltip title={format(b.probability, { p: stage.probability })}>
            <span>
              {b.weighted} {compactMoney(stage.weighted_amount, currency, locale)}
            </span>
          </Tooltip>
        </div>
      </header>
      <div className="tl-col-cards">
        {stage.deals.map((deal) => (
          <BoardCard key={deal.id} deal={deal} stages={stages} onMove={onMove} />
        ))}
        {stage.deals.length === 0 && (
          <div className="tl-col-empty">{isOver ? b.dropHere : b.emptyColumn}</div>
        )}
        {hidden > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
            {format(b.moreInStage, { n: hidden })}
          </Typography.Text>
        )}
      </div>
    </section>
  );
}

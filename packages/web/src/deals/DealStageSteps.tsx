import { Button, Flex, Steps, Typography } from 'antd';
import { CloseCircleOutlined } from '@ant-design/icons';
import type { Stage } from '../api/types';
import { useDetailText } from '../detail/useDetailText';
import { format } from '../i18n/I18nProvider';
import type { DealCard } from './dealTypes';
import { useBoardText } from './useBoardText';

interface Props {
  deal: DealCard;
  stages: Stage[];
  canMove: boolean;
  onMove: (to: Stage) => void;
}

/**
 * Where the deal stands: the open stages then the outcome (won, or the lost stage it ended in).
 * Clicking a step moves the deal there; "lost" is its own button, since it is not a step forward.
 */
export function DealStageSteps({ deal, stages, canMove, onMove }: Props) {
  const t = useDetailText();
  const b = useBoardText();
  const ordered = [...stages].sort((x, y) => x.position - y.position);
  const lostStage = ordered.find((s) => s.kind === 'lost');
  const outcome =
    deal.status === 'lost'
      ? ordered.find((s) => s.id === deal.stage_id)
      : (ordered.find((s) => s.id === deal.stage_id && s.kind === 'won') ??
        ordered.find((s) => s.kind === 'won'));
  const steps = [...ordered.filter((s) => s.kind === 'open'), ...(outcome ? [outcome] : [])];
  const current = steps.findIndex((s) => s.id === deal.stage_id);
  const status = deal.status === 'lost' ? 'error' : deal.status === 'won' ? 'finish' : 'process';
  return (
    <Flex vertical gap={8}>
      <Steps
        size="small"
        current={current}
        status={status}
        responsive
        onChange={canMove ? (i) => steps[i] && steps[i].id !== deal.stage_id && onMove(steps[i]) : undefined}
        items={steps.map((s) => ({
          key: s.id,
          title: s.name,
          content: format(b.probability, { p: s.probability }),
        }))}
      />
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {deal.status === 'lost' && deal.lost_reason
            ? format(t.deal.lostReason, { reason: deal.lost_reason })
            : canMove
              ? t.deal.moveHint
              : ''}
        </Typography.Text>
        {canMove && lostStage && deal.status !== 'lost' && (
          <Button danger icon={<CloseCircleOutlined />} onClick={() => onMove(lostStage)}>
            {b.kinds.lost}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

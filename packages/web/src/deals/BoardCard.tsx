import { Link } from 'react-router';
import { Avatar, Button, Dropdown, Flex, Tooltip, Typography } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useDraggable } from '@dnd-kit/core';
import dayjs from 'dayjs';
import { useUserNames } from '../api/hooks';
import { format, useI18n } from '../i18n/I18nProvider';
import { formatMoney } from '../records/format';
import type { BoardColumn, DealCard } from './dealTypes';
import { useBoardText } from './useBoardText';

interface ViewProps {
  deal: DealCard;
  /** Stages it can move to with the menu (a way that needs no dragging: keyboards, small screens). */
  stages?: BoardColumn[];
  onMove?: (dealId: string, stageId: string) => void;
}

/** What a deal card shows: name, customer, amount, expected close (red when past), owner. */
export function DealCardView({ deal, stages = [], onMove }: ViewProps) {
  const { locale } = useI18n();
  const b = useBoardText();
  const names = useUserNames();
  const owner = deal.owner_id ? names.get(deal.owner_id) : undefined;
  const overdue =
    deal.status === 'open' &&
    deal.expected_close_date !== null &&
    dayjs(deal.expected_close_date).isBefore(dayjs(), 'day');
  const targets = stages.filter((s) => s.id !== deal.stage_id);
  return (
    <>
      <Flex justify="space-between" align="flex-start" gap={4}>
        <Link to={`/deals/${deal.id}`} className="tl-card-title" draggable={false}>
          {deal.name}
        </Link>
        {onMove && targets.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'title',
                  type: 'group',
                  label: b.moveTo,
                  children: targets.map((s) => ({ key: s.id, label: s.name })),
                },
              ],
              onClick: ({ key }) => onMove(deal.id, key),
            }}
          >
            <Button
              type="text"
              size="small"
              icon={<MoreOutlined />}
              aria-label={format(b.moveMenu, { deal: deal.name })}
              onPointerDown={(e) => e.stopPropagation()}
              onKeyDown={(e) => e.stopPropagation()}
              style={{ marginTop: -2, marginRight: -6 }}
            />
          </Dropdown>
        )}
      </Flex>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {deal.customer_name}
      </Typography.Text>
      <div className="tl-card-meta">
        <Typography.Text strong>{formatMoney(deal.amount, deal.currency, locale)}</Typography.Text>
        <Flex align="center" gap={6}>
          {deal.expected_close_date && (
            <Tooltip title={overdue ? b.overdue : undefined}>
              <span className={overdue ? 'tl-overdue' : undefined}>{deal.expected_close_date.slice(5)}</span>
            </Tooltip>
          )}
          {owner && (
            <Tooltip title={owner}>
              <Avatar size={20} style={{ background: '#1677ff', fontSize: 11 }}>
                {owner.slice(0, 1)}
              </Avatar>
            </Tooltip>
          )}
        </Flex>
      </div>
    </>
  );
}

/** A card that can be dragged to another column (mouse, touch with a long press, or keyboard). */
export function BoardCard({ deal, stages, onMove }: Required<ViewProps>) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: deal.id });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className={`tl-card${isDragging ? ' tl-card-dragging' : ''}`}
      data-deal-id={deal.id}
    >
      <DealCardView deal={deal} stages={stages} onMove={onMove} />
    </div>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FundOutlined,
  LoadingOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  ScheduleOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import { useUserNames } from '../api/hooks';
import { useDetailText } from '../detail/useDetailText';
import { format, useI18n } from '../i18n/I18nProvider';
import { renderCell } from '../records/RecordCell';
import type { TimelineItem } from './customer360Api';
import { asRecord, fallbackField } from './timelineFields';
import type { FieldsByEntity } from './timelineFields';

const ACTIVITY_ICONS: Record<string, ReactNode> = {
  call: <PhoneOutlined />,
  visit: <EnvironmentOutlined />,
  email: <MailOutlined />,
  message: <MessageOutlined />,
  note: <FileTextOutlined />,
};
const MAX_CHANGES = 3;

interface Props {
  item: TimelineItem;
  contactNames: Map<string, string>;
  fields: FieldsByEntity;
}

/** One entry of the customer timeline: a follow-up, a change, a deal moving stage or a task. */
export function TimelineEntry({ item, contactNames, fields }: Props) {
  const { m, locale } = useI18n();
  const t = useDetailText();
  const userNames = useUserNames();
  const actor = item.actor?.name ?? t.timeline.someone;
  const ctx = { locale, userNames, none: m.common.none, yes: m.common.yes, no: m.common.no };
  const entityName = (e: string) => (t.timeline.entities as Record<string, string>)[e] ?? e;

  let icon: ReactNode = <EditOutlined />;
  let color = '#8c8c8c';
  let title = '';
  let body: ReactNode = null;
  switch (item.type) {
    case 'activity': {
      icon = item.pending ? <LoadingOutlined /> : (ACTIVITY_ICONS[item.kind] ?? <FileTextOutlined />);
      color = '#1677ff';
      const kind = (t.timeline.kindPhrases as Record<string, string>)[item.kind] ?? item.kind;
      title = format(t.timeline.activity, { actor, kind });
      const contact = item.contact_id ? contactNames.get(item.contact_id) : undefined;
      body = (
        <>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {item.content}
          </Typography.Paragraph>
          {contact && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format(t.timeline.withContact, { name: contact })}
            </Typography.Text>
          )}
        </>
      );
      break;
    }
    case 'deal': {
      const kind = item.to_stage?.kind;
      icon =
        kind === 'won' ? <TrophyOutlined /> : kind === 'lost' ? <CloseCircleOutlined /> : <FundOutlined />;
      color = kind === 'won' ? '#52c41a' : kind === 'lost' ? '#ff4d4f' : '#722ed1';
      title = format(
        kind === 'won' ? t.timeline.dealWon : kind === 'lost' ? t.timeline.dealLost : t.timeline.dealMoved,
        { actor },
      );
      body = (
        <div>
          <Link to={`/deals/${item.deal_id}`}>{item.deal_name ?? entityName('deal')}</Link>
          <span style={{ marginInlineStart: 8 }}>
            <Tag>{item.from_stage?.name ?? m.common.none}</Tag>→{' '}
            <Tag color={kind === 'won' ? 'green' : kind === 'lost' ? 'red' : 'purple'}>
              {item.to_stage?.name ?? m.common.none}
            </Tag>
          </span>
        </div>
      );
      break;
    }
    case 'task': {
      const done = item.event === 'completed';
      icon = done ? <CheckCircleOutlined /> : <ScheduleOutlined />;
      color = done ? '#52c41a' : '#fa8c16';
      title = format(done ? t.timeline.taskCompleted : t.timeline.taskCreated, { actor });
      const meta = [
        item.due_at ? format(t.timeline.taskDue, { time: dayjs(item.due_at).format('MM-DD HH:mm') }) : null,
        item.assignee?.name ? format(t.timeline.assignee, { name: item.assignee.name }) : null,
      ].filter(Boolean);
      body = (
        <div>
          <Link to={`/tasks/${item.task_id}`}>{item.title}</Link>
          {meta.length > 0 && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {meta.join(' · ')}
            </Typography.Text>
          )}
        </div>
      );
      break;
    }
    case 'change': {
      icon = item.action === 'created' ? <PlusCircleOutlined /> : <EditOutlined />;
      const actions = t.timeline.actions as Record<string, string>;
      title = format(actions[item.action] ?? t.timeline.actions.other, {
        actor,
        entity: entityName(item.entity),
      });
      const known = fields.get(item.entity);
      const keys = item.action === 'updated' ? Object.keys(item.changes) : [];
      const link =
        item.entity === 'contact' || item.entity === 'deal' ? `/${item.entity}s/${item.record_id}` : null;
      body = (
        <div>
          {item.record_name &&
            (link ? <Link to={link}>{item.record_name}</Link> : <span>{item.record_name}</span>)}
          {keys.slice(0, MAX_CHANGES).map((key) => {
            const field = known?.get(key) ?? fallbackField(key, m);
            const change = item.changes[key];
            return (
              <div key={key} style={{ fontSize: 13 }}>
                <Typography.Text type="secondary">
                  {field.label}
                  {t.colon}
                </Typography.Text>
                {renderCell(field, asRecord(key, change?.before), ctx)} →{' '}
                {renderCell(field, asRecord(key, change?.after), ctx)}
              </div>
            );
          })}
          {keys.length > MAX_CHANGES && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {format(t.timeline.moreChanges, { n: keys.length - MAX_CHANGES })}
            </Typography.Text>
          )}
        </div>
      );
      break;
    }
  }

  return (
    <div className={`tl-entry${item.pending ? ' tl-entry-pending' : ''}`} data-entry-key={item.key}>
      <div className="tl-entry-icon" style={{ background: color }} aria-hidden>
        {icon}
      </div>
      <div className="tl-entry-body">
        <div className="tl-entry-head">
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary" className="tl-entry-time">
            {item.pending ? t.timeline.saving : dayjs(item.at).format('HH:mm')}
          </Typography.Text>
        </div>
        {body}
      </div>
    </div>
  );
}

import { useState } from 'react';
import type { CSSProperties } from 'react';
import { Button, Flex, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { BusinessCalendar } from '@tideline/shared';
import { format } from '../i18n/I18nProvider';
import { dayKind } from './businessCalendar';
import type { DayKind } from './businessCalendar';
import { useCalendarText } from './useCalendarText';

interface Props {
  calendar: Pick<BusinessCalendar, 'working_days' | 'holidays' | 'extra_working_days'>;
  /** The month shown first, 'YYYY-MM'; this month when left out. */
  initialMonth?: string;
}

const KIND_STYLE: Record<DayKind, CSSProperties> = {
  working: { background: '#f6ffed', color: 'rgba(0,0,0,0.88)' },
  off: { background: '#fafafa', color: 'rgba(0,0,0,0.35)' },
  holiday: { background: '#fff1f0', color: '#cf1322' },
  extra: { background: '#e6f4ff', color: '#0958d9' },
};

const pad = (n: number) => String(n).padStart(2, '0');
const currentMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
};

/** The days of a month, Monday first, with blanks before the 1st. */
function monthGrid(month: string): (string | null)[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  return [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => `${month}-${pad(i + 1)}`),
  ];
}

function shift(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** A month of the calendar as it stands in the form: working days, days off, holidays and 调休. */
export function CalendarPreview({ calendar, initialMonth }: Props) {
  const t = useCalendarText();
  const [month, setMonth] = useState(initialMonth ?? currentMonth());
  const [year, monthNumber] = month.split('-');
  return (
    <Flex vertical gap={8} style={{ maxWidth: 360 }}>
      <Flex justify="space-between" align="center">
        <Button
          size="small"
          icon={<LeftOutlined />}
          aria-label={t.prevMonth}
          onClick={() => setMonth(shift(month, -1))}
        />
        <Typography.Text strong>
          {format(t.monthTitle, { year: year!, month: Number(monthNumber) })}
        </Typography.Text>
        <Flex gap={4}>
          <Button size="small" onClick={() => setMonth(currentMonth())}>
            {t.thisMonth}
          </Button>
          <Button
            size="small"
            icon={<RightOutlined />}
            aria-label={t.nextMonth}
            onClick={() => setMonth(shift(month, 1))}
          />
        </Flex>
      </Flex>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 4, textAlign: 'center' }}>
        {t.weekdays.map((w) => (
          <Typography.Text key={w} type="secondary" style={{ fontSize: 12 }}>
            {w}
          </Typography.Text>
        ))}
        {monthGrid(month).map((date, i) => {
          if (!date) return <span key={`blank-${i}`} />;
          const kind = dayKind(date, calendar);
          const mark = kind === 'holiday' || kind === 'extra' ? t.marks[kind] : null;
          return (
            <div
              key={date}
              title={`${date} ${t.kinds[kind]}`}
              data-kind={kind}
              style={{
                ...KIND_STYLE[kind],
                borderRadius: 4,
                padding: '4px 0',
                position: 'relative',
                fontSize: 13,
              }}
            >
              {Number(date.slice(8))}
              {mark && <div style={{ fontSize: 10, lineHeight: 1 }}>{mark}</div>}
            </div>
          );
        })}
      </div>
      <Flex gap={12} wrap>
        {(Object.keys(KIND_STYLE) as DayKind[]).map((kind) => (
          <Flex key={kind} gap={4} align="center">
            <span
              style={{
                ...KIND_STYLE[kind],
                width: 12,
                height: 12,
                borderRadius: 2,
                border: '1px solid #d9d9d9',
              }}
            />
            <Typography.Text style={{ fontSize: 12 }}>{t.kinds[kind]}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Flex>
  );
}

import { Button, DatePicker, Flex, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { format, useI18n } from '../i18n/I18nProvider';
import { datesBetween, isoWeekday } from './businessCalendar';
import { useCalendarText } from './useCalendarText';

interface Props {
  value?: string[];
  onChange?: (dates: string[]) => void;
  /** Dates the server refused, shown in red. */
  invalid?: readonly string[];
  disabled?: boolean;
  /** Names the pickers for screen readers and tests, e.g. "节假日". */
  label: string;
}

const sortedUnique = (dates: string[]) => [...new Set(dates)].sort();

/** A list of 'YYYY-MM-DD' dates edited with a date picker (one day or a range) and removable tags. */
export function DateListInput({ value = [], onChange, invalid = [], disabled, label }: Props) {
  const t = useCalendarText();
  const { m } = useI18n();
  const add = (dates: string[]) => onChange?.(sortedUnique([...value, ...dates]));
  const remove = (date: string) => onChange?.(value.filter((d) => d !== date));
  return (
    <Flex vertical gap={8}>
      {/* Enter commits a typed date; it must not also submit the whole calendar form. */}
      <Flex gap={8} wrap onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}>
        <DatePicker
          aria-label={`${label} ${t.addDate}`}
          placeholder={t.addDate}
          disabled={disabled}
          value={null}
          onChange={(d: Dayjs | null) => d && add([d.format('YYYY-MM-DD')])}
        />
        <DatePicker.RangePicker
          aria-label={`${label} ${t.addRange}`}
          placeholder={[t.addRange, '']}
          disabled={disabled}
          value={null}
          onChange={(range) => {
            const [from, to] = range ?? [];
            if (from && to) add(datesBetween(from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')));
          }}
        />
      </Flex>
      <Flex gap={4} wrap role="list" aria-label={label}>
        {value.length === 0 && <Typography.Text type="secondary">{t.empty}</Typography.Text>}
        {value.map((date) => (
          <Tag
            key={date}
            role="listitem"
            color={invalid.includes(date) ? 'error' : undefined}
            closable={!disabled}
            onClose={(e) => {
              e.preventDefault();
              remove(date);
            }}
            style={{ marginInlineEnd: 0 }}
          >
            {date} {t.weekdays[isoWeekday(date) - 1]}
          </Tag>
        ))}
      </Flex>
      {value.length > 0 && (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">{format(t.count, { n: value.length })}</Typography.Text>
          {!disabled && (
            <Button size="small" type="link" onClick={() => onChange?.([])}>
              {m.common.clear}
            </Button>
          )}
        </Flex>
      )}
    </Flex>
  );
}

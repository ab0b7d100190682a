import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { PERIODS } from './periods';
import { useI18n } from '../i18n/I18nProvider';
import { CustomerSelect } from '../forms/CustomerSelect';
import { TagSelect } from '../forms/TagSelect';
import { UserSelect } from '../forms/UserSelect';
import type { FieldDef, FilterValue, ValueShape } from './filterModel';

interface Props {
  field: FieldDef;
  shape: ValueShape;
  value: FilterValue;
  onChange: (value: FilterValue) => void;
}

const WIDTH = { width: '100%' };
const asString = (v: FilterValue) => (typeof v === 'string' ? v : undefined);
const asNumber = (v: FilterValue) => (typeof v === 'number' ? v : null);
const asList = (v: FilterValue): string[] => (Array.isArray(v) ? v.map(String) : []);
const pair = (v: FilterValue): [FilterValue, FilterValue] =>
  Array.isArray(v) ? [v[0], v[1]] : [undefined, undefined];
/** Money is stored in minor units (fen); people type yuan. */
const toYuan = (fen: FilterValue) => (typeof fen === 'number' ? fen / 100 : null);
const toFen = (yuan: number | null) => (yuan === null ? undefined : Math.round(yuan * 100));
const day = (v: FilterValue): Dayjs | null => (typeof v === 'string' && v ? dayjs(v) : null);

/** The value editor of one filter condition; its look follows the field kind and the operator. */
export function FilterValueInput({ field, shape, value, onChange }: Props) {
  const { m } = useI18n();
  const label = `${field.label} ${m.list.value}`;
  switch (shape) {
    case 'none':
      return null;
    case 'text':
      return (
        <Input
          aria-label={label}
          value={asString(value) ?? ''}
          onChange={(e) => onChange(e.target.value)}
          placeholder={m.common.inputPlaceholder}
        />
      );
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          style={WIDTH}
          value={asNumber(value)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'money':
      return (
        <InputNumber
          aria-label={label}
          style={WIDTH}
          min={0}
          value={toYuan(value)}
          suffix={m.list.yuan}
          onChange={(v) => onChange(toFen(v))}
        />
      );
    case 'days':
      return (
        <InputNumber
          aria-label={label}
          style={WIDTH}
          min={1}
          max={36500}
          precision={0}
          value={asNumber(value)}
          suffix={m.list.days}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'period':
      return (
        <Select
          aria-label={label}
          style={WIDTH}
          value={asString(value)}
          onChange={(v: string) => onChange(v)}
          options={PERIODS.map((p) => ({ value: p, label: m.periods[p] }))}
        />
      );
    case 'boolean':
      return (
        <Select
          aria-label={label}
          style={WIDTH}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v: string) => onChange(v === 'true')}
          options={[
            { value: 'true', label: m.list.trueLabel },
            { value: 'false', label: m.list.falseLabel },
          ]}
        />
      );
    case 'option':
    case 'options':
      return (
        <Select
          aria-label={label}
          style={WIDTH}
          mode={shape === 'options' ? 'multiple' : undefined}
          value={shape === 'options' ? asList(value) : asString(value)}
          onChange={(v: string | string[]) => onChange(v)}
          options={field.options ?? []}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={m.common.selectPlaceholder}
        />
      );
    case 'user':
    case 'users':
      return (
        <UserSelect
          allowMe
          multiple={shape === 'users'}
          style={WIDTH}
          value={shape === 'users' ? asList(value) : (asString(value) ?? null)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'ref':
    case 'refs':
      return (
        <CustomerSelect
          multiple={shape === 'refs'}
          style={WIDTH}
          value={shape === 'refs' ? asList(value) : (asString(value) ?? null)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'tags':
      return <TagSelect style={WIDTH} value={asList(value)} onChange={(v) => onChange(v)} />;
    case 'date':
      return (
        <DatePicker
          aria-label={label}
          style={WIDTH}
          value={day(value)}
          onChange={(d: Dayjs | null) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      );
    case 'instant':
      return (
        <DatePicker
          aria-label={label}
          style={WIDTH}
          value={day(value)}
          onChange={(d: Dayjs | null) => onChange(d ? d.startOf('day').toISOString() : undefined)}
        />
      );
    case 'date-range':
    case 'instant-range': {
      const [from, to] = pair(value);
      const instant = shape === 'instant-range';
      return (
        <DatePicker.RangePicker
          style={WIDTH}
          value={[day(from), day(to)]}
          onChange={(range) => {
            const [a, b] = range ?? [null, null];
            if (!a || !b) return onChange(undefined);
            onChange(
              instant
                ? [a.startOf('day').toISOString(), b.endOf('day').toISOString()]
                : [a.format('YYYY-MM-DD'), b.format('YYYY-MM-DD')],
            );
          }}
        />
      );
    }
    case 'number-range':
    case 'money-range': {
      const [lo, hi] = pair(value);
      const money = shape === 'money-range';
      const show = (v: FilterValue) => (money ? toYuan(v) : asNumber(v));
      // A half-typed range keeps '' in the empty end; it is not sent until both ends are filled.
      const keep = (v: number | null) => (money ? toFen(v) : v) ?? '';
      const end = (v: FilterValue) => (typeof v === 'number' ? v : '');
      return (
        <Space.Compact style={WIDTH}>
          <InputNumber
            aria-label={`${label} ≥`}
            style={WIDTH}
            value={show(lo)}
            onChange={(v) => onChange([keep(v), end(hi)])}
          />
          <InputNumber
            aria-label={`${label} ≤`}
            style={WIDTH}
            value={show(hi)}
            onChange={(v) => onChange([end(lo), keep(v)])}
          />
        </Space.Compact>
      );
    }
  }
}

import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { ConditionLeaf, FieldInfo } from '@tideline/shared';
import { useTags } from '../api/hooks';
import { CustomerSelect } from '../forms/CustomerSelect';
import { UserSelect } from '../forms/UserSelect';
import { useI18n } from '../i18n/I18nProvider';
import { PERIODS } from '../records/periods';
import { useCatalogContext } from './catalogContext';
import type { ValueInputKind } from './conditionModel';
import { StagePicker } from './StagePicker';
import { useAutomationText } from './useAutomationText';
import { useValueLabels } from './useValueLabels';

type Value = ConditionLeaf['value'];

interface Props {
  path: string;
  info: FieldInfo;
  kind: ValueInputKind;
  value: Value;
  onChange: (value: Value) => void;
  ariaLabel: string;
}

const WIDTH = { width: '100%' };
const str = (v: Value) => (typeof v === 'string' ? v : undefined);
const num = (v: Value) => (typeof v === 'number' ? v : null);
const list = (v: Value) => (Array.isArray(v) ? v : []);
const pair = (v: Value): [Value, Value] => (Array.isArray(v) ? [v[0] ?? null, v[1] ?? null] : [null, null]);
const day = (v: Value): Dayjs | null => (typeof v === 'string' && v ? dayjs(v) : null);
/** Money is stored in minor units (fen); people type yuan. */
const yuan = (fen: Value) => (typeof fen === 'number' ? fen / 100 : null);
const fen = (y: number | null) => (y === null ? undefined : Math.round(y * 100));
const isTagField = (path: string) => path === 'tags' || path === 'customer.tags';

/** The value editor of a condition leaf; its look follows the field's type and the operator. */
export function ConditionValueInput({ path, info, kind, value, onChange, ariaLabel }: Props) {
  const { m } = useI18n();
  const t = useAutomationText();
  const { entity } = useCatalogContext();
  const valueLabel = useValueLabels(entity);
  const { data: tags = [] } = useTags();
  switch (kind) {
    case 'none':
      return null;
    case 'text':
      if (path === 'stage_id')
        return <StagePicker ariaLabel={ariaLabel} value={str(value)} onChange={(v) => onChange(v)} />;
      if (path === 'customer_id')
        return (
          <CustomerSelect
            style={WIDTH}
            value={str(value) ?? null}
            onChange={(v) => onChange(typeof v === 'string' ? v : undefined)}
          />
        );
      return (
        <Input aria-label={ariaLabel} value={str(value) ?? ''} onChange={(e) => onChange(e.target.value)} />
      );
    case 'texts':
      if (path === 'stage_id')
        return (
          <StagePicker multiple ariaLabel={ariaLabel} value={list(value).map(String)} onChange={onChange} />
        );
      return (
        <Select
          aria-label={ariaLabel}
          mode="tags"
          style={WIDTH}
          value={list(value).map(String)}
          onChange={(v: string[]) => onChange(v)}
          placeholder={t.conditions.typeValue}
          options={isTagField(path) ? tags.map((tag) => ({ value: tag.name, label: tag.name })) : []}
          tokenSeparators={[',', '，']}
        />
      );
    case 'option':
    case 'options':
      return (
        <Select
          aria-label={ariaLabel}
          mode={kind === 'options' ? 'multiple' : undefined}
          style={WIDTH}
          value={kind === 'options' ? list(value).map(String) : str(value)}
          onChange={(v: string | string[]) => onChange(v)}
          options={(info.values ?? []).map((v) => ({ value: v, label: valueLabel(path, v) }))}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={m.common.selectPlaceholder}
        />
      );
    case 'user':
    case 'users':
      return (
        <UserSelect
          multiple={kind === 'users'}
          style={WIDTH}
          value={kind === 'users' ? list(value).map(String) : (str(value) ?? null)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'number':
      return (
        <InputNumber
          aria-label={ariaLabel}
          style={WIDTH}
          value={num(value)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'money':
      return (
        <InputNumber
          aria-label={ariaLabel}
          style={WIDTH}
          value={yuan(value)}
          suffix={t.conditions.yuan}
          onChange={(v) => onChange(fen(v))}
        />
      );
    case 'numbers': {
      const money = info.type === 'money';
      return (
        <Select
          aria-label={ariaLabel}
          mode="tags"
          style={WIDTH}
          value={list(value).map((v) => String(money && typeof v === 'number' ? v / 100 : v))}
          onChange={(v: string[]) =>
            onChange(
              v
                .map(Number)
                .filter((n) => Number.isFinite(n))
                .map((n) => (money ? Math.round(n * 100) : n)),
            )
          }
          placeholder={t.conditions.typeValue}
        />
      );
    }
    case 'days':
      return (
        <InputNumber
          aria-label={ariaLabel}
          style={WIDTH}
          min={0}
          max={36_500}
          precision={0}
          value={num(value)}
          suffix={t.conditions.days}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
    case 'period':
      return (
        <Select
          aria-label={ariaLabel}
          style={WIDTH}
          value={str(value)}
          onChange={(v: string) => onChange(v)}
          options={PERIODS.map((p) => ({ value: p, label: m.periods[p] }))}
        />
      );
    case 'boolean':
      return (
        <Select
          aria-label={ariaLabel}
          style={WIDTH}
          value={typeof value === 'boolean' ? String(value) : undefined}
          onChange={(v: string) => onChange(v === 'true')}
          options={[
            { value: 'true', label: t.conditions.trueLabel },
            { value: 'false', label: t.conditions.falseLabel },
          ]}
        />
      );
    case 'date':
    case 'instant':
      return (
        <DatePicker
          aria-label={ariaLabel}
          style={WIDTH}
          showTime={kind === 'instant'}
          value={day(value)}
          onChange={(d: Dayjs | null) =>
            onChange(d ? (kind === 'instant' ? d.toISOString() : d.format('YYYY-MM-DD')) : undefined)
          }
        />
      );
    case 'date-range':
    case 'instant-range': {
      const [from, to] = pair(value);
      const instant = kind === 'instant-range';
      return (
        <DatePicker.RangePicker
          style={WIDTH}
          showTime={instant}
          value={[day(from), day(to)]}
          onChange={(range) => {
            const [a, b] = range ?? [null, null];
            if (!a || !b) return onChange(undefined);
            onChange(
              instant ? [a.toISOString(), b.toISOString()] : [a.format('YYYY-MM-DD'), b.format('YYYY-MM-DD')],
            );
          }}
        />
      );
    }
    case 'number-range':
    case 'money-range': {
      const [lo, hi] = pair(value);
      const money = kind === 'money-range';
      const shown = (v: Value) => (money ? yuan(v) : num(v));
      const kept = (v: number | null) => (money ? fen(v) : (v ?? undefined)) ?? null;
      return (
        <Space.Compact style={WIDTH}>
          <InputNumber
            aria-label={`${ariaLabel} ≥`}
            style={WIDTH}
            value={shown(lo)}
            onChange={(v) => onChange([kept(v), typeof hi === 'number' ? hi : null] as Value)}
          />
          <InputNumber
            aria-label={`${ariaLabel} ≤`}
            style={WIDTH}
            value={shown(hi)}
            onChange={(v) => onChange([typeof lo === 'number' ? lo : null, kept(v)] as Value)}
          />
        </Space.Compact>
      );
    }
  }
}

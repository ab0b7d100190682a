import { InputNumber, Select, Space } from 'antd';
import type { Duration, DurationUnit } from '@tideline/shared';
import { useAutomationText } from './useAutomationText';
import { DURATION_UNITS } from './automationLists';

interface Props {
  value: Duration | undefined;
  onChange: (value: Duration | undefined) => void;
  units?: readonly DurationUnit[];
  /** An empty amount clears the duration (optional durations such as a task's due time). */
  optional?: boolean;
  ariaLabel?: string;
  min?: number;
}

/** An amount and a unit: minutes, hours, days, business days or business hours. */
export function DurationInput({
  value,
  onChange,
  units = DURATION_UNITS,
  optional,
  ariaLabel,
  min = 0,
}: Props) {
  const t = useAutomationText();
  const unit = value?.unit ?? units[0] ?? 'days';
  return (
    <Space.Compact style={{ width: '100%', maxWidth: 280 }}>
      <InputNumber
        aria-label={ariaLabel}
        min={min}
        max={100_000}
        precision={0}
        value={value?.amount ?? null}
        style={{ width: 110 }}
        onChange={(amount) =>
          amount === null ? onChange(optional ? undefined : { amount: 0, unit }) : onChange({ amount, unit })
        }
      />
      <Select<DurationUnit>
        aria-label={ariaLabel ? `${ariaLabel} · unit` : undefined}
        value={unit}
        style={{ width: 130 }}
        options={units.map((u) => ({ value: u, label: t.units[u] }))}
        onChange={(u) => onChange({ amount: value?.amount ?? 1, unit: u })}
      />
    </Space.Compact>
  );
}

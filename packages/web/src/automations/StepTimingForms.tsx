import { Flex, Radio, Select, Typography } from 'antd';
import type { Duration, Step } from '@tideline/shared';
import { format } from '../i18n/I18nProvider';
import { BuilderField } from './BuilderErrors';
import { useCatalogContext } from './catalogContext';
import { DurationInput } from './DurationInput';
import { FieldPicker } from './FieldPicker';
import { isDateField } from './fieldCatalog';
import { useAutomationText } from './useAutomationText';
import { CLIENT_EVENT_TYPES } from './automationLists';

type DelayStep = Extract<Step, { kind: 'delay' }>;
type WaitStep = Extract<Step, { kind: 'wait' }>;
type DelayMode = 'duration' | 'until_field' | 'next_business_hour';

const modeOf = (s: DelayStep): DelayMode =>
  s.next_business_hour ? 'next_business_hour' : s.until_field !== undefined ? 'until_field' : 'duration';

/** A delay: a duration, until a date field of the record (± an offset), or the next business hour. */
export function DelayForm({
  step,
  path,
  onChange,
}: {
  step: DelayStep;
  path: string;
  onChange: (s: Step) => void;
}) {
  const t = useAutomationText();
  const { catalog } = useCatalogContext();
  const mode = modeOf(step);
  const base = { id: step.id, kind: 'delay' as const };
  const switchTo = (next: DelayMode) => {
    if (next === 'duration') onChange({ ...base, duration: { amount: 1, unit: 'days' } });
    else if (next === 'next_business_hour') onChange({ ...base, next_business_hour: true });
    else {
      const first = Object.entries(catalog).find(([p, info]) => isDateField(info, p))?.[0] ?? '';
      onChange({ ...base, until_field: first });
    }
  };
  const direction = step.offset?.direction ?? 'none';
  return (
    <Flex vertical>
      <BuilderField label={t.delay.mode} path={path} exact>
        <Radio.Group
          value={mode}
          onChange={(e) => switchTo(e.target.value as DelayMode)}
          options={(['duration', 'until_field', 'next_business_hour'] as const).map((m) => ({
            value: m,
            label: t.delay.modes[m],
          }))}
        />
      </BuilderField>
      {mode === 'duration' && (
        <BuilderField label={t.delay.duration} path={`${path}.duration`} help={t.delay.calendarHint}>
          <DurationInput
            ariaLabel={t.delay.duration}
            value={step.duration}
            onChange={(duration) => onChange({ ...base, duration: duration ?? { amount: 0, unit: 'days' } })}
          />
        </BuilderField>
      )}
      {mode === 'until_field' && (
        <Flex gap={12} wrap>
          <BuilderField label={t.delay.untilField} path={`${path}.until_field`} style={{ minWidth: 220 }}>
            <FieldPicker
              ariaLabel={t.delay.untilField}
              filter={isDateField}
              value={step.until_field || undefined}
              onChange={(f) => onChange({ ...step, until_field: f ?? '' })}
            />
          </BuilderField>
          <BuilderField label={t.delay.offset} path={`${path}.offset`}>
            <Flex gap={8}>
              <Select<'none' | 'before' | 'after'>
                aria-label={t.delay.offset}
                value={direction}
                style={{ width: 130 }}
                options={[
                  { value: 'none', label: t.delay.noOffset },
                  { value: 'before', label: t.directions.before },
                  { value: 'after', label: t.directions.after },
                ]}
                onChange={(d) => {
                  const { offset: _drop, ...rest } = step;
                  if (d === 'none') return onChange(rest);
                  onChange({
                    ...rest,
                    offset: {
                      amount: step.offset?.amount ?? 1,
                      unit: step.offset?.unit ?? 'days',
                      direction: d,
                    },
                  });
                }}
              />
              {step.offset && (
                <DurationInput
                  value={step.offset}
                  onChange={(d) =>
                    d && onChange({ ...step, offset: { ...d, direction: step.offset!.direction } })
                  }
                />
              )}
            </Flex>
          </BuilderField>
        </Flex>
      )}
      {mode === 'next_business_hour' && (
        <Typography.Text type="secondary">{t.delay.calendarHint}</Typography.Text>
      )}
    </Flex>
  );
}

/** The events a wait may wait for: client actions, and changes to the run's record. */
export function useWaitEventOptions() {
  const t = useAutomationText();
  const { entity } = useCatalogContext();
  const recordEvents =
    entity && entity !== 'activity'
      ? ([
          'updated',
          ...(entity === 'deal' ? ['stage_changed' as const] : []),
          'owner_changed',
          'deleted',
        ] as const)
      : [];
  return [
    {
      label: t.wait.clientGroup,
      title: t.wait.clientGroup,
      options: CLIENT_EVENT_TYPES.map((e) => ({ value: `client.${e}`, label: t.clientEvents[e] })),
    },
    ...(entity && recordEvents.length
      ? [
          {
            label: t.wait.recordGroup,
            title: t.wait.recordGroup,
            options: recordEvents.map((e) => ({
              value: `${entity}.${e}`,
              label: format(t.recordEvents[e], { entity: t.entities[entity] }),
            })),
          },
        ]
      : []),
  ];
}

/** A wait: the event and how long to wait for it at most. */
export function WaitForm({
  step,
  path,
  onChange,
}: {
  step: WaitStep;
  path: string;
  onChange: (s: Step) => void;
}) {
  const t = useAutomationText();
  const options = useWaitEventOptions();
  return (
    <Flex gap={12} wrap>
      <BuilderField label={t.wait.event} path={`${path}.event`} style={{ minWidth: 240 }}>
        <Select
          aria-label={t.wait.event}
          value={step.event}
          options={options}
          onChange={(event: string) => onChange({ ...step, event })}
        />
      </BuilderField>
      <BuilderField label={t.wait.timeout} path={`${path}.timeout`}>
        <DurationInput
          ariaLabel={t.wait.timeout}
          min={1}
          value={step.timeout}
          onChange={(timeout: Duration | undefined) =>
            onChange({ ...step, timeout: timeout ?? { amount: 1, unit: 'days' } })
          }
        />
      </BuilderField>
    </Flex>
  );
}

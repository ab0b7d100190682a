import { Flex, InputNumber, Select } from 'antd';
import type { ConditionLeaf, Trigger } from '@tideline/shared';
import { usePipelines } from '../api/hooks';
import { BuilderField } from './BuilderErrors';
import { useCatalogContext } from './catalogContext';
import { valueInputKind } from './conditionModel';
import { ConditionValueInput } from './ConditionValueInput';
import { DurationInput } from './DurationInput';
import { FieldPicker } from './FieldPicker';
import { isDateField, isOwnField } from './fieldCatalog';
import { StagePicker } from './StagePicker';
import { useAutomationText } from './useAutomationText';

type Of<T extends Trigger['type']> = Extract<Trigger, { type: T }>;
type Scalar = string | number | boolean | null;

/** record_updated: the watched fields, from/to for a single field, and the debounce window. */
export function RecordUpdatedFields({
  trigger,
  onChange,
}: {
  trigger: Of<'record_updated'>;
  onChange: (t: Trigger) => void;
}) {
  const t = useAutomationText();
  const { catalog, label } = useCatalogContext();
  const single = trigger.fields.length === 1 ? trigger.fields[0]! : null;
  const info = single ? catalog[single] : undefined;
  const { from: _f, to: _t, ...rest } = trigger;
  const edge = (key: 'from' | 'to') =>
    info && single ? (
      <BuilderField label={t.trigger[key]} path={`trigger.${key}`} style={{ minWidth: 200 }}>
        <ConditionValueInput
          path={single}
          info={info}
          kind={valueInputKind(info, 'eq')}
          ariaLabel={`${label(single)} ${t.trigger[key]}`}
          value={(trigger[key] ?? undefined) as ConditionLeaf['value']}
          onChange={(v) => {
            const { [key]: _drop, ...others } = trigger;
            const scalar = Array.isArray(v) ? null : (v as Scalar | undefined);
            onChange(
              scalar === undefined || scalar === null || scalar === ''
                ? others
                : { ...others, [key]: scalar },
            );
          }}
        />
      </BuilderField>
    ) : null;
  return (
    <>
      <BuilderField label={t.trigger.watchedFields} path="trigger.fields" help={t.trigger.watchedFieldsHelp}>
        <FieldPicker
          multiple
          ariaLabel={t.trigger.watchedFields}
          filter={isOwnField}
          value={trigger.fields}
          // from/to only mean something for one field: drop them when the fields change.
          onChange={(fields) => onChange({ ...rest, fields })}
          placeholder={t.trigger.watchedFieldsHelp}
        />
      </BuilderField>
      {single && (
        <Flex gap={12} wrap>
          {edge('from')}
          {edge('to')}
        </Flex>
      )}
      <BuilderField label={t.trigger.debounce} path="trigger.debounce_seconds" help={t.trigger.debounceHelp}>
        <InputNumber
          aria-label={t.trigger.debounce}
          min={0}
          max={86_400}
          precision={0}
          suffix={t.trigger.seconds}
          value={trigger.debounce_seconds}
          onChange={(v) => onChange({ ...trigger, debounce_seconds: v ?? 0 })}
        />
      </BuilderField>
    </>
  );
}

/** stage_changed: an optional pipeline and the stages a deal leaves or enters. */
export function StageChangedFields({
  trigger,
  onChange,
}: {
  trigger: Of<'stage_changed'>;
  onChange: (t: Trigger) => void;
}) {
  const t = useAutomationText();
  const { data: pipelines = [], isLoading } = usePipelines();
  return (
    <>
      <BuilderField label={t.trigger.pipeline} path="trigger.pipeline_id">
        <Select
          aria-label={t.trigger.pipeline}
          allowClear
          loading={isLoading}
          value={trigger.pipeline_id}
          placeholder={t.trigger.pipelineAny}
          style={{ maxWidth: 280 }}
          options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(id: string | undefined) => {
            const { pipeline_id: _drop, ...rest } = trigger;
            onChange(id ? { ...rest, pipeline_id: id, from_stage_ids: [], to_stage_ids: [] } : rest);
          }}
        />
      </BuilderField>
      <Flex gap={12} wrap>
        <BuilderField
          label={t.trigger.fromStages}
          path="trigger.from_stage_ids"
          style={{ flex: 1, minWidth: 240 }}
        >
          <StagePicker
            multiple
            ariaLabel={t.trigger.fromStages}
            pipelineId={trigger.pipeline_id}
            placeholder={t.trigger.stagesAny}
            value={trigger.from_stage_ids}
            onChange={(ids) => onChange({ ...trigger, from_stage_ids: ids })}
          />
        </BuilderField>
        <BuilderField
          label={t.trigger.toStages}
          path="trigger.to_stage_ids"
          style={{ flex: 1, minWidth: 240 }}
        >
          <StagePicker
            multiple
            ariaLabel={t.trigger.toStages}
            pipelineId={trigger.pipeline_id}
            placeholder={t.trigger.stagesAny}
            value={trigger.to_stage_ids}
            onChange={(ids) => onChange({ ...trigger, to_stage_ids: ids })}
          />
        </BuilderField>
      </Flex>
    </>
  );
}

/** relative_time: a date field of the record, before or after it, by how much. */
export function RelativeTimeFields({
  trigger,
  onChange,
}: {
  trigger: Of<'relative_time'>;
  onChange: (t: Trigger) => void;
}) {
  const t = useAutomationText();
  return (
    <Flex gap={12} wrap>
      <BuilderField
        label={t.trigger.dateField}
        path="trigger.field"
        help={t.trigger.dateFieldHelp}
        style={{ minWidth: 240 }}
      >
        <FieldPicker
          ariaLabel={t.trigger.dateField}
          filter={isDateField}
          value={trigger.field}
          onChange={(field) => field && onChange({ ...trigger, field })}
        />
      </BuilderField>
      <BuilderField label={t.trigger.direction} path="trigger.direction">
        <Select<'before' | 'after'>
          aria-label={t.trigger.direction}
          value={trigger.direction}
          style={{ width: 110 }}
          options={[
            { value: 'before', label: t.directions.before },
            { value: 'after', label: t.directions.after },
          ]}
          onChange={(direction) => onChange({ ...trigger, direction })}
        />
      </BuilderField>
      <BuilderField label={t.trigger.offset} path="trigger.offset">
        <DurationInput
          ariaLabel={t.trigger.offset}
          units={['hours', 'days', 'business_days']}
          value={trigger.offset}
          onChange={(offset) => offset && onChange({ ...trigger, offset })}
        />
      </BuilderField>
    </Flex>
  );
}

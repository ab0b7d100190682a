import { Select } from 'antd';
import { usePipelines } from '../api/hooks';
import type { Pipeline } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';

type Props = {
  /** Only the stages of this pipeline; all pipelines when unset. */
  pipelineId?: string | undefined;
  placeholder?: string;
  ariaLabel?: string;
  style?: React.CSSProperties;
} & (
  | { multiple?: false; value?: string | undefined; onChange?: (value: string | undefined) => void }
  | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
);

/** Stage options grouped by pipeline ("销售漏斗 · 阶段" when there are several). */
export function stageOptions(pipelines: Pipeline[], pipelineId?: string) {
  const shown = pipelineId ? pipelines.filter((p) => p.id === pipelineId) : pipelines;
  return shown.map((p) => ({
    label: p.name,
    title: p.name,
    options: [...p.stages]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ value: s.id, label: shown.length > 1 ? `${p.name} · ${s.name}` : s.name })),
  }));
}

/** A stage's display name by id, for summaries; the id itself when no pipeline has it. */
export function stageNamer(pipelines: Pipeline[] | undefined) {
  const names = new Map<string, string>();
  for (const p of pipelines ?? [])
    for (const s of p.stages)
      names.set(s.id, (pipelines?.length ?? 0) > 1 ? `${p.name} · ${s.name}` : s.name);
  return (id: string) => names.get(id) ?? id;
}

/** Pick one or more stages of the workspace's pipelines. */
export function StagePicker(props: Props) {
  const { m } = useI18n();
  const { data: pipelines = [], isLoading } = usePipelines();
  return (
    <Select
      aria-label={props.ariaLabel}
      mode={props.multiple ? 'multiple' : undefined}
      value={props.multiple ? props.value : props.value || undefined}
      onChange={(v: string | string[] | undefined) =>
        props.multiple
          ? props.onChange?.((v as string[] | undefined) ?? [])
          : props.onChange?.(v as string | undefined)
      }
      options={stageOptions(pipelines, props.pipelineId)}
      loading={isLoading}
      allowClear
      placeholder={props.placeholder ?? m.common.selectPlaceholder}
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%', minWidth: 160, ...props.style }}
    />
  );
}

import { useEffect } from 'react';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Popconfirm, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StageGate, StageKind } from '@tideline/shared';
import { api } from '../api/client';
import type { Pipeline } from '../api/types';
import { format, useI18n } from '../i18n/I18nProvider';
import { useRefusalText, useSettingsSubmit } from './apiRefusal';
import { useGateText } from '../deals/useGateText';
import { nameGateErrors } from './gateModel';
import { StageRows } from './StageRows';
import { useSettingsText } from './useSettingsText';

interface StageValue {
  id?: string;
  name: string;
  kind: StageKind;
  probability: number;
  gate?: StageGate | null;
}

interface Values {
  name: string;
  is_default: boolean;
  stages: StageValue[];
}

interface Props {
  /** The pipeline to edit; null drafts a new one. */
  pipeline: Pipeline | null;
  onSaved: (pipeline: Pipeline) => void;
  onDeleted: () => void;
}

const STARTER_KINDS: StageKind[] = ['open', 'open', 'open', 'won', 'lost'];
const STARTER_PROBABILITY = [10, 40, 70, 100, 0];

/** Create or edit a pipeline: name, default flag and the ordered stages with kind and probability. */
export function PipelineEditor({ pipeline, onSaved, onDeleted }: Props) {
  const { m } = useI18n();
  const t = useSettingsText();
  const p = t.pipelines;
  const g = useGateText();
  const { message } = App.useApp();
  const refusal = useRefusalText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const initialValues: Values = pipeline
    ? {
        name: pipeline.name,
        is_default: pipeline.is_default,
        stages: [...pipeline.stages]
          .sort((a, b) => a.position - b.position)
          .map((s) => ({
            id: s.id,
            name: s.name,
            kind: s.kind as StageKind,
            probability: s.probability,
            gate: s.gate ?? null,
          })),
      }
    : {
        name: '',
        is_default: false,
        stages: p.starterStages.map((name, i) => ({
          name,
          kind: STARTER_KINDS[i] ?? 'open',
          probability: STARTER_PROBABILITY[i] ?? 0,
        })),
      };
  const submit = (v: Values) => {
    const stages = v.stages.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      name: s.name,
      kind: s.kind,
      probability: s.probability ?? 0,
      gate: s.gate ?? null,
    }));
    const body = { name: v.name, is_default: v.is_default, stages };
    const request = pipeline
      ? api<Pipeline>(`/pipelines/${pipeline.id}`, { method: 'PATCH', body })
      : api<Pipeline>('/pipelines', { method: 'POST', body });
    return request.catch((e: unknown) => {
      throw nameGateErrors(
        e,
        stages.map((s) => s.name),
        g.button,
      );
    });
  };
  const { onFinish, submitting, formError, clearError } = useSettingsSubmit(form, submit, {
    onSuccess: (saved) => {
      message.success(pipeline ? m.common.saved : t.created);
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
      onSaved(saved);
    },
  });
  useEffect(() => clearError(), [pipeline?.id]);
  const remove = useMutation({
    mutationFn: () => api<void>(`/pipelines/${pipeline?.id}`, { method: 'DELETE' }),
    onSuccess: () => {
      message.success(t.deleted);
      onDeleted();
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
    },
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {pipeline ? pipeline.name : p.new}
        </Typography.Title>
        {pipeline && !pipeline.is_default && (
          <Popconfirm
            title={format(p.deleteConfirm, { name: pipeline.name })}
            okText={m.common.delete}
            cancelText={m.common.cancel}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate()}
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
              {m.common.delete}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {remove.isError && <Alert type="error" showIcon title={refusal(remove.error)} />}
      {formError && <Alert type="error" showIcon title={formError} style={{ whiteSpace: 'pre-line' }} />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        <Form.Item
          name="name"
          label={p.name}
          rules={[
            { required: true, whitespace: true, message: format(m.forms.requiredField, { field: p.name }) },
          ]}
        >
          <Input maxLength={200} style={{ maxWidth: 360 }} />
        </Form.Item>
        <Form.Item name="is_default" valuePropName="checked">
          <Checkbox>{p.makeDefault}</Checkbox>
        </Form.Item>
        <Form.Item label={p.stages} required>
          <StageRows />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {m.common.save}
        </Button>
      </Form>
    </Flex>
  );
}

import { Button, Card, Flex, Select, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import type { ActionType, Step } from '@tideline/shared';
import { format } from '../i18n/I18nProvider';
import { ActionForm } from './ActionForm';
import { BuilderField, useErrorCount, useErrorsAt } from './BuilderErrors';
import { ConditionTree } from './ConditionTree';
import { DelayForm, WaitForm } from './StepTimingForms';
import { StepList } from './StepList';
import { ACTION_TYPES, newAction } from './stepModel';
import { useAutomationText } from './useAutomationText';

interface Props {
  step: Step;
  path: string;
  index: number;
  count: number;
  onChange: (step: Step) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}

const KIND_COLORS = { action: 'blue', delay: 'gold', branch: 'purple', wait: 'cyan' } as const;

/** One step: its kind, its form, and for branches and waits the step lists it holds. */
export function StepCard({ step, path, index, count, onChange, onRemove, onMove }: Props) {
  const t = useAutomationText();
  const own = [...useErrorsAt(path, true), ...useErrorsAt(`${path}.id`), ...useErrorsAt(`${path}.kind`)];
  const troubled = useErrorCount(path) > 0;
  const title = (
    <Flex gap={8} align="center" wrap>
      <Typography.Text type="secondary">{index + 1}.</Typography.Text>
      <Tag color={KIND_COLORS[step.kind]} style={{ marginInlineEnd: 0 }}>
        {t.steps.kinds[step.kind]}
      </Tag>
      {step.kind === 'action' && <span>{t.actionTypes[step.params.action]}</span>}
      <Tooltip title={format(t.steps.stepId, { id: step.id })}>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }} code>
          {step.id}
        </Typography.Text>
      </Tooltip>
    </Flex>
  );
  const extra = (
    <Flex gap={2}>
      <Button
        size="small"
        type="text"
        aria-label={t.steps.moveUp}
        icon={<ArrowUpOutlined />}
        disabled={index === 0}
        onClick={() => onMove(-1)}
      />
      <Button
        size="small"
        type="text"
        aria-label={t.steps.moveDown}
        icon={<ArrowDownOutlined />}
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      />
      <Button
        size="small"
        type="text"
        danger
        aria-label={t.steps.remove}
        icon={<DeleteOutlined />}
        onClick={onRemove}
      />
    </Flex>
  );
  return (
    <Card
      size="small"
      title={title}
      extra={extra}
      data-testid="step-card"
      data-step-path={path}
      style={troubled ? { borderColor: '#ff4d4f' } : undefined}
    >
      {own.length > 0 && (
        <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
          {own.join('；')}
        </Typography.Text>
      )}
      <StepBody step={step} path={path} onChange={onChange} />
    </Card>
  );
}

function StepBody({ step, path, onChange }: { step: Step; path: string; onChange: (step: Step) => void }) {
  const t = useAutomationText();
  switch (step.kind) {
    case 'action':
      return (
        <>
          <BuilderField label={t.action.type} path={`${path}.params.action`} exact>
            <Select<ActionType>
              aria-label={t.action.type}
              value={step.params.action}
              style={{ maxWidth: 240 }}
              options={ACTION_TYPES.map((a) => ({ value: a, label: t.actionTypes[a] }))}
              onChange={(a) => onChange({ ...step, params: newAction(a) })}
            />
          </BuilderField>
          <ActionForm
            params={step.params}
            path={`${path}.params`}
            onChange={(params) => onChange({ ...step, params })}
          />
        </>
      );
    case 'delay':
      return <DelayForm step={step} path={path} onChange={onChange} />;
    case 'branch':
      return (
        <Flex vertical gap={8}>
          <ConditionTree
            path={`${path}.condition`}
            value={step.condition}
            onChange={(condition) => onChange({ ...step, condition: condition ?? { all: [] } })}
          />
          <Arm label={t.steps.then}>
            <StepList
              nested
              path={`${path}.then`}
              steps={step.then}
              onChange={(then) => onChange({ ...step, then })}
            />
          </Arm>
          <Arm label={t.steps.else}>
            <StepList
              nested
              path={`${path}.else`}
              steps={step.else}
              onChange={(otherwise) => onChange({ ...step, else: otherwise })}
            />
          </Arm>
        </Flex>
      );
    case 'wait':
      return (
        <Flex vertical gap={8}>
          <WaitForm step={step} path={path} onChange={onChange} />
          <Arm label={t.steps.waitThen}>
            <StepList
              nested
              path={`${path}.then`}
              steps={step.then}
              onChange={(then) => onChange({ ...step, then })}
            />
          </Arm>
          <Arm label={t.steps.onTimeout}>
            <StepList
              nested
              path={`${path}.on_timeout`}
              steps={step.on_timeout}
              onChange={(on_timeout) => onChange({ ...step, on_timeout })}
            />
          </Arm>
        </Flex>
      );
  }
}

function Arm({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div style={{ borderInlineStart: '2px dashed #d9d9d9', paddingInlineStart: 12 }}>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      {children}
    </div>
  );
}

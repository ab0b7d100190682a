import { createContext, useContext, useMemo } from 'react';
import { Button, Dropdown, Flex, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ActionType, Step } from '@tideline/shared';
import { useErrorsAt } from './BuilderErrors';
import { StepCard } from './StepCard';
import { ACTION_TYPES, collectStepIds, moveStep, newStep, removeAt, replaceAt } from './stepModel';
import type { StepKind } from './stepModel';
import { useAutomationText } from './useAutomationText';

/** Every step id of the whole rule, so a new step nested anywhere gets an id no other step has. */
const StepIdsContext = createContext<ReadonlySet<string> | null>(null);

interface Props {
  steps: Step[];
  onChange: (steps: Step[]) => void;
  /** Where the list sits: `steps`, `steps[2].then`, `steps[0].on_timeout`… */
  path: string;
  /** A nested list (branch arm, wait outcome) says "nothing" when empty rather than asking for a step. */
  nested?: boolean;
}

/** An ordered list of steps with add, remove and reorder; branches and waits hold lists of their own. */
export function StepList({ steps, onChange, path, nested }: Props) {
  const t = useAutomationText();
  const outer = useContext(StepIdsContext);
  const own = useMemo(() => (outer ? null : collectStepIds(steps)), [outer, steps]);
  const taken = outer ?? own!;
  const errors = useErrorsAt(path, true);
  const add = (kind: StepKind, action?: ActionType) => onChange([...steps, newStep(kind, taken, action)]);
  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'actions',
      label: t.steps.kinds.action,
      children: ACTION_TYPES.map((a) => ({ key: `action:${a}`, label: t.actionTypes[a] })),
    },
    { type: 'divider' },
    { key: 'delay', label: t.steps.kinds.delay },
    { key: 'branch', label: t.steps.kinds.branch },
    { key: 'wait', label: t.steps.kinds.wait },
  ];
  const list = (
    <Flex vertical gap={8} data-testid={nested ? 'nested-steps' : 'step-list'}>
      {steps.length === 0 && (
        <Typography.Text type={nested ? 'secondary' : undefined}>
          {nested ? t.steps.nestedEmpty : t.steps.empty}
        </Typography.Text>
      )}
      {errors.length > 0 && <Typography.Text type="danger">{errors.join('；')}</Typography.Text>}
      {steps.map((step, i) => (
        <StepCard
          key={step.id}
          step={step}
          path={`${path}[${i}]`}
          index={i}
          count={steps.length}
          onChange={(next) => onChange(replaceAt(steps, i, next))}
          onRemove={() => onChange(removeAt(steps, i))}
          onMove={(by) => onChange(moveStep(steps, i, by))}
        />
      ))}
      <div>
        <Dropdown
          trigger={['click']}
          menu={{
            items,
            onClick: ({ key }) => {
              const [kind, action] = key.split(':') as [StepKind, ActionType | undefined];
              add(kind, action);
            },
          }}
        >
          <Button size={nested ? 'small' : 'middle'} icon={<PlusOutlined />}>
            {t.steps.add}
          </Button>
        </Dropdown>
      </div>
    </Flex>
  );
  return outer ? list : <StepIdsContext.Provider value={taken}>{list}</StepIdsContext.Provider>;
}

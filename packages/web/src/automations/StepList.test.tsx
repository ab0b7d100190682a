import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Step } from '@tideline/shared';
import { StepList } from './StepList';
import { BuilderTestProviders, choose, mockBuilderApi } from './testCatalog';

function Harness({ initial, onChange }: { initial: Step[]; onChange: (steps: Step[]) => void }) {
  const [steps, setSteps] = useState(initial);
  return (
    <StepList
      path="steps"
      steps={steps}
      onChange={(next) => {
        setSteps(next);
        onChange(next);
      }}
    />
  );
}

function setup(initial: Step[] = []) {
  mockBuilderApi();
  const onChange = vi.fn();
  render(
    <BuilderTestProviders>
      <Harness initial={initial} onChange={onChange} />
    </BuilderTestProviders>,
  );
  const last = () => onChange.mock.lastCall![0] as Step[];
  return { last, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

/** Open an "add step" menu and pick an entry. */
async function addStep(user: ReturnType<typeof userEvent.setup>, button: HTMLElement, entry: string) {
  await user.click(button);
  const items = await screen.findAllByRole('menuitem', { name: entry });
  await user.click(items[items.length - 1]!);
}

const card = (path: string) => document.querySelector<HTMLElement>(`[data-step-path="${path}"]`)!;

describe('StepList', () => {
  it('adds an action step whose form fills its parameters', async () => {
    const { last, user } = setup();
    expect(screen.getByText('还没有步骤，至少添加一个')).toBeTruthy();
    await addStep(user, screen.getByRole('button', { name: /添加步骤/ }), '发送通知');
    await user.type(within(card('steps[0]')).getByRole('textbox', { name: '标题' }), '新客户');
    expect(last()).toEqual([
      {
        id: expect.stringMatching(/^notify_[a-z2-9]{4}$/),
        kind: 'action',
        params: {
          action: 'notify',
          channel: 'in_app',
          recipients: [{ type: 'owner' }],
          title: '新客户',
          body: '',
        },
      },
    ]);
  });

  it('adds a branch with a condition and a nested step, each with an id of its own', async () => {
    const { last, user } = setup([
      { id: 'notify_1', kind: 'action', params: { action: 'add_tags', tags: ['VIP'] } },
    ]);
    await addStep(user, screen.getByRole('button', { name: /添加步骤/ }), '分支');
    const branch = card('steps[1]');
    await user.click(within(branch).getByRole('button', { name: /添加条件$/ }));
    // The "if" arm is the first nested list of the branch.
    const thenArm = within(branch).getAllByTestId('nested-steps')[0]!;
    await addStep(user, within(thenArm).getByRole('button', { name: /添加步骤/ }), '创建任务');
    await user.type(within(card('steps[1].then[0]')).getByRole('textbox', { name: '任务标题' }), '回访');
    const steps = last();
    expect(steps[1]).toEqual({
      id: expect.stringMatching(/^branch_/),
      kind: 'branch',
      condition: { all: [{ field: 'name', op: 'contains' }] },
      then: [
        {
          id: expect.stringMatching(/^create_task_/),
          kind: 'action',
          params: {
            action: 'create_task',
            title: '回访',
            assignee: { type: 'owner' },
            due_in: { amount: 1, unit: 'business_days' },
          },
        },
      ],
      else: [],
    });
    const ids = [steps[0]!.id, steps[1]!.id, (steps[1] as Extract<Step, { kind: 'branch' }>).then[0]!.id];
    expect(new Set(ids).size).toBe(3);
  });

  it('reorders and removes steps, and switches an action and a delay mode', async () => {
    const { last, user } = setup([
      { id: 'a', kind: 'action', params: { action: 'add_tags', tags: ['VIP'] } },
      { id: 'b', kind: 'delay', duration: { amount: 2, unit: 'days' } },
    ]);
    await user.click(within(card('steps[1]')).getByRole('button', { name: '上移' }));
    expect(last().map((s) => s.id)).toEqual(['b', 'a']);

    await user.click(within(card('steps[0]')).getByText('等到下一个工作时间'));
    expect(last()[0]).toEqual({ id: 'b', kind: 'delay', next_business_hour: true });

    await choose(user, within(card('steps[1]')).getByRole('combobox', { name: '动作' }), '修改字段');
    expect(last()[1]).toEqual({ id: 'a', kind: 'action', params: { action: 'set_fields', values: {} } });
    await user.click(within(card('steps[1]')).getByRole('button', { name: /添加字段/ }));
    // The first writable field of the catalog, with a fixed value to fill in.
    expect(last()[1]).toEqual({
      id: 'a',
      kind: 'action',
      params: { action: 'set_fields', values: { name: { type: 'const', value: null } } },
    });

    await user.click(within(card('steps[0]')).getByRole('button', { name: '删除步骤' }));
    expect(last().map((s) => s.id)).toEqual(['a']);
  });
});

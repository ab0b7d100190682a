import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ConditionNode } from '@tideline/shared';
import { ConditionTree } from './ConditionTree';
import { BuilderTestProviders, choose, mockBuilderApi, optionsOf, popupOf } from './testCatalog';

function Harness({
  initial,
  onChange,
}: {
  initial?: ConditionNode;
  onChange: (v: ConditionNode | undefined) => void;
}) {
  const [value, setValue] = useState<ConditionNode | undefined>(initial);
  return (
    <ConditionTree
      optional
      path="conditions"
      value={value}
      onChange={(v) => {
        setValue(v);
        onChange(v);
      }}
    />
  );
}

function setup(initial?: ConditionNode) {
  mockBuilderApi();
  const onChange = vi.fn();
  render(
    <BuilderTestProviders>
      <Harness initial={initial} onChange={onChange} />
    </BuilderTestProviders>,
  );
  return { onChange, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

describe('ConditionTree', () => {
  it('builds an AND group with a nested OR group from nothing', async () => {
    const { onChange, user } = setup();
    expect(screen.getByText('没有条件，每次触发都会执行')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /添加条件$/ }));
    expect(screen.getAllByTestId('condition-leaf')).toHaveLength(1);
    // The root group's "add group" nests an OR group (the opposite of its parent) with one leaf.
    await user.click(screen.getByRole('button', { name: /添加条件组/ }));
    expect(screen.getAllByTestId('condition-group')).toHaveLength(2);
    const inner = screen.getAllByTestId('condition-group')[1]!;
    await user.click(within(inner).getByRole('button', { name: /添加条件$/ }));
    expect(onChange).toHaveBeenLastCalledWith({
      all: [
        { field: 'name', op: 'contains' },
        {
          any: [
            { field: 'name', op: 'contains' },
            { field: 'name', op: 'contains' },
          ],
        },
      ],
    });
    // Switching the inner group to "all" keeps its leaves; removing the group leaves the first leaf.
    await user.click(within(inner).getByText('全部满足'));
    expect(onChange).toHaveBeenLastCalledWith({
      all: [
        { field: 'name', op: 'contains' },
        {
          all: [
            { field: 'name', op: 'contains' },
            { field: 'name', op: 'contains' },
          ],
        },
      ],
    });
    await user.click(within(inner).getByRole('button', { name: /删除条件组/ }));
    expect(onChange).toHaveBeenLastCalledWith({ all: [{ field: 'name', op: 'contains' }] });
    // Removing the last condition leaves the rule without conditions.
    await user.click(screen.getByRole('button', { name: '删除条件' }));
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('offers the operators of the field type and resets what no longer fits', async () => {
    const { onChange, user } = setup({ all: [{ field: 'name', op: 'contains', value: '华' }] });
    const leaf = () => screen.getByTestId('condition-leaf');
    const op = () => within(leaf()).getByRole('combobox', { name: '条件' });
    const textOps = await optionsOf(user, op());
    expect(textOps).toContain('开头是');
    expect(textOps).not.toContain('大于');
    await user.keyboard('{Escape}');

    await choose(user, within(leaf()).getByRole('combobox', { name: '字段' }), '最近跟进');
    // "contains" does not apply to a time: the first time operator and its default value take over.
    expect(onChange).toHaveBeenLastCalledWith({
      all: [{ field: 'last_contact_at', op: 'period', value: 'this_month' }],
    });
    const timeOps = await optionsOf(user, op());
    expect(timeOps).toEqual(expect.arrayContaining(['最近 N 天内', '超过 N 天前', '晚于', '早于']));
    expect(timeOps).not.toContain('包含');

    await choose(user, within(leaf()).getByRole('combobox', { name: '字段' }), '预算');
    expect(onChange).toHaveBeenLastCalledWith({ all: [{ field: 'custom.budget', op: 'eq' }] });
    await choose(user, op(), '大于等于');
    await user.type(within(leaf()).getByRole('spinbutton'), '5000');
    // Money is typed in yuan and stored in fen.
    expect(onChange).toHaveBeenLastCalledWith({
      all: [{ field: 'custom.budget', op: 'gte', value: 500000 }],
    });

    await choose(user, within(leaf()).getByRole('combobox', { name: '字段' }), '状态');
    expect(onChange).toHaveBeenLastCalledWith({ all: [{ field: 'status', op: 'eq' }] });
    const enumOps = await optionsOf(user, op());
    expect(enumOps).toEqual(['等于', '不等于', '是其中之一', '不是其中之一', '为空', '不为空']);
    await user.click(within(popupOf()).getByTitle('为空'));
    expect(within(leaf()).queryByRole('combobox', { name: /状态 值/ })).toBeNull();
    expect(onChange).toHaveBeenLastCalledWith({ all: [{ field: 'status', op: 'empty' }] });
  });
});

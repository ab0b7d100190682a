import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterCondition } from '@tideline/shared';
import { TestProviders, mockFetch } from '../test/TestProviders';
import { RecordFilters } from './RecordFilters';
import type { FieldDef } from './filterModel';

const FIELDS: FieldDef[] = [
  { key: 'name', label: '客户名称', kind: 'text' },
  {
    key: 'status',
    label: '状态',
    kind: 'enum',
    options: [
      { value: 'active', label: '成交' },
      { value: 'lost', label: '流失' },
    ],
  },
  { key: 'last_contact_at', label: '最近跟进', kind: 'instant' },
  { key: 'custom.budget', label: '预算', kind: 'money', custom: true },
];

function setup(applied: FilterCondition[] = []) {
  mockFetch(() => ({ body: { items: [], next_cursor: null } }));
  const onApply = vi.fn();
  render(
    <TestProviders>
      <RecordFilters fields={FIELDS} applied={applied} onApply={onApply} />
    </TestProviders>,
  );
  return { onApply, user: userEvent.setup() };
}

/** Ant Design puts a space between the two characters of a Chinese button label ("应 用"). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

/** Open an Ant Design select by its accessible name and click the option with this text. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  row: HTMLElement,
  name: string,
  option: string,
) {
  await user.click(within(row).getByRole('combobox', { name }));
  const listbox = await screen.findAllByTitle(option);
  await user.click(listbox[listbox.length - 1]!);
}

describe('RecordFilters', () => {
  it('shows an explanation when there are no conditions', () => {
    setup();
    expect(screen.getByText('还没有筛选条件，添加一个条件来缩小列表。')).toBeTruthy();
  });

  it('builds a text condition and applies it', async () => {
    const { onApply, user } = setup();
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    const row = screen.getByTestId('filter-row');
    await user.type(within(row).getByRole('textbox', { name: '客户名称 值' }), '科技');
    await user.click(screen.getByRole('button', { name: label('应用') }));
    expect(onApply).toHaveBeenLastCalledWith([{ field: 'name', op: 'contains', value: '科技' }]);
  });

  it('switches to a date field with relative periods and days', async () => {
    const { onApply, user } = setup();
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    const row = screen.getByTestId('filter-row');
    await choose(user, row, '字段', '最近跟进');
    await user.click(screen.getByRole('button', { name: label('应用') }));
    expect(onApply).toHaveBeenLastCalledWith([
      { field: 'last_contact_at', op: 'period', value: 'this_month' },
    ]);

    await choose(user, row, '条件', '超过 N 天前');
    const days = within(row).getByRole('spinbutton', { name: '最近跟进 值' });
    await user.clear(days);
    await user.type(days, '45');
    await user.click(screen.getByRole('button', { name: label('应用') }));
    expect(onApply).toHaveBeenLastCalledWith([
      { field: 'last_contact_at', op: 'older_than_days', value: 45 },
    ]);
  });

  it('enters money in yuan and sends fen for custom fields', async () => {
    const { onApply, user } = setup();
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    const row = screen.getByTestId('filter-row');
    await choose(user, row, '字段', '预算');
    expect(within(row).getByRole('combobox', { name: '条件' }).closest('.ant-select')?.textContent).toContain(
      '等于',
    );
    await choose(user, row, '条件', '大于等于');
    await user.type(within(row).getByRole('spinbutton', { name: '预算 值' }), '1000.5');
    await user.click(screen.getByRole('button', { name: label('应用') }));
    expect(onApply).toHaveBeenLastCalledWith([{ field: 'custom.budget', op: 'gte', value: 100050 }]);
  });

  it('shows the applied conditions, drops incomplete ones and clears', async () => {
    const { onApply, user } = setup([{ field: 'status', op: 'in', value: ['active'] }]);
    expect(screen.getAllByTestId('filter-row')).toHaveLength(1);
    expect(screen.getByText('成交')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    expect(screen.getAllByTestId('filter-row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: label('应用') }));
    // The new, empty name condition is not sent.
    expect(onApply).toHaveBeenLastCalledWith([{ field: 'status', op: 'in', value: ['active'] }]);
    await user.click(screen.getAllByRole('button', { name: '删除条件' })[0]!);
    await waitFor(() => expect(screen.getAllByTestId('filter-row')).toHaveLength(1));
    await user.click(screen.getByRole('button', { name: label('清空') }));
    expect(onApply).toHaveBeenLastCalledWith([]);
  });
});

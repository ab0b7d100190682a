import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StageGate } from '@tideline/shared';
import { TestProviders, mockFetch } from '../test/TestProviders';
import { StageGateModal } from './StageGateModal';

const DEFS = [
  {
    id: 'f1',
    entity: 'deal',
    key: 'contract_no',
    label: '合同编号',
    type: 'text',
    options: [],
    required: false,
    position: 0,
  },
  {
    id: 'f2',
    entity: 'deal',
    key: 'invoice_sent_at',
    label: '开票时间',
    type: 'datetime',
    options: [],
    required: false,
    position: 1,
  },
];

function setup(value: StageGate | null) {
  mockFetch((url) => {
    if (url.pathname === '/api/v1/custom-fields') return { body: { items: DEFS } };
    if (url.pathname === '/api/v1/pipelines') return { body: { items: [] } };
    if (url.pathname === '/api/v1/users') return { body: { items: [], next_cursor: null } };
    return undefined;
  });
  const onOk = vi.fn();
  render(
    <TestProviders>
      <StageGateModal open stageName="已开票" value={value} onCancel={() => undefined} onOk={onOk} />
    </TestProviders>,
  );
  return { onOk, user: userEvent.setup() };
}

/** Ant Design puts a space between the two characters of a Chinese button label ("确 定"). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

async function choose(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, option: string) {
  await user.click(box);
  const found = await screen.findAllByTitle(option);
  await user.click(found[found.length - 1]!);
}

describe('StageGateModal', () => {
  it('edits required fields and on-entry edits into a gate', async () => {
    const { onOk, user } = setup(null);
    expect(await screen.findByText('「已开票」的阶段关卡')).toBeTruthy();
    const required = screen.getByRole('combobox', { name: '必填字段' });
    await waitFor(() => expect(screen.queryByText('没有自动填写')).toBeTruthy());
    await choose(user, required, '金额');
    await choose(user, required, '合同编号');

    // A new on-entry row starts on the first free field; switch it to the custom datetime, set to now.
    await user.click(screen.getByRole('button', { name: /添加自动填写/ }));
    const row = screen.getByTestId('gate-on-entry');
    await choose(user, within(row).getByRole('combobox', { name: '字段' }), '开票时间');
    expect(within(row).getByRole('combobox', { name: '方式' }).closest('.ant-select')?.textContent).toContain(
      '当前时间',
    );
    await user.click(screen.getByRole('button', { name: label('确定') }));
    expect(onOk).toHaveBeenCalledWith({
      required_fields: ['amount', 'custom.contract_no'],
      on_entry: { 'custom.invoice_sent_at': { type: 'now' } },
    });
  });

  it('adds an entry condition with the filter builder and can clear the whole gate', async () => {
    const { onOk, user } = setup({ required_fields: ['amount'], on_entry: {} });
    await screen.findByText('「已开票」的阶段关卡');
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    const row = await screen.findByTestId('gate-condition');
    await choose(user, within(row).getByRole('combobox', { name: '字段' }), '金额');
    await choose(user, within(row).getByRole('combobox', { name: '条件' }), '大于等于');
    await user.type(within(row).getByRole('spinbutton'), '10000');
    await user.click(screen.getByRole('button', { name: label('确定') }));
    expect(onOk).toHaveBeenLastCalledWith({
      required_fields: ['amount'],
      entry_condition: { all: [{ field: 'amount', op: 'gte', value: 10_000_00 }] },
      on_entry: {},
    });
    await user.click(screen.getByRole('button', { name: '清除关卡' }));
    expect(onOk).toHaveBeenLastCalledWith(null);
  });
});

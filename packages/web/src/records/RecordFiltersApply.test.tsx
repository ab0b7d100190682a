import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilterCondition } from '@tideline/shared';
import { TestProviders, mockFetch } from '../test/TestProviders';
import { RecordFilters } from './RecordFilters';
import type { FieldDef } from './filterModel';

const FIELDS: FieldDef[] = [
  { key: 'name', label: '客户名称', kind: 'text' },
  { key: 'industry', label: '行业', kind: 'text' },
];

/** The filter builder inside a list that runs whatever was applied last. */
function List({ initial = [] }: { initial?: FilterCondition[] }) {
  const [applied, setApplied] = useState<FilterCondition[]>(initial);
  return (
    <>
      <RecordFilters fields={FIELDS} applied={applied} onApply={setApplied} />
      <output data-testid="applied">{JSON.stringify(applied)}</output>
    </>
  );
}

const label = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

describe('RecordFilters applying', () => {
  it('keeps the applied rows as they are and drops incomplete ones', async () => {
    mockFetch(() => ({ body: { items: [], next_cursor: null } }));
    const user = userEvent.setup();
    render(
      <TestProviders>
        <List />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    const input = within(screen.getByTestId('filter-row')).getByRole('textbox', { name: '客户名称 值' });
    await user.type(input, '科技');
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    expect(screen.getAllByTestId('filter-row')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: label('应用') }));
    expect(screen.getByTestId('applied').textContent).toBe(
      JSON.stringify([{ field: 'name', op: 'contains', value: '科技' }]),
    );
    // The empty condition goes; the applied one is the same editor, not a rebuilt one.
    await waitFor(() => expect(screen.getAllByTestId('filter-row')).toHaveLength(1));
    expect(within(screen.getByTestId('filter-row')).getByRole('textbox', { name: '客户名称 值' })).toBe(
      input,
    );
    expect((input as HTMLInputElement).value).toBe('科技');
  });

  it('shows a filter applied from elsewhere (a saved view) in place of the edits', async () => {
    mockFetch(() => ({ body: { items: [], next_cursor: null } }));
    const user = userEvent.setup();
    function WithView() {
      const [applied, setApplied] = useState<FilterCondition[]>([]);
      return (
        <>
          <button onClick={() => setApplied([{ field: 'industry', op: 'eq', value: '零售' }])}>view</button>
          <RecordFilters fields={FIELDS} applied={applied} onApply={setApplied} />
        </>
      );
    }
    render(
      <TestProviders>
        <WithView />
      </TestProviders>,
    );
    await user.click(screen.getByRole('button', { name: /添加条件/ }));
    await user.type(screen.getByRole('textbox', { name: '客户名称 值' }), '科技');
    await user.click(screen.getByRole('button', { name: 'view' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: '行业 值' })).toBeTruthy());
    expect((screen.getByRole('textbox', { name: '行业 值' }) as HTMLInputElement).value).toBe('零售');
    expect(screen.queryByRole('textbox', { name: '客户名称 值' })).toBeNull();
  });
});

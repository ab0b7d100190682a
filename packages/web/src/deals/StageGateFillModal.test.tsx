import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { DealBoard } from './DealBoard';
import type { Board, DealCard } from './dealTypes';

const STAGES = [
  { id: 's1', name: '初步接触', kind: 'open', probability: 10, position: 0, gate: null },
  {
    id: 's2',
    name: '签约',
    kind: 'open',
    probability: 60,
    position: 1,
    gate: { required_fields: ['amount', 'custom.contract_no'], on_entry: {} },
  },
  { id: 's3', name: '赢单', kind: 'won', probability: 100, position: 2, gate: null },
  { id: 's4', name: '输单', kind: 'lost', probability: 0, position: 3, gate: null },
];

const DEAL: DealCard = {
  id: 'd1',
  name: '云栖 CRM 项目',
  customer_id: 'c1',
  customer_name: '杭州云栖科技',
  contact_id: null,
  pipeline_id: 'p1',
  stage_id: 's1',
  stage_name: '初步接触',
  stage_kind: 'open',
  status: 'open',
  amount: 0,
  currency: 'CNY',
  expected_close_date: null,
  owner_id: TEST_ME.user.id,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

const board = (stageId: string, amount: number): Board => ({
  pipeline: { id: 'p1', name: '标准销售流程', is_default: true },
  stages: STAGES.map((s) => {
    const deals = s.id === stageId ? [{ ...DEAL, stage_id: s.id, stage_name: s.name, amount }] : [];
    return { ...s, deals, count: deals.length, amount: deals.length ? amount : 0, weighted_amount: 0 };
  }),
  open: { count: 1, amount, weighted_amount: 0 },
});

const REFUSAL = {
  type: 'https://tideline.dev/problems/stage_gate_failed',
  status: 400,
  code: 'stage_gate_failed',
  title: 'To enter stage 签约, fill in Amount, 合同编号',
  errors: [
    { path: 'amount', message: 'Amount is required to enter stage 签约', code: 'stage_gate_required' },
    {
      path: 'custom.contract_no',
      message: '合同编号 is required to enter stage 签约',
      code: 'stage_gate_required',
    },
  ],
  stage_id: 's2',
  stage_name: '签约',
  missing_fields: [
    { path: 'amount', label: 'Amount', type: 'money' },
    { path: 'custom.contract_no', label: '合同编号', type: 'text' },
  ],
  condition_failed: false,
};

afterEach(() => vi.restoreAllMocks());

describe('a move the stage gate refuses', () => {
  it('puts the card back, asks for the missing fields and retries the move with them', async () => {
    let current = board('s1', 0);
    const calls = mockFetch((url, init) => {
      if (url.pathname === '/api/v1/deals/d1' && init.method === 'PATCH') {
        const body = JSON.parse(String(init.body)) as { amount?: number };
        if (body.amount === undefined) return { status: 400, body: REFUSAL };
        current = board('s2', body.amount);
        return { body: current.stages[1]!.deals[0] };
      }
      if (url.pathname === '/api/v1/pipelines/p1/board') return { body: current };
      if (url.pathname === '/api/v1/pipelines')
        return { body: { items: [{ id: 'p1', name: '标准销售流程', is_default: true, stages: STAGES }] } };
      if (url.pathname === '/api/v1/custom-fields')
        return {
          body: {
            items: [
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
            ],
          },
        };
      if (url.pathname === '/api/v1/users') return { body: { items: [], next_cursor: null } };
      return undefined;
    });
    render(
      <TestProviders>
        <DealBoard />
      </TestProviders>,
    );
    await screen.findByText('云栖 CRM 项目');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '移动「云栖 CRM 项目」' }));
    await user.click(await screen.findByRole('menuitem', { name: '签约' }));

    // Ant Design titles every dialog with the same id in tests: find this one by its title text.
    const title = await screen.findByText('进入「签约」前请补全信息');
    const dialog = title.closest<HTMLElement>('[role="dialog"]')!;
    // The card went back to where it was while the person fills in what is missing.
    const column = (name: string) => screen.getByRole('region', { name });
    expect(within(column('初步接触')).getByText('云栖 CRM 项目')).toBeTruthy();
    expect(within(dialog).getByText('「云栖 CRM 项目」需要先填写以下字段才能进入「签约」：')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: '保存并移动' }));
    expect(await within(dialog).findByText('请填写金额')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('金额'), '88000');
    await user.type(within(dialog).getByLabelText('合同编号'), 'HT-2026-001');
    await user.click(within(dialog).getByRole('button', { name: '保存并移动' }));

    await waitFor(() => expect(within(column('签约')).getByText('云栖 CRM 项目')).toBeTruthy());
    const patches = calls.filter((c) => c.method === 'PATCH').map((c) => c.body);
    expect(patches).toEqual([
      { stage_id: 's2' },
      { stage_id: 's2', amount: 88_000_00, custom: { contract_no: 'HT-2026-001' } },
    ]);
    expect(await screen.findByText('「云栖 CRM 项目」已移到「签约」')).toBeTruthy();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders } from '../test/TestProviders';
import { moveDeal } from './boardMoves';
import { DealBoard } from './DealBoard';
import type { Board, BoardColumn, DealCard } from './dealTypes';

const STAGES = [
  { id: 's1', name: '初步接触', kind: 'open', probability: 10, position: 0 },
  { id: 's2', name: '方案报价', kind: 'open', probability: 50, position: 1 },
  { id: 's3', name: '赢单', kind: 'won', probability: 100, position: 2 },
  { id: 's4', name: '输单', kind: 'lost', probability: 0, position: 3 },
];

const card = (id: string, name: string, stage: string, amount: number): DealCard => ({
  id,
  name,
  customer_id: 'c1',
  customer_name: '杭州云栖科技',
  contact_id: null,
  pipeline_id: 'p1',
  stage_id: stage,
  stage_name: STAGES.find((s) => s.id === stage)!.name,
  stage_kind: 'open',
  status: 'open',
  amount,
  currency: 'CNY',
  expected_close_date: null,
  owner_id: TEST_ME.user.id,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
});

function initialBoard(): Board {
  const deals: Record<string, DealCard[]> = {
    s1: [card('d1', '云栖 CRM 项目', 's1', 100_000_00)],
    s2: [card('d2', '西溪门店系统', 's2', 200_000_00)],
  };
  const stages = STAGES.map((s): BoardColumn => {
    const list = deals[s.id] ?? [];
    const amount = list.reduce((n, d) => n + d.amount, 0);
    return {
      ...s,
      deals: list,
      count: list.length,
      amount,
      weighted_amount: Math.round((amount * s.probability) / 100),
    };
  });
  return {
    pipeline: { id: 'p1', name: '标准销售流程', is_default: true },
    stages,
    open: { count: 2, amount: 300_000_00, weighted_amount: 110_000_00 },
  };
}

type Answer = { status: number; body?: unknown };

/** The API the board talks to; PATCH /deals/:id answers when the test says so, and an accepted move sticks. */
function serve() {
  let board = initialBoard();
  let answer: (a: Answer) => void = () => undefined;
  const patches: unknown[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const dealId = /^\/api\/v1\/deals\/([^/]+)$/.exec(url.pathname)?.[1];
    if (dealId && init.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as { stage_id: string; amount?: number };
      patches.push(body);
      const a = await new Promise<Answer>((resolve) => (answer = resolve));
      if (a.status >= 400) return json(a.status, a.body);
      board = moveDeal(
        board,
        dealId,
        body.stage_id,
        body.amount === undefined
          ? {}
          : {
              card: {
                ...board.stages.flatMap((s) => s.deals).find((d) => d.id === dealId)!,
                amount: body.amount,
              },
            },
      );
      const saved = board.stages.flatMap((s) => s.deals).find((d) => d.id === dealId);
      return json(200, saved);
    }
    if (url.pathname === '/api/v1/pipelines/p1/board') return json(200, board);
    if (url.pathname === '/api/v1/pipelines')
      return json(200, { items: [{ id: 'p1', name: '标准销售流程', is_default: true, stages: STAGES }] });
    if (url.pathname === '/api/v1/users')
      return json(200, {
        items: [{ id: TEST_ME.user.id, name: '张伟', email: 'z@x', status: 'active' }],
        next_cursor: null,
      });
    return json(404, { code: 'route_not_found', title: 'no route' });
  }) as typeof fetch;
  return { patches, answer: (a: Answer) => answer(a) };
}

async function open() {
  const server = serve();
  render(
    <TestProviders>
      <DealBoard />
    </TestProviders>,
  );
  await screen.findByText('云栖 CRM 项目');
  return { server, user: userEvent.setup() };
}

const column = (name: string) => screen.getByRole('region', { name });
const count = (name: string) => within(column(name)).getByTestId('stage-count').textContent;
const openTotals = () => screen.getByTestId('board-open-totals').textContent ?? '';

async function moveWithMenu(user: ReturnType<typeof userEvent.setup>, deal: string, stage: string) {
  await user.click(screen.getByRole('button', { name: `移动「${deal}」` }));
  await user.click(await screen.findByRole('menuitem', { name: stage }));
}

afterEach(() => vi.restoreAllMocks());

describe('DealBoard moves', () => {
  it('moves the card at once and puts it back with the reason when the server refuses', async () => {
    const { server, user } = await open();
    expect(openTotals()).toContain('¥300,000.00');
    await moveWithMenu(user, '云栖 CRM 项目', '方案报价');

    // Before the server answers: the card and the totals have moved.
    await waitFor(() => expect(within(column('方案报价')).getByText('云栖 CRM 项目')).toBeTruthy());
    expect(count('初步接触')).toBe('0 个商机');
    expect(count('方案报价')).toBe('2 个商机');
    expect(openTotals()).toContain('¥150,000.00'); // weighted: 300,000 × 50%
    expect(server.patches).toEqual([{ stage_id: 's2' }]);

    server.answer({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors: [{ path: 'stage_id', message: 'fill in the budget before this stage', code: 'stage_gate' }],
      },
    });
    expect(
      await screen.findByText(/未能移动「云栖 CRM 项目」，已恢复原位：阶段：fill in the budget/),
    ).toBeTruthy();
    await waitFor(() => expect(within(column('初步接触')).getByText('云栖 CRM 项目')).toBeTruthy());
    expect(count('初步接触')).toBe('1 个商机');
    expect(count('方案报价')).toBe('1 个商机');
    expect(openTotals()).toContain('¥110,000.00');
  });

  it('asks for the amount on winning, and the totals follow the confirmed amount', async () => {
    const { server, user } = await open();
    await moveWithMenu(user, '西溪门店系统', '赢单');
    const dialog = await screen.findByRole('dialog');
    const amount = within(dialog).getByLabelText('成交金额');
    expect((amount as HTMLInputElement).value).toBe('200000.00');
    await user.clear(amount);
    await user.type(amount, '180000');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));

    await waitFor(() => expect(within(column('赢单')).getByText('西溪门店系统')).toBeTruthy());
    expect(server.patches).toEqual([{ stage_id: 's3', amount: 180_000_00 }]);
    expect(count('赢单')).toBe('1 个商机');
    server.answer({ status: 200 });
    expect(await screen.findByText('「西溪门店系统」已移到「赢单」')).toBeTruthy();
    // Won deals leave the open totals: only the first deal (100,000) is still in play.
    await waitFor(() => expect(openTotals()).toMatch(/进行中 1.*¥100,000\.00/));
  });

  it('will not move a deal into a lost stage without a reason', async () => {
    const { server, user } = await open();
    await moveWithMenu(user, '云栖 CRM 项目', '输单');
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await within(dialog).findByText('请填写输单原因')).toBeTruthy();
    expect(server.patches).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('输单原因'), '预算被砍');
    await user.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(server.patches).toEqual([{ stage_id: 's4', lost_reason: '预算被砍' }]));
    expect(within(column('输单')).getByText('云栖 CRM 项目')).toBeTruthy();
  });
});

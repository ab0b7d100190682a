import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { HandoverPreview, HandoverView } from '@tideline/shared';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { HandoverWizard } from './HandoverWizard';

const ADMIN = {
  ...TEST_ME,
  permissions: [...TEST_ME.permissions, 'users:manage' as const, 'records:transfer' as const],
};
const user = (id: string, name: string) => ({ id, name, email: `${id}@t.cn`, status: 'active' });
const USERS = [user('u-wang', '王五'), user('u-li', '李娜'), user('u-zhao', '赵六'), user('u-boss', '主管')];
const counts = (customer: number, deal = 0, task = 0, lead = 0) => ({ customer, deal, task, lead });

const PREVIEW: HandoverPreview = {
  from_user_id: 'u-wang',
  total: 9,
  counts: counts(5, 2, 1, 1),
  targets: [
    { user_id: 'u-li', share: 1, counts: counts(3, 2, 1, 1) },
    { user_id: 'u-zhao', share: 1, counts: counts(2) },
  ],
  pool: null,
  unassigned_leads: 0,
};

const view = (over: Partial<HandoverView>): HandoverView => ({
  id: 'h1',
  status: 'running',
  from_user_id: 'u-wang',
  actor_id: TEST_ME.user.id,
  to_pool: null,
  deals_to: null,
  leads: 'targets',
  deactivate: false,
  deactivated: false,
  total: 9,
  done: 4,
  planned: counts(5, 2, 1, 1),
  moved: counts(4),
  targets: PREVIEW.targets,
  pooled: 0,
  unassigned_leads: 0,
  error: null,
  created_at: '2026-11-23T02:00:00Z',
  started_at: '2026-11-23T02:00:00Z',
  finished_at: null,
  ...over,
});

function setup(preview: HandoverPreview = PREVIEW) {
  let polls = 0;
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/users') return { body: { items: USERS, next_cursor: null } };
    if (url.pathname === '/api/v1/pools')
      return { body: { items: [{ id: 'p1', name: '华东公海', enabled: true }], me: null } };
    if (url.pathname === '/api/v1/handovers/preview') return { body: preview };
    if (url.pathname === '/api/v1/handovers' && init.method !== 'POST')
      return { body: { items: [view({ id: 'h1' })], next_cursor: null } };
    if (url.pathname === '/api/v1/handovers' && init.method === 'POST')
      return { status: 202, body: view({ status: 'queued', done: 0 }) };
    if (url.pathname === '/api/v1/handovers/h1')
      return {
        body:
          ++polls === 1
            ? view({})
            : view({ status: 'completed', done: 9, moved: counts(5, 2, 1, 1), deactivated: true }),
      };
    return undefined;
  });
  render(
    <TestProviders me={ADMIN}>
      <HandoverWizard />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

/** Ant Design puts a space between the two characters of a Chinese button label ("确 定"). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

async function choose(u: ReturnType<typeof userEvent.setup>, box: HTMLElement, option: string) {
  await u.click(box);
  const found = await screen.findAllByTitle(option);
  await u.click(found[found.length - 1]!);
}

describe('HandoverWizard', () => {
  it('splits among several colleagues: preview per receiver, confirm, then progress until done', async () => {
    const { calls, user: u } = setup();
    await choose(u, await screen.findByRole('combobox', { name: '交出工作的成员' }), '王五');
    await u.click(screen.getByRole('button', { name: label('下一步') }));
    await choose(u, (await screen.findAllByRole('combobox'))[0]!, '李娜');
    await u.click(screen.getByRole('button', { name: /添加接收人/ }));
    await choose(u, screen.getAllByRole('combobox')[1]!, '赵六');
    await u.click(screen.getByRole('checkbox', { name: '交接完成后停用该成员的账号' }));
    await u.click(screen.getByRole('button', { name: label('下一步') }));

    expect(await screen.findByText('王五 名下共 9 条记录，将这样分配：')).toBeTruthy();
    const preview = calls.find((c) => c.url.pathname === '/api/v1/handovers/preview')!;
    expect(preview.body).toEqual({
      from_user_id: 'u-wang',
      to: [
        { user_id: 'u-li', share: 1 },
        { user_id: 'u-zhao', share: 1 },
      ],
      leads: 'targets',
      deactivate: true,
    });
    const li = screen.getAllByRole('row').find((r) => r.textContent?.startsWith('李娜'))!;
    expect(
      within(li)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['李娜', '1', '3', '2', '1']);

    await u.click(screen.getByRole('button', { name: label('开始交接') }));
    const dialog = await screen.findByRole('dialog');
    await u.click(within(dialog).getByRole('button', { name: label('开始交接') }));
    expect(await screen.findByText('已转移 4 / 9 条记录。可以离开此页，完成后你会收到通知。')).toBeTruthy();
    expect(await screen.findByText('交接完成', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByText('王五 的 9 条记录已交接完毕。已停用 王五 的账号。')).toBeTruthy();
    expect(calls.filter((c) => c.url.pathname === '/api/v1/handovers' && c.method === 'POST')).toHaveLength(
      1,
    );
  });

  it('sends the customers to a pool with a colleague for the deals, and shows the pool in the preview', async () => {
    const { calls, user: u } = setup({
      ...PREVIEW,
      targets: [{ user_id: 'u-boss', share: 1, counts: counts(0, 2, 1, 0) }],
      pool: { pool_id: 'p1', customers: 5 },
      unassigned_leads: 1,
    });
    await choose(u, await screen.findByRole('combobox', { name: '交出工作的成员' }), '王五');
    await u.click(screen.getByRole('button', { name: label('下一步') }));
    await u.click(await screen.findByText('退回公海'));
    await choose(u, await screen.findByRole('combobox', { name: '退回到的公海' }), '华东公海');
    await choose(u, screen.getByRole('combobox', { name: '商机和任务交给' }), '主管');
    await u.click(screen.getByRole('button', { name: label('下一步') }));

    const pool = (await screen.findByText('公海「华东公海」')).closest('tr')!;
    expect(
      within(pool)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['公海「华东公海」', '0', '5', '0', '0']);
    expect(screen.getByText('未分配')).toBeTruthy();
    await waitFor(() =>
      expect(calls.find((c) => c.url.pathname === '/api/v1/handovers/preview')?.body).toEqual({
        from_user_id: 'u-wang',
        to_pool: 'p1',
        deals_to: 'u-boss',
        leads: 'unassigned',
        deactivate: false,
      }),
    );
  });

  it('lists recent hand-overs with their progress and reopens one', async () => {
    const { user: u } = setup();
    const row = (await screen.findByText('交接中')).closest('tr')!;
    expect(within(row).getByText('4 / 9')).toBeTruthy();
    expect(within(row).getByText('王五')).toBeTruthy();
    await u.click(within(row).getByRole('button', { name: /查\s?看/ }));
    expect(await screen.findByText('已转移 4 / 9 条记录。可以离开此页，完成后你会收到通知。')).toBeTruthy();
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { Locale } from '../i18n/I18nProvider';
import { PoolCustomerTable } from './PoolCustomerTable';
import type { Pool } from './poolTypes';

const POOL: Pool = {
  id: 'p1',
  name: '华东公海',
  description: null,
  scope: 'company',
  department_id: null,
  source: null,
  hidden_fields: ['phone'],
  daily_claim_limit: 5,
  cooldown_days: 7,
  enabled: true,
  customer_count: 3,
  is_admin: false,
  members: [],
  admins: [],
  rules: [],
  updated_at: '2026-11-20T02:00:00Z',
};

const customer = (id: string, name: string) => ({
  id,
  name,
  level: null,
  source: '展会',
  industry: null,
  region: null,
  phone: null,
  email: `${id}@example.cn`,
  pool_entered_at: '2026-11-10T02:00:00Z',
  days_in_pool: 13,
  times_dropped: 2,
  masked: ['phone'],
});

const COOLDOWN =
  'You lost this customer recently; you can claim it again in 5 days (2026-12-01T02:00:00.000Z)';

function setup(claim: { status: number; body: unknown }, locale: Locale = 'zh-CN') {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/pools/p1/customers')
      return {
        body: {
          items: [customer('c1', '远航科技'), customer('c2', '星河贸易'), customer('c3', '青松制造')],
          next_cursor: null,
        },
      };
    if (url.pathname === '/api/v1/pools/p1/claim' && init.method === 'POST') return claim;
    return undefined;
  });
  render(
    <TestProviders locale={locale} me={{ ...TEST_ME, user: { ...TEST_ME.user, locale } }}>
      <PoolCustomerTable pool={POOL} />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

describe('claiming from a pool', () => {
  it('shows masked fields, days in pool and times dropped', async () => {
    setup({ status: 200, body: { claimed: [], refused: [] } });
    await screen.findByText('远航科技');
    const row = within(rowOf('远航科技'));
    expect(row.getByText('领取后可见')).toBeTruthy();
    expect(row.getByText('13 天')).toBeTruthy();
    expect(row.getByText('2 次')).toBeTruthy();
    expect(row.getByText('c1@example.cn')).toBeTruthy();
  });

  it('claims the selection and shows each refusal next to its customer, the cooldown with its date', async () => {
    const { calls, user } = setup({
      status: 200,
      body: {
        claimed: ['c1'],
        refused: [
          { id: 'c2', index: 1, reason: 'cooldown', message: COOLDOWN },
          {
            id: 'c3',
            index: 2,
            reason: 'cap_reached',
            message: 'You own as many customers as your cap allows; release some first (cap 150)',
          },
        ],
      },
    });
    await screen.findByText('远航科技');
    for (const name of ['远航科技', '星河贸易', '青松制造'])
      await user.click(within(rowOf(name)).getByRole('checkbox'));
    await user.click(screen.getByRole('button', { name: '领取所选（3）' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname.endsWith('/claim'))).toBe(true));
    expect(calls.find((c) => c.url.pathname.endsWith('/claim'))!.body).toEqual({ ids: ['c1', 'c2', 'c3'] });
    expect(
      await within(rowOf('星河贸易')).findByText(/你最近失去了该客户，2026-12-01 \d\d:00 后才能再次领取/),
    ).toBeTruthy();
    expect(within(rowOf('青松制造')).getByText('已达私海上限，请先退回一些客户')).toBeTruthy();
    expect(within(rowOf('远航科技')).queryByRole('alert')).toBeNull();
    expect(await screen.findByText('已领取 1 个，2 个未能领取')).toBeTruthy();
  });

  it('reads a 409 (nothing claimed) per id: someone else was faster', async () => {
    const { user } = setup({
      status: 409,
      body: {
        code: 'already_claimed',
        title: 'Someone else has just claimed this customer',
        errors: [
          { path: 'ids[0]', code: 'already_claimed', message: 'Someone else has just claimed this customer' },
        ],
      },
    });
    await screen.findByText('星河贸易');
    await user.click(screen.getByRole('button', { name: '领取 星河贸易' }));
    expect(await within(rowOf('星河贸易')).findByRole('alert')).toHaveProperty('textContent', '已被他人领取');
  });

  it('in English shows the server’s own sentence, and a daily limit refusal', async () => {
    const { user } = setup(
      {
        status: 409,
        body: {
          code: 'daily_limit',
          title: "You reached today's claim limit for this pool (5 a day)",
          errors: [
            {
              path: 'ids[0]',
              code: 'daily_limit',
              message: "You reached today's claim limit for this pool (5 a day)",
            },
          ],
        },
      },
      'en-US',
    );
    await screen.findByText('青松制造');
    expect(within(rowOf('青松制造')).getByText('Visible after claiming')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Claim 青松制造' }));
    expect(await within(rowOf('青松制造')).findByRole('alert')).toHaveProperty(
      'textContent',
      "You reached today's claim limit for this pool (5 a day)",
    );
  });

  it('a 403 not_member refuses every customer asked for', async () => {
    const { user } = setup({
      status: 403,
      body: { code: 'not_member', title: 'You are not a member of this pool' },
    });
    await screen.findByText('远航科技');
    await user.click(screen.getByRole('button', { name: '领取 远航科技' }));
    expect(await within(rowOf('远航科技')).findByRole('alert')).toHaveProperty(
      'textContent',
      '你不是该公海的成员',
    );
  });
});

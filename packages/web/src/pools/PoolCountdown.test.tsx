import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import type { Locale } from '../i18n/I18nProvider';
import type { Me } from '../api/types';
import { PoolCountdown } from './PoolCountdown';

const OWNED = {
  in_pool: false,
  pool: { id: 'p1', name: '华东公海' },
  rule: { id: 'r1', kind: 'no_follow_up', days: 30 },
  due_at: '2026-11-26T02:00:00.000Z',
  warn_at: '2026-11-23T02:00:00.000Z',
  days_left: 3,
  reason: { zh: '30 天未跟进', en: 'no follow-up for 30 days' },
  countdown: {
    zh: '3 天后因 30 天未跟进回收到公海',
    en: 'Returns to the pool in 3 days: no follow-up for 30 days',
  },
  exemptions: [],
  locked: false,
};

const MANAGER: Me = {
  ...TEST_ME,
  permissions: [...TEST_ME.permissions, 'records:transfer'],
};

function setup(status: unknown, opts: { locale?: Locale; me?: Me } = {}) {
  let current = status;
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/customers/c1/pool-status') return { body: current };
    if (url.pathname === '/api/v1/customers/pool-lock' && init.method === 'POST') {
      current = { ...(current as object), locked: true, countdown: null, exemptions: ['locked'] };
      return { body: { locked: 1 } };
    }
    return undefined;
  });
  const locale = opts.locale ?? 'zh-CN';
  const me = opts.me ?? TEST_ME;
  render(
    <TestProviders locale={locale} me={{ ...me, user: { ...me.user, locale } }}>
      <PoolCountdown customerId="c1" owned />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

describe('the recycle countdown on the customer page', () => {
  it('shows the server’s countdown in Chinese, as a warning inside the warning window', async () => {
    setup(OWNED);
    expect(await screen.findByText('3 天后因 30 天未跟进回收到公海')).toBeTruthy();
    expect(screen.getByTestId('pool-countdown').className).toContain('ant-alert-warning');
    expect(screen.getByRole('button', { name: /退回公海/ })).toBeTruthy();
    // A rep cannot lock key accounts.
    expect(screen.queryByRole('button', { name: /锁定为重点客户/ })).toBeNull();
  });

  it('shows the English sentence in English, as information outside the warning window', async () => {
    setup(
      {
        ...OWNED,
        days_left: 10,
        countdown: {
          zh: '10 天后因 30 天未跟进回收到公海',
          en: 'Returns to the pool in 10 days: no follow-up for 30 days',
        },
      },
      { locale: 'en-US' },
    );
    expect(await screen.findByText('Returns to the pool in 10 days: no follow-up for 30 days')).toBeTruthy();
    expect(screen.getByTestId('pool-countdown').className).toContain('ant-alert-info');
  });

  it('lets a manager lock a key account, which then shows the badge and why it stays', async () => {
    const { calls, user } = setup(OWNED, { me: MANAGER });
    await user.click(await screen.findByRole('button', { name: /锁定为重点客户/ }));
    await waitFor(() =>
      expect(calls.some((c) => c.url.pathname === '/api/v1/customers/pool-lock')).toBe(true),
    );
    expect(calls.find((c) => c.url.pathname === '/api/v1/customers/pool-lock')!.body).toEqual({
      ids: ['c1'],
      locked: true,
    });
    expect(await screen.findByText('不会被自动回收：重点客户已锁定')).toBeTruthy();
    expect(screen.getByText('重点客户')).toBeTruthy();
    expect(screen.getByRole('button', { name: /取消锁定/ })).toBeTruthy();
  });

  it('says which pool a customer waits in', async () => {
    setup({
      in_pool: true,
      pool: { id: 'p1', name: '华东公海' },
      pool_entered_at: null,
      days_in_pool: 4,
      times_dropped: 1,
    });
    expect(await screen.findByText('该客户在公海“华东公海”中，已 4 天')).toBeTruthy();
  });
});

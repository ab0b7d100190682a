import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { AutomationList } from './AutomationList';

const ADMIN = {
  ...TEST_ME,
  permissions: [...TEST_ME.permissions, 'automations:read' as const, 'automations:manage' as const],
};

const ITEM = {
  id: 'a1',
  name: '客户转移通知',
  notes: '客户被转移时通知新旧负责人',
  owner_id: TEST_ME.user.id,
  enabled: false,
  version: 2,
  trigger_type: 'owner_changed',
  entity: 'customer',
  template_key: 'owner_changed',
  last_run_at: '2026-11-22T02:00:00Z',
  last_run_status: 'failed',
  webhook_path: null,
  definition: {
    trigger: { type: 'owner_changed', entity: 'customer' },
    steps: [{ id: 's', kind: 'action', params: { action: 'add_tags', tags: ['x'] } }],
  },
  health: { runs_7d: 12, failed_7d: 3 },
  created_at: '2026-11-20T02:00:00Z',
  updated_at: '2026-11-20T02:00:00Z',
};

function setup(patch: { status: number; body: unknown }) {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/automations' && init.method === 'GET') return { body: { items: [ITEM] } };
    if (url.pathname === '/api/v1/automations/a1' && init.method === 'PATCH') return patch;
    if (url.pathname === '/api/v1/users')
      return {
        body: {
          items: [{ id: TEST_ME.user.id, name: '张伟', email: 'z', status: 'active' }],
          next_cursor: null,
        },
      };
    if (url.pathname === '/api/v1/pipelines') return { body: { items: [] } };
    return undefined;
  });
  render(
    <TestProviders me={ADMIN}>
      <AutomationList />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup({ pointerEventsCheck: 0 }) };
}

describe('AutomationList', () => {
  it('shows the trigger, owner, last run and the week’s health of each automation', async () => {
    setup({ status: 200, body: { ...ITEM, enabled: true } });
    expect(await screen.findByText('客户 负责人变更时')).toBeTruthy();
    expect(screen.getByText('张伟')).toBeTruthy();
    expect(screen.getByText('v2')).toBeTruthy();
    expect(screen.getByText('失败')).toBeTruthy();
    expect(screen.getByText('12 次')).toBeTruthy();
    expect(screen.getByText('失败 3')).toBeTruthy();
    expect(screen.getByRole('link', { name: /工作日历/ }).getAttribute('href')).toBe('/settings/calendar');
  });

  it('switches an automation on at once and puts it back when the server refuses', async () => {
    const { calls, user } = setup({ status: 403, body: { code: 'forbidden', title: 'Forbidden' } });
    const toggle = await screen.findByRole('switch', { name: '启用 客户转移通知' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    await user.click(toggle);
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ enabled: true });
    expect(await screen.findByText(/没有改成/)).toBeTruthy();
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { PoolFormDrawer } from './settings/PoolFormDrawer';
import { formPath, formToBody, NEW_POOL, NEW_RULE } from './settings/poolFormModel';

const ADMIN = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'pools:manage' as const] };

describe('the recycle rule editor', () => {
  it('puts the server’s 400 on the rule field it names (rules[0].warn_days) and members on members', async () => {
    const calls = mockFetch((url, init) => {
      if (url.pathname === '/api/v1/pools' && init.method === 'POST')
        return {
          status: 400,
          body: {
            code: 'validation_failed',
            title: 'The request has invalid fields',
            errors: [
              {
                path: 'rules[0].warn_days',
                message: 'the warning (30 days before) must be shorter than the recycle period (30 days)',
              },
              { path: 'members', message: 'a pool needs at least one member' },
            ],
          },
        };
      if (url.pathname === '/api/v1/users') return { body: { items: [], next_cursor: null } };
      if (url.pathname === '/api/v1/departments') return { body: { items: [] } };
      return undefined;
    });
    render(
      <TestProviders me={ADMIN}>
        <PoolFormDrawer pool={null} open onClose={() => undefined} />
      </TestProviders>,
    );
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.type(await screen.findByLabelText('名称'), '华东公海');
    await user.click(screen.getByRole('button', { name: /添加回收规则/ }));
    const rule = await screen.findByTestId('rule-0');
    const warn = within(rule).getByLabelText('提前提醒天数');
    await user.clear(warn);
    await user.type(warn, '30');
    await user.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const body = calls.find((c) => c.method === 'POST')!.body as { rules: unknown[] };
    expect(body.rules[0]).toMatchObject({ kind: 'no_follow_up', days: 30, warn_days: 30, days_by_level: {} });
    expect(
      await within(rule).findByText(
        'the warning (30 days before) must be shorter than the recycle period (30 days)',
      ),
    ).toBeTruthy();
    expect(screen.getByText('a pool needs at least one member')).toBeTruthy();
  });

  it('maps level and member paths of the request back to the form’s own fields', () => {
    const values = {
      ...NEW_POOL,
      member_users: ['u1'],
      member_departments: ['d1', 'd2'],
      rules: [
        {
          ...NEW_RULE,
          levels: [
            { level: '普通', days: 20 },
            { level: '高价值', days: 0 },
          ],
        },
      ],
    };
    expect(formPath('rules[0].days_by_level.高价值', values)).toBe('rules[0].levels[1].days');
    expect(formPath('members[2].id', values)).toBe('member_departments');
    expect(formPath('members[0].id', values)).toBe('member_users');
    expect(formPath('rules[0].warn_days', values)).toBe('rules[0].warn_days');
    expect(formToBody(values).rules[0]!.days_by_level).toEqual({ 普通: 20, 高价值: 0 });
    expect(formToBody(values).members).toEqual([
      { type: 'user', id: 'u1' },
      { type: 'department', id: 'd1' },
      { type: 'department', id: 'd2' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DuplicateRules } from '@tideline/shared';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { DuplicateRulesPage } from './DuplicateRulesPage';

const RULES: DuplicateRules = {
  customer: [
    { field: 'name', match: 'exact', action: 'block' },
    { field: 'name', match: 'fuzzy', action: 'warn', threshold: 0.85 },
    { field: 'phone', match: 'exact', action: 'block' },
  ],
  contact: [{ field: 'mobile', match: 'exact', action: 'warn' }],
  lead: [
    { field: 'mobile', match: 'exact', action: 'warn', against: ['lead', 'contact'] },
    { field: 'custom.gone', match: 'exact', action: 'warn' },
  ],
};
const ADMIN = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'fields:manage' as const] };

function setup(put?: { status: number; body: unknown }) {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/custom-fields') {
      const entity = url.searchParams.get('entity');
      return {
        body: {
          items:
            entity === 'customer'
              ? [
                  {
                    key: 'uscc',
                    label: '统一社会信用代码',
                    type: 'text',
                    options: [],
                    required: false,
                    position: 1,
                  },
                ]
              : [],
        },
      };
    }
    if (url.pathname === '/api/v1/settings/duplicate-rules') {
      if (init.method === 'PUT') return put ?? { body: JSON.parse(String(init.body)) as unknown };
      return { body: RULES };
    }
    return undefined;
  });
  render(
    <TestProviders me={ADMIN}>
      <DuplicateRulesPage />
    </TestProviders>,
  );
  return { calls, user: userEvent.setup() };
}

const rule = (n: number) => screen.getByRole('group', { name: `查重规则 ${n}` });
const save = () => screen.getByRole('button', { name: /^保\s?存$/ });
const puts = (calls: ReturnType<typeof mockFetch>) => calls.filter((c) => c.method === 'PUT');

async function choose(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, option: string) {
  await user.click(box);
  const found = await screen.findAllByTitle(option);
  await user.click(found[found.length - 1]!);
}

describe('DuplicateRulesPage', () => {
  it('edits the rules of an entity and saves every entity with PUT', async () => {
    const { calls, user } = setup();
    await screen.findByRole('group', { name: '查重规则 3' });
    // The similar-name rule shows its threshold; exact rules have none.
    expect(within(rule(2)).getByRole('spinbutton', { name: '相似度阈值' })).toBeTruthy();
    expect(within(rule(1)).queryByRole('spinbutton')).toBeNull();

    await choose(user, within(rule(3)).getByRole('combobox', { name: '处理方式' }), '提醒');
    await user.click(screen.getByRole('button', { name: /添加规则/ }));
    await choose(user, within(rule(4)).getByRole('combobox', { name: '字段' }), '自定义：统一社会信用代码');
    await choose(user, within(rule(4)).getByRole('combobox', { name: '处理方式' }), '阻止');
    await user.click(save());

    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    expect(puts(calls)[0]!.body).toEqual({
      ...RULES,
      customer: [
        RULES.customer[0],
        RULES.customer[1],
        { field: 'phone', match: 'exact', action: 'warn' },
        { field: 'custom.uscc', match: 'exact', action: 'block' },
      ],
    });
    expect(await screen.findByText('查重规则已保存')).toBeTruthy();
  });

  it('only company names can match by similarity', async () => {
    const { user } = setup();
    await screen.findByRole('group', { name: '查重规则 3' });
    await user.click(within(rule(3)).getByRole('combobox', { name: '匹配方式' }));
    const similar = await screen.findAllByTitle('名称相似');
    expect(
      similar[similar.length - 1]!.getAttribute('aria-disabled') ?? similar[similar.length - 1]!.className,
    ).toMatch(/true|disabled/);
  });

  it('shows the server’s 400 on the rule it names, in its entity’s tab', async () => {
    const { calls, user } = setup({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors: [{ path: 'lead[1].field', message: 'unknown field custom.gone', code: 'unknown_field' }],
      },
    });
    await screen.findByRole('group', { name: '查重规则 3' });
    await user.click(save());
    await waitFor(() => expect(puts(calls)).toHaveLength(1));
    // The page switches to 线索, where the second rule carries the message.
    const bad = await screen.findByRole('group', { name: '查重规则 2' });
    expect(within(bad).getByRole('alert').textContent).toBe('unknown field custom.gone');
    expect(within(rule(1)).queryByRole('alert')).toBeNull();
    expect(await screen.findByText('未能保存，请检查标红的规则')).toBeTruthy();
  });

  it('places a body-schema error (body.customer.1.threshold) on its row too', async () => {
    const { user } = setup({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'invalid',
        errors: [{ path: 'body.customer.1.threshold', message: 'Too small: expected number to be >=0.5' }],
      },
    });
    await screen.findByRole('group', { name: '查重规则 3' });
    await user.click(save());
    const alert = await within(rule(2)).findByRole('alert');
    expect(alert.textContent).toContain('>=0.5');
    expect(within(rule(1)).queryByRole('alert')).toBeNull();
  });
});

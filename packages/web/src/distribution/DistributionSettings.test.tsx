import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { DistributionSettings } from './DistributionSettings';
import { formToBody, ruleToForm } from './distributionFormModel';

const ADMIN = { ...TEST_ME, permissions: [...TEST_ME.permissions, 'distribution:manage' as const] };
const USERS = [
  { id: '0193a1b2-0000-7000-8000-0000000000a1', name: '张三', email: 'a@t.cn', status: 'active' },
  { id: '0193a1b2-0000-7000-8000-0000000000a2', name: '李四', email: 'b@t.cn', status: 'active' },
];
const rule = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  entity: 'lead',
  name,
  position: 0,
  enabled: true,
  conditions: null,
  method: { type: 'round_robin', user_ids: USERS.map((u) => u.id) },
  created_at: '2026-11-23T02:00:00Z',
  updated_at: '2026-11-23T02:00:00Z',
  ...extra,
});
const RULES = [
  rule('r1', '官网线索', { conditions: { all: [{ field: 'source', op: 'eq', value: '官网' }] } }),
  rule('r2', '华南映射', {
    method: { type: 'mapping', field: 'region', table: [{ value: '广东', user_id: USERS[1]!.id }] },
  }),
];

function serve(extra?: (url: URL, init: RequestInit) => { status?: number; body?: unknown } | undefined) {
  return mockFetch((url, init) => {
    const hit = extra?.(url, init);
    if (hit) return hit;
    if (url.pathname === '/api/v1/distribution-rules' && (init.method ?? 'GET') === 'GET')
      return {
        body: {
          items: RULES,
          fallbacks: [
            { entity: 'lead', kind: 'creator', pool_id: null, pool_name: null },
            { entity: 'customer', kind: 'creator', pool_id: null, pool_name: null },
          ],
        },
      };
    if (url.pathname === '/api/v1/users') return { body: { items: USERS, next_cursor: null } };
    if (url.pathname === '/api/v1/departments') return { body: { items: [] } };
    if (url.pathname === '/api/v1/custom-fields') return { body: { items: [] } };
    if (url.pathname === '/api/v1/pools') return { body: { items: [], me: null } };
    return undefined;
  });
}

describe('lead distribution settings', () => {
  it('the tester sends the filled fields and shows who would get the lead, why, and each rule’s part', async () => {
    const calls = serve((url, init) =>
      url.pathname === '/api/v1/distribution-rules/test' && init.method === 'POST'
        ? {
            body: {
              owner_id: USERS[1]!.id,
              owner_name: '李四',
              pool_id: null,
              pool_name: null,
              rule_id: 'r2',
              rule_name: '华南映射',
              reason: '按地区映射：广东 → 李四',
              reason_en: 'Mapped by region: 广东 → 李四',
              steps: [
                {
                  rule_id: 'r1',
                  rule_name: '官网线索',
                  outcome: 'no_match',
                  reason: '条件不满足',
                  reason_en: 'x',
                },
                {
                  rule_id: 'r2',
                  rule_name: '华南映射',
                  outcome: 'chosen',
                  reason: '按地区映射：广东 → 李四',
                  reason_en: 'y',
                },
              ],
            },
          }
        : undefined,
    );
    render(
      <TestProviders me={ADMIN}>
        <DistributionSettings />
      </TestProviders>,
    );
    expect(await screen.findByText('官网线索')).toBeTruthy();
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.type(screen.getByLabelText('地区'), '广东');
    await user.type(screen.getByLabelText('电话'), '13800001111');
    await user.click(screen.getByRole('button', { name: /试一试/ }));
    const result = await screen.findByTestId('tester-result');
    const post = calls.find((c) => c.url.pathname.endsWith('/test'))!;
    expect(post.body).toEqual({ entity: 'lead', record: { region: '广东', mobile: '13800001111' } });
    expect(within(result).getByText('李四')).toBeTruthy();
    expect(within(result).getAllByText('按地区映射：广东 → 李四').length).toBeGreaterThan(0);
    expect(within(result).getByText('不匹配')).toBeTruthy();
    expect(within(result).getByText('条件不满足')).toBeTruthy();
  });

  it('moves a rule down by sending the new order', async () => {
    const calls = serve((url, init) =>
      url.pathname === '/api/v1/distribution-rules/reorder' && init.method === 'POST'
        ? { body: { items: [RULES[1], RULES[0]] } }
        : undefined,
    );
    render(
      <TestProviders me={ADMIN}>
        <DistributionSettings />
      </TestProviders>,
    );
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.click(await screen.findByRole('button', { name: '下移 官网线索' }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname.endsWith('/reorder'))).toBe(true));
    expect(calls.find((c) => c.url.pathname.endsWith('/reorder'))!.body).toEqual({
      entity: 'lead',
      ids: ['r2', 'r1'],
    });
    expect((screen.getByRole('button', { name: '上移 官网线索' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('puts the server’s 400 on the field it names (method.capacity)', async () => {
    const calls = serve((url, init) =>
      url.pathname === '/api/v1/distribution-rules' && init.method === 'POST'
        ? {
            status: 400,
            body: {
              code: 'validation_failed',
              title: 'The request has invalid fields',
              errors: [{ path: 'method.capacity', message: 'must be at least 1', code: 'too_small' }],
            },
          }
        : undefined,
    );
    render(
      <TestProviders me={ADMIN}>
        <DistributionSettings />
      </TestProviders>,
    );
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    await user.click(await screen.findByRole('button', { name: /新建规则/ }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('名称'), '负载均衡');
    await user.click(within(dialog).getByLabelText('分配方式'));
    await user.click(await screen.findByTitle('最少负载'));
    await user.type(await within(dialog).findByLabelText('每人最多未完成记录数'), '0');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({
      entity: 'lead',
      name: '负载均衡',
      method: { type: 'least_loaded', user_ids: [], capacity: 0 },
    });
    // The field's own error, worded by the app for the code (zh-CN).
    expect(await within(dialog).findByText('内容太短或数值太小')).toBeTruthy();
  });
});

describe('the rule form model', () => {
  it('round-trips a mapping rule and turns condition rows into an all-tree', () => {
    const r = RULES[1] as unknown as Parameters<typeof ruleToForm>[0];
    const form = ruleToForm(r);
    form.conds = [
      { field: 'source', op: 'in', value: '官网, 展会，百度' },
      { field: 'industry', op: 'not_empty' },
    ];
    expect(formToBody(form)).toEqual({
      name: '华南映射',
      enabled: true,
      conditions: {
        all: [
          { field: 'source', op: 'in', value: ['官网', '展会', '百度'] },
          { field: 'industry', op: 'not_empty' },
        ],
      },
      method: { type: 'mapping', field: 'region', table: [{ value: '广东', user_id: USERS[1]!.id }] },
    });
  });
});

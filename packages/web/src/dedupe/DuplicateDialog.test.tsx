import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DuplicateMatch } from '@tideline/shared';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { CustomerForm } from '../customers/CustomerForm';
import { LeadForm } from '../leads/LeadForm';

const owned: DuplicateMatch = {
  entity: 'customer',
  field: 'name',
  rule: { field: 'name', match: 'exact', action: 'block' },
  visible: false,
  owner_name: '张三',
  in_pool: false,
};
const similar: DuplicateMatch = {
  entity: 'customer',
  field: 'name',
  rule: { field: 'name', match: 'fuzzy', action: 'warn' },
  visible: true,
  record_id: 'c-old',
  name: '杭州云帆网络科技有限公司',
  owner_name: '张伟',
  in_pool: false,
  similarity: 0.95,
};

/** The create form with a server that answers each POST in turn. */
function setup(
  form: 'customer' | 'lead',
  answers: { status: number; body: unknown }[],
  locale: 'zh-CN' | 'en-US' = 'zh-CN',
) {
  const path = form === 'customer' ? '/api/v1/customers' : '/api/v1/leads';
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/custom-fields') return { body: { items: [] } };
    if (url.pathname === '/api/v1/users')
      return {
        body: { items: [{ id: TEST_ME.user.id, name: '张伟', email: TEST_ME.user.email, status: 'active' }] },
      };
    if (url.pathname === path && init.method === 'POST') return answers.shift();
    return undefined;
  });
  const onCreated = vi.fn();
  const Form = form === 'customer' ? CustomerForm : LeadForm;
  render(
    <TestProviders locale={locale} me={{ ...TEST_ME, user: { ...TEST_ME.user, locale } }}>
      <Form open onClose={vi.fn()} onCreated={onCreated} />
    </TestProviders>,
  );
  const posts = () => calls.filter((c) => c.method === 'POST');
  return { posts, onCreated, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: /^(保\s?存|Save)$/ });

/** The dialog showing this title (antd gives every modal the same test id, so names do not resolve). */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title' });
  return heading.closest('[role="dialog"]') as HTMLElement;
}

describe('the duplicate dialog on create', () => {
  it('says who owns a customer that already exists, without its details, and offers no way past a block', async () => {
    const { posts, onCreated, user } = setup('customer', [
      {
        status: 409,
        body: { code: 'duplicate', title: 'A customer with this name already exists', matches: [owned] },
      },
    ]);
    await user.type(screen.getByLabelText('客户名称'), '杭州云帆网络科技');
    await user.click(save());
    const dialog = await dialogTitled('客户已存在');
    expect(within(dialog).getByText('客户已存在，负责人：张三（名称相同）')).toBeTruthy();
    expect(within(dialog).queryByRole('link')).toBeNull();
    expect(within(dialog).queryByRole('button', { name: '仍然创建' })).toBeNull();
    expect(posts()).toHaveLength(1);
    expect(posts()[0]!.url.searchParams.get('allow_duplicate')).toBe('false');
    expect(onCreated).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: /知道了/ }));
    await waitFor(() =>
      expect(screen.queryByText('客户已存在', { selector: '.ant-modal-title' })).toBeNull(),
    );
  });

  it('shows a similar customer with a link, and creates anyway when confirmed', async () => {
    const { posts, onCreated, user } = setup('customer', [
      { status: 409, body: { code: 'duplicate_warning', title: 'similar', matches: [similar] } },
      { status: 201, body: { id: 'c-new', duplicate_warnings: [similar] } },
    ]);
    await user.type(screen.getByLabelText('客户名称'), '云帆网络科技');
    await user.click(save());
    const dialog = await dialogTitled('可能与已有记录重复');
    expect(
      within(dialog).getByText('客户“杭州云帆网络科技有限公司”已存在，负责人：张伟（名称相似 95%）'),
    ).toBeTruthy();
    expect(within(dialog).getByRole('link', { name: '查看' }).getAttribute('href')).toBe('/customers/c-old');
    await user.click(within(dialog).getByRole('button', { name: '仍然创建' }));
    await waitFor(() =>
      expect(onCreated).toHaveBeenCalledWith({ id: 'c-new', duplicate_warnings: [similar] }),
    );
    expect(posts().map((p) => p.url.searchParams.get('allow_duplicate'))).toEqual(['false', 'true']);
    expect(posts()[1]!.body).toEqual(posts()[0]!.body);
  });

  it('speaks English on the lead form, and a lead matching a pooled customer says so', async () => {
    const pooled: DuplicateMatch = {
      ...owned,
      rule: { field: 'company_name', match: 'fuzzy', action: 'warn' },
      owner_name: null,
      in_pool: true,
    };
    const { onCreated, user } = setup(
      'lead',
      [{ status: 409, body: { code: 'duplicate_warning', title: 'x', matches: [pooled] } }],
      'en-US',
    );
    await user.type(screen.getByLabelText('Name'), 'Mr Chen');
    await user.click(save());
    const dialog = await dialogTitled('This may be a duplicate');
    expect(
      within(dialog).getByText('A customer already exists, in a public pool (same company name)'),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(onCreated).not.toHaveBeenCalled();
  });
});

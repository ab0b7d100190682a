import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders, mockFetch } from '../test/TestProviders';
import { CustomerForm } from './CustomerForm';

const CUSTOM_FIELDS = [
  {
    id: 'f1',
    entity: 'customer',
    key: 'budget',
    label: '年度预算',
    type: 'money',
    options: [],
    required: false,
    position: 1,
  },
  {
    id: 'f2',
    entity: 'customer',
    key: 'tier',
    label: '客户分层',
    type: 'select',
    options: [{ value: 'a', label: 'A 类' }],
    required: true,
    position: 2,
  },
];

function setup(postAnswer: { status: number; body: unknown }) {
  const calls = mockFetch((url, init) => {
    if (url.pathname === '/api/v1/custom-fields') return { body: { items: CUSTOM_FIELDS } };
    if (url.pathname === '/api/v1/users')
      return {
        body: {
          items: [{ id: TEST_ME.user.id, name: '张伟', email: TEST_ME.user.email, status: 'active' }],
          next_cursor: null,
        },
      };
    if (url.pathname === '/api/v1/customers' && init.method === 'POST') return postAnswer;
    return undefined;
  });
  const onClose = vi.fn();
  const onCreated = vi.fn();
  render(
    <TestProviders>
      <CustomerForm open onClose={onClose} onCreated={onCreated} />
    </TestProviders>,
  );
  return { calls, onClose, onCreated, user: userEvent.setup() };
}

const save = () => screen.getByRole('button', { name: /^保\s?存$/ });

async function fill(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('客户名称'), '北京华信科技');
  await user.type(screen.getByLabelText('邮箱'), 'bad@');
  await user.type(await screen.findByLabelText('年度预算'), '12345');
  await user.click(screen.getByLabelText('客户分层'));
  await user.click(await screen.findByTitle('A 类'));
}

describe('CustomerForm', () => {
  it('renders custom fields by type and requires the required ones before sending', async () => {
    const { calls, user } = setup({ status: 201, body: { id: 'c1' } });
    await user.type(screen.getByLabelText('客户名称'), '北京华信科技');
    await screen.findByLabelText('年度预算');
    await user.click(save());
    expect(await screen.findByText('请填写客户分层')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it('puts the API’s field errors next to their fields, custom fields included', async () => {
    const { calls, user, onCreated } = setup({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors: [
          { path: 'email', message: 'must be an email', code: 'invalid_format' },
          { path: 'custom.budget', message: 'must be at most 1000000', code: 'too_big' },
        ],
      },
    });
    await fill(user);
    await user.click(save());
    expect(await screen.findByText('格式不正确')).toBeTruthy();
    expect(screen.getByText('内容太长或数值太大')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
    const post = calls.find((c) => c.method === 'POST')!;
    // Empty optional fields are left out; money goes in fen; CSRF rides along.
    expect(post.body).toEqual({
      name: '北京华信科技',
      email: 'bad@',
      status: 'potential',
      owner_id: TEST_ME.user.id,
      custom: { budget: 1234500, tier: 'a' },
    });
    expect(post.headers['x-csrf-token']).toBe('csrf-test');
  });

  it('shows errors that name no field above the form', async () => {
    const { user } = setup({
      status: 409,
      body: {
        code: 'duplicate',
        title: 'A customer with this phone exists',
        errors: [{ path: 'duplicates[0]', message: '北京华信', code: 'duplicate' }],
      },
    });
    await fill(user);
    await user.click(save());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A customer with this phone exists');
    expect(alert.textContent).toContain('duplicates[0]');
  });

  it('closes and hands over the new record on success', async () => {
    const { user, onClose, onCreated } = setup({ status: 201, body: { id: 'c-new', name: '北京华信科技' } });
    await fill(user);
    await user.click(save());
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith({ id: 'c-new', name: '北京华信科技' }));
    expect(onClose).toHaveBeenCalled();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TEST_ME, TestProviders } from '../test/TestProviders';
import type { Customer360 } from './customer360Api';
import { Customer360View } from './Customer360Page';
import { savedEntry } from './followUp';
import type { ActivityView } from './followUp';

const CUSTOMER_ID = '0193a1b2-0000-7000-8000-0000000000c1';
const EARLIER = '2026-11-01T02:00:00.000Z';

const VIEW: Customer360 = {
  customer: {
    id: CUSTOMER_ID,
    name: '杭州云栖科技',
    status: 'active',
    phone: null,
    owner_id: TEST_ME.user.id,
    last_contact_at: EARLIER,
    tags: [],
    custom: {},
    created_at: '2026-10-01T00:00:00.000Z',
    updated_at: EARLIER,
  },
  contacts: [
    {
      id: 'k1',
      name: '王芳',
      title: '采购经理',
      mobile: null,
      phone: null,
      email: null,
      wechat: null,
      is_primary: 1,
    },
  ],
  open_deals: [],
  timeline: {
    items: [
      {
        key: 'activity:a0',
        type: 'activity',
        at: EARLIER,
        actor: { id: TEST_ME.user.id, name: '张伟' },
        activity_id: 'a0',
        kind: 'note',
        content: '第一次接触',
        contact_id: null,
        deal_id: null,
        lead_id: null,
      },
    ],
    next_cursor: null,
  },
  counts: { contacts: 1, deals: 0, open_deals: 0, won_deals: 0, activities: 1, open_tasks: 0 },
};

type Answer = { status: number; body: unknown };

function accepted(view: Customer360, a: ActivityView): Customer360 {
  return {
    ...view,
    customer: { ...view.customer, last_contact_at: a.occurred_at },
    timeline: { ...view.timeline, items: [savedEntry(a), ...view.timeline.items] },
    counts: { ...view.counts, activities: view.counts.activities + 1 },
  };
}

/**
 * A fetch whose POST /activities answers only when the test says so; a follow-up it accepts is part
 * of the customer's later answers, as on the real server.
 */
function serve() {
  let answer: (a: Answer) => void = () => undefined;
  const posts: unknown[] = [];
  let view = VIEW;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/v1/activities' && init.method === 'POST') {
      posts.push(JSON.parse(String(init.body)));
      const a = await new Promise<Answer>((resolve) => (answer = resolve));
      if (a.status === 201) view = accepted(view, a.body as ActivityView);
      return json(a.status, a.body);
    }
    if (url.pathname === `/api/v1/customers/${CUSTOMER_ID}/360`) return json(200, view);
    if (url.pathname === `/api/v1/customers/${CUSTOMER_ID}/timeline`) return json(200, view.timeline);
    if (url.pathname === '/api/v1/users')
      return json(200, {
        items: [{ id: TEST_ME.user.id, name: '张伟', email: 'z@x', status: 'active' }],
        next_cursor: null,
      });
    if (
      url.pathname === '/api/v1/custom-fields' ||
      url.pathname === '/api/v1/pipelines' ||
      url.pathname === '/api/v1/tags'
    )
      return json(200, { items: [] });
    return json(404, { code: 'route_not_found', title: 'no route' });
  }) as typeof fetch;
  return { posts, answer: (a: Answer) => answer(a) };
}

async function open() {
  const server = serve();
  render(
    <TestProviders>
      <Customer360View id={CUSTOMER_ID} />
    </TestProviders>,
  );
  await screen.findByText('第一次接触');
  return { server, user: userEvent.setup() };
}

const lastContact = () => screen.getByTestId('last-contact').textContent ?? '';
const feed = () => screen.getByRole('feed');

afterEach(() => vi.restoreAllMocks());

describe('FollowUpBox', () => {
  it('shows the follow-up on the timeline and moves the last-contact date before the server answers', async () => {
    const { server, user } = await open();
    expect(lastContact()).toContain('2026-11-01');
    await user.click(screen.getByText('拜访'));
    await user.type(screen.getByLabelText('记录跟进'), '上门拜访，确认二期需求');
    await user.click(screen.getByRole('button', { name: /保存跟进/ }));
    const entry = await screen.findByText('上门拜访，确认二期需求');
    expect(entry.closest('.tl-entry')?.className).toContain('tl-entry-pending');
    expect(within(feed()).getByText('保存中…')).toBeTruthy();
    expect(lastContact()).not.toContain('2026-11-01');
    expect(screen.getByLabelText<HTMLTextAreaElement>('记录跟进').value).toBe('');
    expect(server.posts).toEqual([
      { kind: 'visit', content: '上门拜访，确认二期需求', customer_id: CUSTOMER_ID },
    ]);

    server.answer({
      status: 201,
      body: {
        id: 'a1',
        kind: 'visit',
        content: '上门拜访，确认二期需求',
        contact_id: null,
        deal_id: null,
        lead_id: null,
        occurred_at: '2026-11-23T06:00:00.000Z',
        author_id: TEST_ME.user.id,
        author_name: '张伟',
      },
    });
    await waitFor(() => expect(lastContact()).toContain('2026-11-23'));
    await waitFor(() =>
      expect(
        within(feed()).getByText('上门拜访，确认二期需求').closest('.tl-entry')?.className,
      ).not.toContain('pending'),
    );
    expect(await screen.findByText('跟进已记录')).toBeTruthy();
  });

  it('takes the entry back, restores the date and returns the text when the server refuses', async () => {
    const { server, user } = await open();
    await user.type(screen.getByLabelText('记录跟进'), '电话没打通');
    await user.click(screen.getByRole('button', { name: /保存跟进/ }));
    await screen.findByText('电话没打通');
    expect(lastContact()).not.toContain('2026-11-01');

    server.answer({
      status: 400,
      body: {
        code: 'validation_failed',
        title: 'The request has invalid fields',
        errors: [{ path: 'customer_id', message: 'no such customer', code: 'not_found' }],
      },
    });
    expect(await screen.findByText(/跟进未保存，已撤回：customer_id：找不到该记录/)).toBeTruthy();
    await waitFor(() => expect(within(feed()).queryByText('电话没打通')).toBeNull());
    expect(lastContact()).toContain('2026-11-01');
    expect(within(feed()).getByText('第一次接触')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('记录跟进').value).toBe('电话没打通');
  });

  it('asks for content instead of sending an empty follow-up', async () => {
    const { server, user } = await open();
    await user.type(screen.getByLabelText('记录跟进'), '   ');
    await user.click(screen.getByRole('button', { name: /保存跟进/ }));
    expect(await screen.findByText('请填写跟进内容')).toBeTruthy();
    expect(server.posts).toHaveLength(0);
  });
});

import type { Page } from 'playwright-core';
import { expect, LOGINS, NAMES, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name =
  'a customer idle for 30 days warns its owner, drops to the pool, the owner cannot reclaim it in the cooldown, another rep claims it';

interface Pool {
  id: string;
}
interface Customer {
  id: string;
  owner_id: string | null;
}

/**
 * Move the server's clock (TIDELINE_TEST_CLOCK=1, set by e2e/run.ts) and run the pool sweep at the
 * new time. Public on purpose: a jump of weeks ends the sessions made before it.
 */
async function moveClock(ctx: JourneyContext, body: Record<string, unknown>) {
  const res = await fetch(`${ctx.baseUrl}/api/v1/test/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok, `POST /test/clock answered ${res.status}: is TIDELINE_TEST_CLOCK set?`);
  return (await res.json()) as { now: string; swept: number };
}

export async function run(page: Page, ctx: JourneyContext) {
  try {
    await journey(page, ctx);
  } finally {
    // Later journeys expect today; the customers this one moved stay where they are.
    await moveClock(ctx, { reset: true, sweep: false });
  }
}

async function journey(page: Page, ctx: JourneyContext) {
  const source = `旅程来源${ctx.unique}`;
  const customerName = `回收客户${ctx.unique}`;

  ctx.step('the admin sets up a pool for one lead source: 30 days without follow-up, warned 3 days before');
  const admin = await ctx.api(LOGINS.admin);
  const li = await ctx.api(LOGINS.repShanghai);
  const zhang = await ctx.api(LOGINS.repHangzhou);
  const pool = await admin.post<Pool>('/pools', {
    name: `旅程公海${ctx.unique}`,
    scope: 'source',
    source,
    members: [
      { type: 'user', id: li.userId },
      { type: 'user', id: zhang.userId },
    ],
    cooldown_days: 7,
    rules: [{ kind: 'no_follow_up', days: 30, warn_days: 3 }],
  });
  const customer = await li.post<Customer>('/customers', { name: customerName, source });

  ctx.step('28 days pass without a follow-up: the sweep warns 李娜');
  await moveClock(ctx, { advance_days: 28 });
  await ctx.login(page, LOGINS.repShanghai);
  await page.getByRole('button', { name: '通知' }).click();
  await seeText(page, `${customerName}」2 天后因 30 天未跟进回收到公海`);
  await page.keyboard.press('Escape');

  ctx.step('the customer page counts down to the recycle');
  await page.goto(`${ctx.baseUrl}/customers/${customer.id}`);
  await seeText(page, customerName);
  const countdown = page.getByTestId('pool-countdown');
  await countdown.getByText('2 天后因 30 天未跟进回收到公海').waitFor();

  ctx.step('3 more days: the customer drops to the pool');
  const moved = await moveClock(ctx, { advance_days: 3 });
  expect(moved.swept > 0, 'the sweep moved nothing');
  await page.goto(`${ctx.baseUrl}/pools/${pool.id}`);
  const row = page.locator('tr', { hasText: customerName });
  await row.waitFor();

  ctx.step('李娜 tries to claim it back: refused for the cooldown');
  await row.getByRole('button', { name: `领取 ${customerName}` }).click();
  const refusal = row.getByRole('alert');
  await refusal.waitFor();
  const text = await refusal.innerText();
  expect(/你最近失去了该客户，\d{4}-\d{2}-\d{2} \d{2}:\d{2} 后才能再次领取/.test(text), `refusal: ${text}`);

  ctx.step('张伟 claims it from the pool page');
  await ctx.logout(page);
  await ctx.login(page, LOGINS.repHangzhou);
  await page.goto(`${ctx.baseUrl}/pools/${pool.id}`);
  const zhangRow = page.locator('tr', { hasText: customerName });
  await zhangRow.getByRole('button', { name: `领取 ${customerName}` }).click();
  await seeText(page, '已领取 1 个客户');
  await zhangRow.waitFor({ state: 'detached' });

  ctx.step(`the customer is ${NAMES.repHangzhou}'s now`);
  const after = await (await ctx.api(LOGINS.repHangzhou)).get<Customer>(`/customers/${customer.id}`);
  expect(after.owner_id === zhang.userId, `owner is ${after.owner_id}, not 张伟`);
}

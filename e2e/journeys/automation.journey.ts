import type { Page } from 'playwright-core';
import { expect, LOGINS, NAMES, seeText } from '../lib/journey';
import type { ApiSession, JourneyContext } from '../lib/journey';

export const name = 'an admin turns on the customer-transfer template and the new owner is told';

const TEMPLATE = '客户转移通知';

interface Notification {
  title: string;
}

/** The automation worker runs after the transfer commits: wait for its notification to land. */
async function waitForNotification(api: ApiSession, title: string, timeoutMs = 45_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const list = await api.get<{ items: Notification[] }>('/notifications?limit=50');
    if (list.items.some((n) => n.title === title)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no notification "${title}" arrived within ${timeoutMs / 1000} s`);
}

export async function run(page: Page, ctx: JourneyContext) {
  await ctx.login(page, LOGINS.admin);

  ctx.step('open the template gallery from the automation list');
  await page.goto(`${ctx.baseUrl}/automations`);
  // The header's button (an empty list offers the gallery a second time).
  await page
    .getByRole('button', { name: /模板库/ })
    .first()
    .click();
  await page.waitForURL(/\/automations\/templates$/);
  const card = page.locator('[data-testid="template-card"]', { hasText: TEMPLATE });
  await card.waitFor();

  ctx.step(`install "${TEMPLATE}" switched on`);
  await card.getByRole('button', { name: new RegExp(`启用 ${TEMPLATE}`) }).click();
  const dialog = page.locator('.ant-modal:visible');
  const automationName = `${TEMPLATE} ${ctx.unique}`;
  await dialog.getByLabel('名称').fill(automationName);
  const on = dialog.getByRole('switch');
  expect((await on.getAttribute('aria-checked')) === 'true', 'the template should install switched on');
  await dialog.getByRole('button', { name: /启用模板/ }).click();
  await page.waitForURL(/\/automations\/[0-9a-f-]{36}$/);
  await seeText(page, '客户 负责人变更时');
  const automationId = page.url().split('/').pop()!;

  const admin = await ctx.api(LOGINS.admin);
  const installed = await admin.get<{
    id: string;
    enabled: boolean;
    definition: { trigger: { type: string } };
  }>(`/automations/${automationId}`);
  expect(installed.enabled, 'the installed automation is not enabled');
  expect(
    installed.definition.trigger.type === 'owner_changed',
    'the template should trigger on owner changes',
  );

  ctx.step(`transfer a customer from ${NAMES.repShanghai} to ${NAMES.repHangzhou} through the API`);
  const from = await ctx.api(LOGINS.repShanghai);
  const to = await ctx.api(LOGINS.repHangzhou);
  const customerName = `转移测试客户${ctx.unique}`;
  const customer = await admin.post<{ id: string }>('/customers', {
    name: customerName,
    owner_id: from.userId,
  });
  await admin.post('/ownership/transfer', {
    record_type: 'customer',
    ids: [customer.id],
    owner_id: to.userId,
  });
  const title = `客户「${customerName}」的负责人已变更`;
  await waitForNotification(to, title);

  ctx.step('the run shows in the automation’s history as completed');
  await page.goto(`${ctx.baseUrl}/automations/${automationId}/runs`);
  await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
  await seeText(page, '已完成');

  ctx.step('switch the automation off again, so other journeys’ transfers do not trigger it');
  await page.goto(`${ctx.baseUrl}/automations`);
  const toggle = page.getByRole('switch', { name: `启用 ${automationName}` });
  await toggle.click();
  await seeText(page, `已停用「${automationName}」`);
  await ctx.logout(page);

  ctx.step('the new owner sees the notification in the bell');
  await ctx.login(page, LOGINS.repHangzhou);
  const bell = page.getByRole('button', { name: '通知' });
  await bell.locator('.ant-badge-count').waitFor();
  await bell.click();
  await seeText(page, title);
}

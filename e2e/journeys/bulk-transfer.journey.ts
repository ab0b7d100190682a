import type { Page } from 'playwright-core';
import { chooseOption, expect, LOGINS, NAMES, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = 'a bulk owner transfer reaches the new owner as a notification';

export async function run(page: Page, ctx: JourneyContext) {
  await ctx.login(page, LOGINS.admin);
  ctx.step('select two customers in the list');
  await page.goto(`${ctx.baseUrl}/customers`);
  // Customers the new owner already holds would not move: pick two held by someone else.
  const rows = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasNotText: NAMES.repHangzhou });
  await rows.first().waitFor();
  const picked: string[] = [];
  for (const i of [0, 1]) {
    const row = rows.nth(i);
    picked.push((await row.locator('td').nth(1).innerText()).trim());
    await row.locator('.ant-checkbox-input').check();
  }

  ctx.step(`assign them to ${NAMES.repHangzhou}`);
  await page
    .getByRole('button', { name: /分配负责人/ })
    .first()
    .click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.locator('.ant-select').first().click();
  await page.keyboard.type(NAMES.repHangzhou);
  await chooseOption(page, NAMES.repHangzhou);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await seeText(page, '已处理 2 条记录');
  await ctx.logout(page);

  ctx.step('the new owner sees it in the bell');
  await ctx.login(page, LOGINS.repHangzhou);
  const bell = page.getByRole('button', { name: '通知' });
  await bell.locator('.ant-badge-count').waitFor();
  await bell.click();
  await seeText(page, '你收到了');
  const popover = await page.locator('.ant-popover:visible').innerText();
  expect(popover.includes('2 个客户'), `the notification does not name the two customers: ${popover}`);

  ctx.step('the customers are now theirs');
  const mine = await ctx.api(LOGINS.repHangzhou);
  for (const customer of picked) {
    const found = await mine.get<{ items: { name: string }[] }>(
      `/customers?q=${encodeURIComponent(customer)}&limit=5`,
    );
    expect(
      found.items.some((c) => c.name === customer),
      `${customer} is not among ${NAMES.repHangzhou}'s customers`,
    );
  }
}

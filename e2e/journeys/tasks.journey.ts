import type { Page } from 'playwright-core';
import { chooseOption, expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = 'a rep creates a task about a customer and completes it in one click';

export async function run(page: Page, ctx: JourneyContext) {
  const title = `回访确认需求 ${ctx.unique}`;
  await ctx.login(page, LOGINS.repShanghai);
  await page.goto(`${ctx.baseUrl}/tasks`);

  ctx.step('create a task due today about a customer');
  await page.getByRole('button', { name: /新建任务/ }).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByLabel('任务标题').fill(title);
  // Due today at 23:59 so it belongs to the "today" tab whenever the journey runs.
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await dialog.locator('.ant-picker input').fill(`${today} 23:59`);
  await page.keyboard.press('Enter');
  await dialog.locator('.ant-select', { hasText: '类型' }).click();
  await chooseOption(page, '客户');
  await dialog.locator('.ant-select', { hasText: '输入名称搜索记录' }).click();
  // Demo customers are companies: pick the first one offered.
  await page
    .locator('.ant-select-item-option', { hasText: '公司' })
    .filter({ visible: true })
    .first()
    .click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await seeText(page, '任务已创建');
  const row = page.locator('[data-task-id]', { hasText: title });
  // Today's list is ordered by due time and paged: a task due at 23:59 may sit behind "load more".
  // The list refetches after the create (and on the SSE notice), which keeps the button busy for a
  // moment: click it only when it is idle, or a click lands on a spinner and waits in vain.
  const more = page.getByRole('button', { name: /加载更多/ });
  const idleMore = page.locator('button:not(.ant-btn-loading)', { hasText: /加载更多/ });
  for (let i = 0; i < 20 && !(await row.isVisible()); i++) {
    if (!(await more.isVisible())) break;
    await idleMore.click({ timeout: 30_000 });
    await Promise.race([row.waitFor({ timeout: 2_000 }), idleMore.waitFor({ timeout: 2_000 })]).catch(
      () => {},
    );
  }
  await row.waitFor();
  await row.getByText('客户').waitFor();

  ctx.step('a refused completion rolls back with a message');
  await page.route('**/api/v1/tasks/*/complete', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/problem+json',
      body: JSON.stringify({
        status: 409,
        code: 'conflict',
        title: 'Someone changed this at the same moment',
      }),
    }),
  );
  await row.locator('.ant-checkbox-input').click();
  await seeText(page, '未能完成任务');
  await page.waitForFunction((t) => {
    const el = [...document.querySelectorAll('[data-task-id]')].find((n) => n.textContent?.includes(t));
    return el && !(el.querySelector('.ant-checkbox-input') as HTMLInputElement | null)?.checked;
  }, title);
  await page.unroute('**/api/v1/tasks/*/complete');

  ctx.step('complete it for real');
  // The refused attempt refetches the list; click the box of the row as it is now.
  const box = page
    .locator('[data-task-id]', { hasText: title })
    .locator('.ant-checkbox-input:not([disabled])');
  await box.waitFor();
  await box.click();
  await seeText(page, `任务“${title}”已完成`);
  await row.waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: '已完成' }).click();
  await page.locator('[data-task-id]', { hasText: title }).waitFor();
  expect(
    await page.locator('[data-task-id]', { hasText: title }).locator('del').count(),
    'done task is not struck through',
  );
}

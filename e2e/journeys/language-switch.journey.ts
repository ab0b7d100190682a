import type { Page } from 'playwright-core';
import { expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = "the language switch changes the whole UI, Ant Design's own texts included";

async function switchTo(page: Page, current: '语言' | 'Language', target: 'English' | '简体中文') {
  const menuButton = page.locator('.ant-layout-header button').last();
  const title = page.locator('.ant-dropdown-menu-submenu-title', { hasText: current });
  const item = page.locator('.ant-dropdown-menu-item', { hasText: target });
  // The submenu opens on hover after a delay; on a busy machine the first hover can land mid-animation.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (!(await title.isVisible())) await menuButton.click();
    await title.hover();
    try {
      await item.waitFor({ state: 'visible', timeout: 4000 });
      break;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  await item.click();
}

/** Open the due-time picker of the new-task dialog and return the picker's footer text. */
async function datePickerFooter(page: Page, newTask: RegExp): Promise<string> {
  await page.getByRole('button', { name: newTask }).first().click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.locator('.ant-picker').click();
  const footer = page.locator('.ant-picker-dropdown:visible .ant-picker-footer');
  await footer.waitFor();
  const text = await footer.innerText();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: /取\s*消|Cancel/ }).click();
  await dialog.waitFor({ state: 'hidden' });
  return text;
}

export async function run(page: Page, ctx: JourneyContext) {
  // 刘洋 is used by no other journey: his saved language cannot leak into them.
  await ctx.login(page, LOGINS.repBeijing);

  ctx.step('Chinese first');
  await page.goto(`${ctx.baseUrl}/settings/tokens`);
  await seeText(page, 'API 令牌');
  await seeText(page, '暂无数据'); // antd Table's empty text
  await seeText(page, '客户'); // navigation
  await page.goto(`${ctx.baseUrl}/tasks`);
  const zhFooter = await datePickerFooter(page, /新建任务/);
  expect(zhFooter.includes('此刻'), `the date picker says "${zhFooter}", expected 此刻`);
  expect((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang is not zh-CN');

  ctx.step('switch to English');
  await switchTo(page, '语言', 'English');
  await seeText(page, 'My tasks');
  await seeText(page, 'Customers');
  const enFooter = await datePickerFooter(page, /New task/);
  expect(enFooter.includes('Now'), `the date picker says "${enFooter}", expected Now`);
  await page.goto(`${ctx.baseUrl}/settings/tokens`);
  await seeText(page, 'API tokens');
  await seeText(page, 'No data');
  const body = await page.locator('body').innerText();
  for (const zh of ['暂无数据', '工作台', '设置', '任务']) {
    expect(!body.includes(zh), `"${zh}" is still on the page after switching to English`);
  }
  expect((await page.getAttribute('html', 'lang')) === 'en-US', 'html lang is not en-US');

  ctx.step('the choice is saved to the user: it survives a reload');
  await page.reload();
  await seeText(page, 'API tokens');

  ctx.step('back to Chinese');
  await switchTo(page, 'Language', '简体中文');
  await seeText(page, 'API 令牌');
  await page.locator('.ant-dropdown:visible').first().waitFor({ state: 'hidden' });
}

import type { Page } from 'playwright-core';
import { chooseOption, expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = 'admin adds a pipeline and a customer field; a rep sees both';

/** antd puts a space between two CJK characters of a button ("保 存"). */
const button = (page: Page, text: string) =>
  page.getByRole('button', { name: new RegExp(text.split('').join('\\s*')) }).first();

export async function run(page: Page, ctx: JourneyContext) {
  const pipelineName = `渠道分销${ctx.unique}`;
  const stageName = `渠道签约${ctx.unique}`;
  const fieldLabel = `合作级别${ctx.unique}`;

  await ctx.login(page, LOGINS.admin);
  ctx.step('create the pipeline');
  await page.goto(`${ctx.baseUrl}/settings/pipelines`);
  await button(page, '新建销售漏斗').click();
  await page.getByLabel('漏斗名称').fill(pipelineName);
  await button(page, '添加阶段').click();
  // The new open stage goes before the won/lost stages: the one empty name box.
  const names = page.locator('input[placeholder="阶段名称"]');
  const count = await names.count();
  let filled = false;
  for (let i = 0; i < count; i++) {
    if ((await names.nth(i).inputValue()) === '') {
      await names.nth(i).fill(stageName);
      filled = true;
      break;
    }
  }
  expect(filled, 'the added stage row has no empty name box');
  await button(page, '保存').click();
  await seeText(page, '已创建');
  await page.locator('.ant-menu-item', { hasText: pipelineName }).first().waitFor();

  ctx.step('create the customer custom field');
  await page.goto(`${ctx.baseUrl}/settings/fields`);
  await button(page, '新建字段').click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByLabel('字段名称').fill(fieldLabel);
  await dialog.getByLabel('字段标识').fill(`partner_level_${ctx.unique}`);
  await dialog.getByLabel('类型').click();
  await chooseOption(page, '单选');
  await button(page, '添加选项').click();
  await dialog.locator('input[placeholder="显示名称"]').last().fill('金牌');
  await dialog.locator('input[placeholder="值"]').last().fill('gold');
  await button(page, '添加选项').click();
  await dialog.locator('input[placeholder="显示名称"]').last().fill('银牌');
  await dialog.locator('input[placeholder="值"]').last().fill('silver');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await page.locator('.ant-table-row', { hasText: fieldLabel }).first().waitFor();
  await ctx.logout(page);

  ctx.step('a rep sees the pipeline in the deal form');
  await ctx.login(page, LOGINS.repShanghai);
  await page.goto(`${ctx.baseUrl}/deals`);
  await button(page, '新建商机').click();
  const dealDialog = page.locator('.ant-modal:visible');
  await dealDialog.getByLabel('销售漏斗').click();
  await chooseOption(page, pipelineName);
  await dealDialog.getByLabel('阶段').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: stageName })
    .first()
    .waitFor();
  await page.keyboard.press('Escape');
  await dealDialog.getByRole('button', { name: /取\s*消/ }).click();

  ctx.step('a rep sees the custom field on the customer form');
  await page.goto(`${ctx.baseUrl}/customers`);
  await button(page, '新建客户').click();
  const customerDialog = page.locator('.ant-modal:visible');
  await customerDialog.getByText(fieldLabel).first().waitFor();
  await customerDialog.getByLabel(fieldLabel).click();
  await chooseOption(page, '金牌');
}

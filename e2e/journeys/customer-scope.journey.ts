import type { Page } from 'playwright-core';
import { expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = "a rep cannot open another rep's customer by URL";

interface CustomerPage {
  items: { id: string; name: string; owner_id: string | null }[];
}

export async function run(page: Page, ctx: JourneyContext) {
  ctx.step("find one of 张伟's customers and one of 李娜's");
  const zhang = await ctx.api(LOGINS.repHangzhou);
  const theirs = (await zhang.get<CustomerPage>('/customers?limit=1')).items[0];
  expect(theirs, '张伟 owns no customer in the demo data');
  const li = await ctx.api(LOGINS.repShanghai);
  const mine = (await li.get<CustomerPage>('/customers?limit=1')).items[0];
  expect(mine, '李娜 owns no customer in the demo data');

  await ctx.login(page, LOGINS.repShanghai);
  ctx.step('her own customer opens');
  await page.goto(`${ctx.baseUrl}/customers/${mine.id}`);
  await seeText(page, mine.name);

  ctx.step("another rep's customer shows not-found, not the data");
  await page.goto(`${ctx.baseUrl}/customers/${theirs.id}`);
  await seeText(page, '记录不存在或你无权查看');
  const body = await page.locator('body').innerText();
  expect(!body.includes(theirs.name), `the page shows the other rep's customer name "${theirs.name}"`);
}

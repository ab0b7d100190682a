import type { Page } from 'playwright-core';
import { expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name =
  'a rep logs a follow-up on a customer; it is on the timeline and the last-contact date moves';

interface Customer {
  id: string;
  name: string;
  last_contact_at: string | null;
}

export async function run(page: Page, ctx: JourneyContext) {
  ctx.step('pick the customer 李娜 contacted longest ago');
  const li = await ctx.api(LOGINS.repShanghai);
  const customer = (await li.get<{ items: Customer[] }>('/customers?limit=1&sort=last_contact_at')).items[0];
  expect(customer, '李娜 owns no customer in the demo data');

  await ctx.login(page, LOGINS.repShanghai);
  await page.goto(`${ctx.baseUrl}/customers/${customer.id}`);
  await seeText(page, customer.name);
  const lastContact = page.getByTestId('last-contact');
  const before = (await lastContact.innerText()).trim();

  ctx.step('log a visit from the quick box');
  const content = `上门拜访，确认二期需求，下周发报价 ${ctx.unique}`;
  await page.getByText('拜访', { exact: true }).first().click();
  await page.getByLabel('记录跟进').first().fill(content);
  await page.getByRole('button', { name: /保存跟进/ }).click();

  ctx.step('the entry is on the timeline and is saved');
  const feed = page.getByRole('feed');
  await feed.getByText(content).waitFor();
  await feed.locator('[data-entry-key^="activity:"]', { hasText: content }).waitFor();
  await seeText(page, '跟进已记录');
  const entry = await feed.locator('[data-entry-key^="activity:"]', { hasText: content }).innerText();
  expect(entry.includes('记录了拜访跟进'), `the timeline entry does not say it was a visit: ${entry}`);

  ctx.step('the last-contact date on the page has moved');
  const after = (await lastContact.innerText()).trim();
  expect(after !== before, `the last-contact date did not change: ${before}`);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  expect(after.includes(today), `the last-contact date is not today (${today}): ${after}`);

  ctx.step('the server agrees, and the entry is still there after a reload');
  const saved = await li.get<Customer>(`/customers/${customer.id}`);
  expect(
    saved.last_contact_at !== null &&
      (customer.last_contact_at === null || saved.last_contact_at > customer.last_contact_at),
    `last_contact_at did not move forward: ${customer.last_contact_at} → ${saved.last_contact_at}`,
  );
  await page.reload();
  await page.getByRole('feed').getByText(content).waitFor();
}

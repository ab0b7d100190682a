import type { Page } from 'playwright-core';
import { expect, LOGINS, seeText } from '../lib/journey';
import type { JourneyContext } from '../lib/journey';

export const name = 'a rep drags a deal across the pipeline board to won and the totals change';

/** Press on the card, move in steps (the board starts a drag after a few pixels), release over the target. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 12, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.up();
}

export async function run(page: Page, ctx: JourneyContext) {
  await ctx.login(page, LOGINS.repShanghai);
  await page.goto(`${ctx.baseUrl}/deals/board`);
  const won = page.locator('section.tl-col-won').first();
  const source = page.locator('section.tl-col-open').last();
  await source.locator('.tl-card').first().waitFor();
  const totals = page.getByTestId('board-open-totals');
  const totalsBefore = (await totals.innerText()).trim();
  const wonCountBefore = (await won.getByTestId('stage-count').innerText()).trim();

  ctx.step('drag the first deal of the last open stage onto the won column');
  await won.scrollIntoViewIfNeeded();
  const card = source.locator('.tl-card').first();
  const dealId = await card.getAttribute('data-deal-id');
  const dealName = (await card.locator('.tl-card-title').innerText()).trim();
  expect(dealId, 'the card carries no deal id');
  const from = await card.boundingBox();
  const to = await won.boundingBox();
  expect(from && to, 'the card or the won column is not on screen');
  await drag(page, { x: from.x + from.width / 2, y: from.y + 20 }, { x: to.x + to.width / 2, y: to.y + 120 });

  ctx.step('confirm the amount won');
  const dialog = page.locator('.ant-modal:visible');
  await dialog.getByText('确认赢单').waitFor();
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await seeText(page, `「${dealName}」已移到`);

  ctx.step('the deal sits in the won column and the totals changed');
  await won.locator(`[data-deal-id="${dealId}"]`).waitFor();
  await page.waitForFunction(
    ([before]) =>
      document.querySelector('[data-testid="board-open-totals"]')?.textContent?.replace(/\s+/g, '') !==
      before,
    [totalsBefore.replace(/\s+/g, '')],
  );
  const totalsAfter = (await totals.innerText()).trim();
  expect(totalsAfter !== totalsBefore, `the open totals did not change: ${totalsBefore}`);
  const wonCountAfter = (await won.getByTestId('stage-count').innerText()).trim();
  const n = (s: string) => Number(/\d+/.exec(s)?.[0] ?? NaN);
  expect(n(wonCountAfter) === n(wonCountBefore) + 1, `won count ${wonCountBefore} → ${wonCountAfter}`);

  ctx.step('the server has the deal as won');
  const li = await ctx.api(LOGINS.repShanghai);
  const deal = await li.get<{ status: string; won_at: string | null }>(`/deals/${dealId}`);
  expect(deal.status === 'won' && deal.won_at, `the deal is ${deal.status} on the server`);
}

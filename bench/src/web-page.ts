import type { Locator, Page } from 'playwright-core';

/**
 * What runs inside the page, as source text (the bench is type-checked without DOM types).
 *
 * `arm()` waits for the next click (the bench's click on 应用 / Apply) and takes the event's
 * timestamp as the start: the moment the user acted. The list card's `data-list-state` turns
 * "loading" when the new query starts and "ready" once its page is committed to the DOM; the end is
 * taken after the next frame has been painted (a task queued from requestAnimationFrame runs after
 * the paint). Resource timing of the list request splits the time into before-the-request,
 * request (server + network) and after-the-response (JSON, React, layout, paint).
 */
export const PAGE_PROBE = `
(() => {
  const probe = { armed: false, round: 0, t0: 0, sawLoading: false, result: null };
  window.__tlProbe = probe;
  probe.arm = () => {
    probe.armed = true;
    probe.round += 1;
    probe.t0 = 0;
    probe.sawLoading = false;
    probe.result = null;
    probe.cached = false;
    performance.clearResourceTimings();
  };
  addEventListener('click', (e) => {
    if (!probe.armed || probe.t0 !== 0) return;
    probe.t0 = e.timeStamp;
    // A page still fresh in the query cache shows without a request: say so rather than wait.
    const round = probe.round;
    setTimeout(() => {
      if (probe.round === round && probe.armed && !probe.sawLoading) {
        probe.armed = false;
        probe.cached = true;
        finish();
      }
    }, 10000);
  }, true);
  const painted = (fn) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(0);
  });
  const finish = () => {
    const t1 = performance.now();
    const list = performance.getEntriesByType('resource')
      .filter((r) => r.name.includes('/api/v1/customers?') && r.startTime >= probe.t0);
    const req = list[list.length - 1];
    const rows = [...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')]
      .map((r) => r.getAttribute('data-row-key'));
    probe.result = {
      cached: probe.cached,
      total: t1 - probe.t0,
      beforeRequest: req ? req.startTime - probe.t0 : null,
      request: req ? req.responseEnd - req.startTime : null,
      waiting: req ? req.responseStart - req.requestStart : null,
      afterResponse: req ? t1 - req.responseEnd : null,
      requests: list.length,
      url: req ? req.name : null,
      rows,
    };
  };
  new MutationObserver(() => {
    if (!probe.armed || probe.t0 === 0) return;
    const state = document.querySelector('[data-list-state]')?.getAttribute('data-list-state');
    if (state === 'loading') probe.sawLoading = true;
    else if (state === 'ready' && probe.sawLoading) {
      probe.armed = false;
      painted(finish);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-list-state'] });
})();
`;

export interface ProbeResult {
  /** The page came from the query cache without a request (the bench avoids this). */
  cached: boolean;
  total: number;
  beforeRequest: number | null;
  request: number | null;
  waiting: number | null;
  afterResponse: number | null;
  requests: number;
  url: string | null;
  rows: string[];
}

/** Ant Design puts a space between the two characters of a Chinese button label ("应 用"). */
const spaced = (text: string) => new RegExp(`^\\s*${[...text].join('\\s?')}\\s*$`);

export const filterRow = (page: Page): Locator => page.locator('[data-testid="filter-row"]').first();

/** Open the customer list's filter builder with one condition row. */
export async function openFilterBuilder(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /筛\s?选/ })
    .first()
    .click();
  await page.getByRole('button', { name: /添加条件/ }).click();
  await filterRow(page).waitFor();
}

/** Open an Ant Design select of the condition row and pick the option with this label. */
export async function choose(page: Page, combobox: Locator, label: string, search = false): Promise<void> {
  await combobox.click();
  const dropdown = page.locator('.ant-select-dropdown:visible').first();
  await dropdown.locator('.ant-select-item-option').first().waitFor({ state: 'visible' });
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) });
  // Long option lists are virtual: type to narrow them where the select searches, else scroll.
  if (search && !(await option.isVisible())) await page.keyboard.type(label);
  for (let i = 0; i < 30 && !(await option.isVisible()); i++) {
    await dropdown.hover();
    await page.mouse.wheel(0, i < 10 ? 100 : -100);
    await page.waitForTimeout(50);
  }
  await option.click();
  await dropdown.waitFor({ state: 'hidden' });
}

export const applyButton = (page: Page): Locator => page.getByRole('button', { name: spaced('应用') });

/** Click 应用 (Apply) and wait for the probe's measurement of the new page. */
export async function applyAndMeasure(page: Page): Promise<ProbeResult> {
  await page.evaluate('window.__tlProbe.arm()');
  await applyButton(page).click();
  const handle = await page.waitForFunction('window.__tlProbe.result', undefined, {
    timeout: 30_000,
    polling: 10,
  });
  return (await handle.jsonValue()) as ProbeResult;
}

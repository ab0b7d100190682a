import type { Page } from 'playwright-core';

/** The demo workspace's people (packages/server/src/seed/demo-org.ts); all share DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'Tideline@2026';
export const LOGINS = {
  admin: 'admin@demo.tideline',
  managerEast: 'chen.siqi@demo.tideline',
  managerNorth: 'wang.lei@demo.tideline',
  repShanghai: 'li.na@demo.tideline',
  repHangzhou: 'zhang.wei@demo.tideline',
  repBeijing: 'liu.yang@demo.tideline',
} as const;
export const NAMES = {
  admin: '周明远',
  managerEast: '陈思琪',
  repShanghai: '李娜',
  repHangzhou: '张伟',
  repBeijing: '刘洋',
} as const;

/** A signed-in API session for setting up or checking data next to the browser. */
export interface ApiSession {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  userId: string;
}

export interface JourneyContext {
  baseUrl: string;
  /** Sign in through the login page and wait for the signed-in shell. */
  login(page: Page, email: string): Promise<void>;
  /** End the session (cookie and stored language) so the next login starts clean. */
  logout(page: Page): Promise<void>;
  api(email: string): Promise<ApiSession>;
  /** A unique suffix so data a journey creates never collides with the demo data. */
  unique: string;
  /** Log a step; the runner prints it only when the journey fails. */
  step(text: string): void;
}

/** Each e2e/journeys/*.journey.ts exports `name` and `run`. */
export interface JourneyModule {
  name: string;
  run(page: Page, ctx: JourneyContext): Promise<void>;
}

export class JourneyError extends Error {}

/** Fail with a readable message unless `ok`. */
export function expect(ok: unknown, message: string): asserts ok {
  if (!ok) throw new JourneyError(message);
}

/** Wait until the page shows `text` somewhere visible. */
export async function seeText(page: Page, text: string, timeout = 15_000): Promise<void> {
  try {
    await page.getByText(text, { exact: false }).filter({ visible: true }).first().waitFor({ timeout });
  } catch {
    throw new JourneyError(`expected to see "${text}" on ${page.url()}`);
  }
}

/** Pick an option of an open antd Select by its visible label. */
export async function chooseOption(page: Page, label: string): Promise<void> {
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first();
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  await option.click();
}

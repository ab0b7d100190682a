import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { Database } from '../../packages/server/src/db/database';
import { loadConfig } from '../../packages/server/src/config';
import { systemClock } from '../../packages/server/src/core/clock';
import type { AppDeps } from '../../packages/server/src/core/deps';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { DEMO_PASSWORD } from '../../packages/server/src/seed/demo-org';
import { startServer } from '../../packages/server/src/server';
import { PAGE_PROBE, applyAndMeasure, choose, filterRow, openFilterBuilder } from './web-page';
import type { ProbeResult } from './web-page';
import { latencyStats } from './stats';
import type { LatencyStats } from './stats';

/** The issue 3 target: a changed list filter shows the new page within this many milliseconds. */
export const WEB_FILTER_TARGET_MS = 300;

const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
// The launch arguments of the e2e journeys (e2e/run.ts).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** packages/web/src/main.tsx: list pages stay fresh for 15 s; a second more to be sure. */
const STALE_MS = 16_000;
const WEB_DIST = fileURLToPath(new URL('../../packages/web/dist/index.html', import.meta.url));

/** One way a user changes the list's filter: a field, an operator and the values they go through. */
interface FilterKind {
  name: string;
  field: string;
  op: string;
  values: (string | number)[];
  setValue(row: Locator, page: Page, value: string | number): Promise<void>;
}

export interface WebFilterSample {
  user: 'rep' | 'admin';
  kind: string;
  value: string | number;
  totalMs: number;
  beforeRequestMs: number | null;
  requestMs: number | null;
  waitingMs: number | null;
  afterResponseMs: number | null;
  rows: number;
}

export interface WebFilterUserResult {
  user: 'rep' | 'admin';
  email: string;
  visibleCustomers: number;
  total: LatencyStats;
  /** p50 of each part of the total: before the request leaves, the request, after the response. */
  parts: {
    beforeRequest: LatencyStats;
    request: LatencyStats;
    waiting: LatencyStats;
    afterResponse: LatencyStats;
  };
  byKind: Record<string, LatencyStats>;
}

export interface WebFilterResult {
  chromium: string;
  targetMs: number;
  /** One-minute load average before and after each user's run: the machine may be shared. */
  load: number[];
  users: WebFilterUserResult[];
  samples: WebFilterSample[];
}

const textValue = (label: string) => async (row: Locator, _page: Page, value: string | number) => {
  await row.getByRole('textbox', { name: `${label} 值` }).fill(String(value));
};
const selectValue = (label: string) => async (row: Locator, page: Page, value: string | number) => {
  await choose(page, row.getByRole('combobox', { name: `${label} 值` }), String(value));
};

/** Distinct values of a text column among recently updated customers, most common first. */
async function commonValues(database: Database, workspaceId: string, column: 'industry' | 'level') {
  const { rows } = await sql<{ v: string | null }>`select ${sql.ref(column)} as v from customers
    where workspace_id = ${workspaceId} order by updated_at desc limit 5000`.execute(database.db);
  const counts = new Map<string, number>();
  for (const r of rows) if (r.v) counts.set(r.v, (counts.get(r.v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}

async function filterKinds(database: Database, workspaceId: string): Promise<FilterKind[]> {
  return [
    {
      name: '行业 = …',
      field: '行业',
      op: '等于',
      values: await commonValues(database, workspaceId, 'industry'),
      setValue: textValue('行业'),
    },
    {
      name: '状态 = …',
      field: '状态',
      op: '等于',
      values: ['潜在', '成交', '沉默', '流失'],
      setValue: selectValue('状态'),
    },
    {
      name: '最近跟进 时间段',
      field: '最近跟进',
      op: '时间段',
      values: ['本周', '上周', '本月', '上月', '本季度', '上季度', '今年'],
      setValue: selectValue('最近跟进'),
    },
    {
      name: '客户等级 = …',
      field: '客户等级',
      op: '等于',
      values: await commonValues(database, workspaceId, 'level'),
      setValue: textValue('客户等级'),
    },
    {
      name: '最近跟进 最近 N 天内',
      field: '最近跟进',
      op: '最近 N 天内',
      values: [7, 3, 14, 30, 10, 60, 21, 90, 45, 120],
      setValue: async (row, _page, value) => {
        await row.getByRole('spinbutton', { name: '最近跟进 值' }).fill(String(value));
      },
    },
  ];
}

async function pickUsers(database: Database, workspaceId: string) {
  const { rows: top } = await sql<{ email: string; n: number }>`select u.email, count(*) as n
    from customers c join users u on u.id = c.owner_id
    where c.workspace_id = ${workspaceId} and c.owner_id is not null and c.deleted_at is null
    group by u.email order by count(*) desc limit 1`.execute(database.db);
  const admin = await database.db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.role_id')
    .select('u.email')
    .where('u.workspace_id', '=', workspaceId)
    .where('r.key', '=', 'admin')
    .where('u.status', '=', 'active')
    .orderBy('u.created_at')
    .executeTakeFirstOrThrow();
  const { rows: all } = await sql<{ n: number }>`select count(*) as n from customers
    where workspace_id = ${workspaceId} and deleted_at is null`.execute(database.db);
  return [
    { user: 'rep' as const, email: top[0]!.email, visibleCustomers: Number(top[0]!.n) },
    { user: 'admin' as const, email: admin.email, visibleCustomers: Number(all[0]!.n) },
  ];
}

async function login(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** The page the API returns for the request the browser made, to prove the rows shown are the new ones. */
async function checkRows(context: BrowserContext, result: ProbeResult, label: string) {
  if (!result.url) throw new Error(`${label}: the list made no request`);
  const cookies = await context.cookies(result.url);
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(result.url, { headers: { cookie } });
  const body = (await res.json()) as { items?: { id: string }[] };
  const ids = (body.items ?? []).map((i) => i.id);
  if (!res.ok || ids.join() !== result.rows.join()) {
    throw new Error(
      `${label}: the rendered rows (${result.rows.length}) are not the API's page (${res.status}, ${ids.length})`,
    );
  }
}

async function measureUser(
  baseUrl: string,
  who: { user: 'rep' | 'admin'; email: string; visibleCustomers: number },
  kinds: FilterKind[],
  samples: number,
  log: (line: string) => void,
): Promise<WebFilterSample[]> {
  const profile = mkdtempSync(join(tmpdir(), 'tideline-bench-web-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    context.setDefaultTimeout(30_000);
    await context.addInitScript({ content: PAGE_PROBE });
    const page = context.pages()[0] ?? (await context.newPage());
    await login(page, baseUrl, who.email);
    await page.goto(`${baseUrl}/customers`);
    await page
      .locator('[data-list-state="ready"] .ant-table-tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: 120_000 });
    await openFilterBuilder(page);
    const row = filterRow(page);
    const out: WebFilterSample[] = [];
    // Kinds take turns, so a filter comes back only after the others have run. A page the web app
    // fetched less than STALE_MS ago would show from its query cache without a request: wait.
    const lastApplied = new Map<string, number>();
    const warmUp = kinds.length;
    for (let i = 0; i < samples + warmUp; i++) {
      const kind = kinds[i % kinds.length]!;
      const value = kind.values[Math.floor(i / kinds.length) % kind.values.length]!;
      await choose(page, row.getByRole('combobox', { name: '字段' }), kind.field, true);
      await choose(page, row.getByRole('combobox', { name: '条件' }), kind.op);
      await kind.setValue(row, page, value);
      const label = `${who.user} ${kind.name} ${value}`;
      const wait = (lastApplied.get(label) ?? -Infinity) + STALE_MS - Date.now();
      if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
      const r = await applyAndMeasure(page);
      lastApplied.set(label, Date.now());
      if (r.cached) throw new Error(`${label}: the page came from the cache, not the server`);
      await checkRows(context, r, label);
      if (i < warmUp) continue;
      out.push({
        user: who.user,
        kind: kind.name,
        value,
        totalMs: r.total,
        beforeRequestMs: r.beforeRequest,
        requestMs: r.request,
        waitingMs: r.waiting,
        afterResponseMs: r.afterResponse,
        rows: r.rows.length,
      });
      log(
        `  ${who.user} ${kind.name} ${value}: ${r.total.toFixed(0)} ms (request ${r.request?.toFixed(0)} ms, ${r.rows.length} rows)`,
      );
    }
    return out;
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

const stats = (xs: (number | null)[]) => latencyStats(xs.filter((x): x is number => x !== null));

export function summarise(
  who: { user: 'rep' | 'admin'; email: string; visibleCustomers: number },
  samples: WebFilterSample[],
): WebFilterUserResult {
  const mine = samples.filter((s) => s.user === who.user);
  const byKind: Record<string, LatencyStats> = {};
  for (const name of new Set(mine.map((s) => s.kind))) {
    byKind[name] = stats(mine.filter((s) => s.kind === name).map((s) => s.totalMs));
  }
  return {
    ...who,
    total: stats(mine.map((s) => s.totalMs)),
    parts: {
      beforeRequest: stats(mine.map((s) => s.beforeRequestMs)),
      request: stats(mine.map((s) => s.requestMs)),
      waiting: stats(mine.map((s) => s.waitingMs)),
      afterResponse: stats(mine.map((s) => s.afterResponseMs)),
    },
    byKind,
  };
}

function chromiumVersion(): string {
  try {
    return execFileSync(CHROMIUM, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return 'unknown';
  }
}

/**
 * Sign in to the web app in Chromium as a rep (own customers) and as an admin (every customer),
 * open the customer list and change its filter `samples` times each, the way a user does in the
 * filter builder; time each change from the click on 应用 (Apply) to the painted new page.
 */
export async function runWebFilterBench(
  database: Database,
  workspaceId: string,
  opts: { samples: number; log?: (line: string) => void },
): Promise<WebFilterResult> {
  if (!existsSync(WEB_DIST)) throw new Error('packages/web/dist is missing: npm run build -w packages/web');
  const log = opts.log ?? (() => undefined);
  const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
  const config = {
    ...loadConfig({ TIDELINE_COOKIE_SECURE: 'false', TIDELINE_LOGIN_RATE_LIMIT: '1000' }),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
  };
  const server = await startServer({ config, deps });
  try {
    const users = await pickUsers(database, workspaceId);
    const kinds = await filterKinds(database, workspaceId);
    const samples: WebFilterSample[] = [];
    const load: number[] = [];
    for (const who of users) {
      load.push(Math.round(loadavg()[0]! * 10) / 10);
      log(`${who.user} ${who.email} (${who.visibleCustomers.toLocaleString()} customers)`);
      samples.push(...(await measureUser(server.url, who, kinds, opts.samples, log)));
      load.push(Math.round(loadavg()[0]! * 10) / 10);
    }
    return {
      chromium: chromiumVersion(),
      targetMs: WEB_FILTER_TARGET_MS,
      load,
      users: users.map((u) => summarise(u, samples)),
      samples,
    };
  } finally {
    await server.close();
  }
}

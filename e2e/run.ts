/**
 * Browser journeys: start the server with a fresh demo workspace on a free port, then run every
 * e2e/journeys/*.journey.ts in Debian's Chromium, one clean browser profile per journey, with a
 * screenshot each in e2e/screenshots/. Prints "N passed, N failed" last; exits 1 on any failure.
 *
 *   npx tsx e2e/run.ts [name-filter…]
 *
 * Expects packages/web/dist (CI builds it first). E2E_BASE_URL=http://… uses a running server
 * instead; E2E_SERVER_ENTRY=<file.ts> starts another entry with the CLI's arguments.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { openApiSession } from './lib/api-session';
import { DEMO_PASSWORD } from './lib/journey';
import type { JourneyContext, JourneyModule } from './lib/journey';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const SCREENSHOTS = join(here, 'screenshots');
/** Tries after a failure before a journey counts as failed (E2E_RETRIES, default 1; 0 locally to see flakes). */
const JOURNEY_RETRIES = Number(process.env.E2E_RETRIES ?? 1);
const JOURNEY_TIMEOUT_MS = Number(process.env.E2E_JOURNEY_TIMEOUT_MS ?? 180_000);
const SERVER_START_TIMEOUT_MS = 180_000;
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(baseUrl: string, server: ChildProcess | null, logFile: string) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server && server.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n') : '';
  throw new Error(`the server did not answer ${baseUrl}/api/health\n${log}`);
}

/** The server as CI and users run it: the CLI with a fresh SQLite file and the demo workspace. */
async function startServer(workDir: string): Promise<{ baseUrl: string; server: ChildProcess | null }> {
  if (process.env.E2E_BASE_URL) return { baseUrl: process.env.E2E_BASE_URL.replace(/\/$/, ''), server: null };
  const port = await freePort();
  const entry = resolve(process.env.E2E_SERVER_ENTRY ?? join(root, 'packages/server/src/cli/main.ts'));
  if (!existsSync(entry)) throw new Error(`no server entry at ${entry}`);
  const logFile = join(workDir, 'server.log');
  const log = createWriteStream(logFile);
  const server = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [entry, 'serve', '--demo', '--port', String(port)],
    {
      cwd: root,
      env: {
        ...process.env,
        TIDELINE_SQLITE_PATH: join(workDir, 'tideline.db'),
        TIDELINE_DATA_DIR: workDir,
        DATABASE_URL: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        TIDELINE_COOKIE_SECURE: 'false',
        // Journeys sign in many times from one address.
        TIDELINE_LOGIN_RATE_LIMIT: '1000',
        // The pool journey moves time (POST /api/v1/test/clock) and puts it back when it ends.
        TIDELINE_TEST_CLOCK: '1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHealth(baseUrl, server, logFile);
  return { baseUrl, server };
}

function stopServer(server: ChildProcess | null) {
  if (!server?.pid || server.exitCode !== null) return;
  try {
    // tsx runs node as a child: end the whole group we started, by its id.
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    server.kill('SIGTERM');
  }
}

/** The journeys need the web app, not only the API: say so once rather than fail each at login. */
async function checkWebApp(baseUrl: string): Promise<string | null> {
  const res = await fetch(`${baseUrl}/login`);
  const type = res.headers.get('content-type') ?? '';
  if (res.ok && type.includes('text/html')) return null;
  return `the server does not serve the web app: GET /login answered ${res.status} ${type}`;
}

async function loadJourneys(filters: string[]): Promise<{ file: string; journey: JourneyModule }[]> {
  const dir = join(here, 'journeys');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.journey.ts'))
    .sort();
  const loaded = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Partial<JourneyModule>;
    if (typeof mod.name !== 'string' || typeof mod.run !== 'function') {
      throw new Error(`${file} must export \`name\` (string) and \`run(page, ctx)\``);
    }
    const journey = { name: mod.name, run: mod.run };
    if (filters.length && !filters.some((f) => file.includes(f) || journey.name.includes(f))) continue;
    loaded.push({ file, journey });
  }
  return loaded;
}

function makeContext(baseUrl: string, steps: string[], unique: string): JourneyContext {
  return {
    baseUrl,
    unique,
    step: (text) => steps.push(text),
    async login(page: Page, email: string) {
      steps.push(`login as ${email}`);
      await page.goto(`${baseUrl}/login`);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.locator('button[type="submit"]').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 20_000 });
      await page.locator('.ant-layout-header').first().waitFor({ timeout: 20_000 });
    },
    async logout(page: Page) {
      steps.push('logout');
      await page.evaluate(async () => {
        const me = await fetch('/api/v1/auth/me').then((r) => (r.ok ? r.json() : null));
        if (me?.csrf_token) {
          await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'x-csrf-token': me.csrf_token } });
        }
        localStorage.clear();
      });
      await page.context().clearCookies();
    },
    api: (email) => openApiSession(baseUrl, email),
  };
}

async function runOne(
  journey: JourneyModule,
  file: string,
  baseUrl: string,
  workDir: string,
): Promise<{ ok: boolean; ms: number; error?: string; steps: string[] }> {
  const started = Date.now();
  const steps: string[] = [];
  const profile = mkdtempSync(join(workDir, 'profile-'));
  let context: BrowserContext | null = null;
  let page: Page | null = null;
  const shot = join(SCREENSHOTS, `${file.replace(/\.journey\.ts$/, '')}.png`);
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1366, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const ctx = makeContext(baseUrl, steps, unique);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(
        () => fail(new Error(`timed out after ${JOURNEY_TIMEOUT_MS / 1000}s`)),
        JOURNEY_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([journey.run(page, ctx), timeout]);
    } finally {
      clearTimeout(timer);
    }
    await page.screenshot({ path: shot, fullPage: true });
    return { ok: true, ms: Date.now() - started, steps };
  } catch (e) {
    if (page) await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    const message = e instanceof Error ? e.message.split('\n').slice(0, 6).join('\n') : String(e);
    return { ok: false, ms: Date.now() - started, error: message, steps };
  } finally {
    await context?.close().catch(() => undefined);
  }
}

async function main() {
  const filters = process.argv.slice(2);
  if (!process.env.E2E_BASE_URL && !existsSync(join(root, 'packages/web/dist/index.html'))) {
    console.error('packages/web/dist is missing: build the web app first (npm run build -w packages/web)');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'tideline-e2e-'));
  let server: ChildProcess | null = null;
  let passed = 0;
  let failed = 0;
  try {
    const journeys = await loadJourneys(filters);
    const started = await startServer(workDir);
    server = started.server;
    console.log(`server at ${started.baseUrl}; ${journeys.length} journeys`);
    const noApp = await checkWebApp(started.baseUrl);
    if (noApp) {
      console.log(`  ${noApp}`);
      for (const { journey } of journeys) console.log(`  ✗ ${journey.name}`);
      failed += journeys.length;
      journeys.length = 0;
    }
    for (const { file, journey } of journeys) {
      let result = await runOne(journey, file, started.baseUrl, workDir);
      if (!result.ok && JOURNEY_RETRIES > 0) {
        // A browser on a busy two-core machine sometimes misses a beat: one more try, said out loud
        // with the first error, so a real failure (which fails twice) still fails the run.
        const first = result.error?.replace(/\n/g, '\n      ');
        console.log(`  ↻ ${journey.name}: first try failed, trying once more\n      ${first}`);
        result = await runOne(journey, file, started.baseUrl, workDir);
      }
      const secs = (result.ms / 1000).toFixed(1);
      if (result.ok) {
        passed++;
        console.log(`  ✓ ${journey.name} (${secs}s)`);
      } else {
        failed++;
        console.log(`  ✗ ${journey.name} (${secs}s)\n      ${result.error?.replace(/\n/g, '\n      ')}`);
        if (result.steps.length) console.log(`      steps: ${result.steps.join(' → ')}`);
      }
    }
  } catch (e) {
    failed++;
    console.error(e instanceof Error ? e.message : e);
  } finally {
    stopServer(server);
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();

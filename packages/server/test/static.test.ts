import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebApp } from '../src/http/static.plugin';
import { createTestEnv } from './harness';

describe('serving the web app', () => {
  let env: Awaited<ReturnType<typeof createTestEnv>>;
  let dist: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tl-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Tideline</title><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
    env = await createTestEnv('sqlite');
    expect(await registerWebApp(env.app, dist)).toBe(true);
  });
  afterAll(async () => {
    await env.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, never cached', async () => {
    for (const url of ['/', '/customers', '/customers/0193a1b2-0000-7000-8000-000000000001?tab=timeline']) {
      const res = await env.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache and files at the root', async () => {
    const js = await env.app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await env.app.inject({ url: '/favicon.svg' })).statusCode).toBe(200);
    expect((await env.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    // Paths that climb out of dist are pages, not files.
    const escape = await env.app.inject({ url: '/..%2f..%2fpackage.json' });
    expect(escape.body).toContain('<div id="root">');
  });

  it('serves files of a rebuild made while the server runs', async () => {
    writeFileSync(join(dist, 'assets', 'index-new456.js'), 'console.log(2)');
    const res = await env.app.inject({ url: '/assets/index-new456.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(2)');
  });

  it('keeps API 404s as problem+json and the API itself working', async () => {
    const res = await env.app.inject({ url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await env.app.inject({ url: '/api/health' })).json()).toEqual({ ok: true });
    expect((await env.app.inject({ url: '/api/v1/customers' })).statusCode).toBe(401);
  });

  it('does nothing when the app is not built', async () => {
    const other = await createTestEnv('sqlite');
    expect(await registerWebApp(other.app, join(dist, 'nope'))).toBe(false);
    expect((await other.app.inject({ url: '/customers' })).statusCode).toBe(404);
    await other.close();
  });
});

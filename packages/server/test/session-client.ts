import type { Client, Response, TestEnv } from './harness';

/** A browser-like caller: cookie session plus the CSRF header, from its own IP so login rate limits stay apart. */
export interface SessionClient extends Client {
  cookie: string;
  csrf: string | null;
}

let ipCounter = 0;
/** A fresh client address per call site, so each test has its own login rate-limit bucket. */
export const freshIp = (): string => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

export async function request<T = any>(
  env: TestEnv,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response<T>> {
  const res = await env.app.inject({
    method,
    url: url.startsWith('/api') ? url : `/api/v1${url}`,
    headers: opts.headers ?? {},
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers };
}

/** The tl_session value a response set, if any. */
export function sessionCookieOf(res: Response): string | null {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  for (const c of all) {
    const m = /^tl_session=([^;]*)/.exec(c as string);
    if (m && m[1]) return m[1];
  }
  return null;
}

export async function login(
  env: TestEnv,
  email: string,
  password: string,
  opts: { workspace?: string; ip?: string } = {},
) {
  return request(env, 'POST', '/auth/login', {
    body: { email, password, ...(opts.workspace ? { workspace: opts.workspace } : {}) },
    headers: { 'x-forwarded-for': opts.ip ?? freshIp() },
  });
}

export function sessionClient(env: TestEnv, cookie: string, csrf: string | null): SessionClient {
  const headers = (): Record<string, string> => ({
    cookie: `tl_session=${cookie}`,
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  });
  return {
    cookie,
    csrf,
    get: (url) => request(env, 'GET', url, { headers: headers() }),
    post: (url, body) => request(env, 'POST', url, { body: body ?? {}, headers: headers() }),
    patch: (url, body) => request(env, 'PATCH', url, { body: body ?? {}, headers: headers() }),
    delete: (url) => request(env, 'DELETE', url, { headers: headers() }),
  };
}

/** Sign in and return a client that carries the cookie and CSRF token like the web app does. */
export async function signIn(
  env: TestEnv,
  email: string,
  password: string,
  opts: { workspace?: string } = {},
): Promise<SessionClient> {
  const res = await login(env, email, password, opts);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('no session cookie');
  return sessionClient(env, cookie, (res.body as { csrf_token: string }).csrf_token);
}

export const ADMIN_EMAIL = 'admin@test.cn';
export const ADMIN_PASSWORD = 'admin-pass-123';

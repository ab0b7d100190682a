import { expect, it } from 'vitest';
import type { RoleKey } from '@tideline/shared';
import { describeEachDialect } from './harness';
import type { TestEnv } from './harness';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  freshIp,
  login,
  request,
  sessionClient,
  sessionCookieOf,
  signIn,
} from './session-client';
import { sha256 } from '../src/modules/auth/password';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';

let seq = 0;
/** A user made through the API, with a real password. */
async function makeMember(env: TestEnv, role: RoleKey = 'rep', password = 'member-pass-123') {
  seq += 1;
  const email = `member${seq}@test.cn`;
  const res = await env
    .as(env.admin)
    .post('/users', { email, name: `成员${seq}`, password, role_id: env.ws.roleIds[role] });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email, password };
}

describeEachDialect('auth', (env) => {
  it('signs in with a cookie session and returns the user, role, workspace and CSRF token', async () => {
    const res = await login(env(), ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: env().ws.adminUserId, email: ADMIN_EMAIL, status: 'active' });
    expect(res.body.user.password_hash).toBeUndefined();
    expect(res.body.role).toMatchObject({ key: 'admin', data_scope: 'all' });
    expect(res.body.role.permissions).toContain('users:manage');
    expect(res.body.department).toMatchObject({ id: env().ws.rootDepartmentId });
    expect(res.body.workspace).toMatchObject({ timezone: 'Asia/Shanghai', currency: 'CNY', locale: 'zh-CN' });
    expect(typeof res.body.csrf_token).toBe('string');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = sessionCookieOf(res)!;
    // Only the hash of the secret is stored, with its CSRF token and expiry.
    const session = await env()
      .database.db.selectFrom('sessions')
      .selectAll()
      .where('id', '=', sha256(cookie))
      .executeTakeFirstOrThrow();
    expect(session.csrf_token).toBe(res.body.csrf_token);
    expect(new Date(session.expires_at).toISOString()).toBe('2026-12-07T02:00:00.000Z');
    const user = await env()
      .database.db.selectFrom('users')
      .select('last_login_at')
      .where('id', '=', env().ws.adminUserId)
      .executeTakeFirstOrThrow();
    expect(new Date(user.last_login_at!).toISOString()).toBe(env().clock.now().toISOString());
  });

  it('gives back the CSRF token on GET /auth/me so the web app recovers it after a reload', async () => {
    const client = await signIn(env(), ADMIN_EMAIL, ADMIN_PASSWORD);
    const withoutHeader = sessionClient(env(), client.cookie, null);
    const me = await withoutHeader.get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrf_token).toBe(client.csrf);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('refuses a cookie-authenticated write without the CSRF header and accepts it with the header', async () => {
    const client = await signIn(env(), ADMIN_EMAIL, ADMIN_PASSWORD);
    const forged = await sessionClient(env(), client.cookie, null).post('/departments', { name: '伪造部门' });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('csrf_failed');
    const wrong = await sessionClient(env(), client.cookie, 'not-the-token').post('/departments', {
      name: '伪造部门',
    });
    expect(wrong.status).toBe(403);
    const ok = await client.post('/departments', { name: '真实部门' });
    expect(ok.status).toBe(201);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const res = await request(env(), 'POST', '/auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
      headers: { 'x-forwarded-for': freshIp(), 'x-forwarded-proto': 'https' },
    });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/Secure/);
  });

  it('logs out: needs the CSRF token, deletes the session and clears the cookie', async () => {
    const client = await signIn(env(), ADMIN_EMAIL, ADMIN_PASSWORD);
    expect((await client.get('/auth/me')).status).toBe(200);
    const forged = await sessionClient(env(), client.cookie, null).post('/auth/logout');
    expect(forged.status).toBe(403);
    const res = await client.post('/auth/logout');
    expect(res.status).toBe(204);
    expect(String(res.headers['set-cookie'])).toMatch(/tl_session=;.*Expires=Thu, 01 Jan 1970/);
    const gone = await env()
      .database.db.selectFrom('sessions')
      .select('id')
      .where('id', '=', sha256(client.cookie))
      .executeTakeFirst();
    expect(gone).toBeUndefined();
    const after = await client.get('/auth/me');
    expect(after.status).toBe(401);
    // Logging out again with the stale cookie is harmless.
    expect((await client.post('/auth/logout')).status).toBe(204);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await login(env(), ADMIN_EMAIL, 'not-the-password');
    const unknown = await login(env(), 'nobody@test.cn', 'not-the-password');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('invalid_credentials');
    }
    expect(wrong.body.title).toBe(unknown.body.title);
    expect(sessionCookieOf(wrong)).toBeNull();
    // One success clears the admin's count again so later tests start fresh.
    expect((await login(env(), ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('locks an account after consecutive failures and unlocks it when the time has passed', async () => {
    const m = await makeMember(env());
    // A success in between resets the count.
    for (let i = 0; i < 3; i++) expect((await login(env(), m.email, 'wrong-password')).status).toBe(401);
    expect((await login(env(), m.email, m.password)).status).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await login(env(), m.email, 'wrong-password')).body.code).toBe('invalid_credentials');
    const fifth = await login(env(), m.email, 'wrong-password');
    expect(fifth.status).toBe(429);
    expect(fifth.body.code).toBe('account_locked');
    expect(fifth.body.locked_until).toBe('2026-11-23T02:15:00.000Z');
    // Even the right password waits for the lock.
    const locked = await login(env(), m.email, m.password);
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({
      code: 'account_locked',
      locked_until: '2026-11-23T02:15:00.000Z',
      retry_after_seconds: 900,
    });
    env().clock.advance(14 * 60_000);
    expect((await login(env(), m.email, m.password)).status).toBe(429);
    env().clock.advance(60_000);
    const ok = await login(env(), m.email, m.password);
    expect(ok.status).toBe(200);
    const row = await env()
      .database.db.selectFrom('users')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', m.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('locked');
  });

  it('keeps a disabled user out and ends their sessions', async () => {
    const m = await makeMember(env());
    const session = await signIn(env(), m.email, m.password);
    expect((await session.get('/auth/me')).status).toBe(200);
    const res = await env().as(env().admin).patch(`/users/${m.id}`, { status: 'disabled' });
    expect(res.status).toBe(200);
    const left = await env()
      .database.db.selectFrom('sessions')
      .select('id')
      .where('user_id', '=', m.id)
      .execute();
    expect(left).toHaveLength(0);
    expect((await session.get('/auth/me')).status).toBe(401);
    const again = await login(env(), m.email, m.password);
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('account_disabled');
    // Without the right password nobody learns that the account is disabled.
    expect((await login(env(), m.email, 'wrong-password')).body.code).toBe('invalid_credentials');
    expect((await env().as(env().admin).patch(`/users/${m.id}`, { status: 'active' })).status).toBe(200);
    expect((await login(env(), m.email, m.password)).status).toBe(200);
  });

  it('rate-limits sign-in attempts from one address with a 429 problem', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++)
      expect((await login(env(), `ghost${i}@test.cn`, 'whatever', { ip })).status).toBe(401);
    const limited = await login(env(), ADMIN_EMAIL, ADMIN_PASSWORD, { ip });
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    expect((await login(env(), ADMIN_EMAIL, ADMIN_PASSWORD)).status).toBe(200);
  });

  it('lets people change their profile; a new password needs the current one and ends other sessions', async () => {
    const m = await makeMember(env());
    const a = await signIn(env(), m.email, m.password);
    const b = await signIn(env(), m.email, m.password);
    const named = await a.patch('/auth/me', { name: '改过的名字', phone: '13800138000', locale: 'en-US' });
    expect(named.status).toBe(200);
    expect(named.body.user).toMatchObject({ name: '改过的名字', phone: '13800138000', locale: 'en-US' });
    expect(named.body.csrf_token).toBe(a.csrf);
    const unknown = await a.patch('/auth/me', { email: 'x@test.cn' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'email', code: 'unknown_field' });
    const missing = await a.patch('/auth/me', { password: 'brand-new-pass-1' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].path).toBe('current_password');
    const wrong = await a.patch('/auth/me', { password: 'brand-new-pass-1', current_password: 'nope-nope' });
    expect(wrong.body.errors[0]).toMatchObject({ path: 'current_password', code: 'wrong_password' });
    const changed = await a.patch('/auth/me', { password: 'brand-new-pass-1', current_password: m.password });
    expect(changed.status).toBe(200);
    expect((await a.get('/auth/me')).status).toBe(200);
    expect((await b.get('/auth/me')).status).toBe(401);
    expect((await login(env(), m.email, m.password)).status).toBe(401);
    expect((await login(env(), m.email, 'brand-new-pass-1')).status).toBe(200);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', m.id)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['created', 'updated', 'password_changed']),
    );
    expect(JSON.stringify(audit)).not.toMatch(/scrypt\$/);
  });

  it('answers /auth/me for an API token with the narrowed permissions and no CSRF token', async () => {
    const rep = await env().makeUser('rep', { scopes: ['customers:read'] });
    const me = await env().as(rep).get('/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.csrf_token).toBeNull();
    expect(me.body.permissions).toEqual(['customers:read']);
    expect(me.body.role.key).toBe('rep');
    const pw = await env().as(rep).patch('/auth/me', { password: 'brand-new-pass-1', current_password: 'x' });
    expect(pw.status).toBe(403);
    expect(pw.body.code).toBe('session_required');
  });

  it('asks for the workspace when the email has accounts in several (only if the password is right)', async () => {
    const other = await createWorkspace(env().deps, {
      name: '第二家公司',
      slug: `second-${Date.now().toString(36)}`,
      admin: { email: ADMIN_EMAIL, name: '另一个管理员', password: 'second-pass-123' },
    });
    const slug = (
      await env()
        .database.db.selectFrom('workspaces')
        .select('slug')
        .where('id', '=', other.workspaceId)
        .executeTakeFirstOrThrow()
    ).slug;
    const first = (
      await env()
        .database.db.selectFrom('workspaces')
        .select('slug')
        .where('id', '=', env().ws.workspaceId)
        .executeTakeFirstOrThrow()
    ).slug;
    const ambiguous = await login(env(), ADMIN_EMAIL, 'second-pass-123');
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.code).toBe('workspace_required');
    expect(ambiguous.body.errors[0].path).toBe('workspace');
    expect(ambiguous.body.workspaces).toEqual([{ slug, name: '第二家公司' }]);
    expect((await login(env(), ADMIN_EMAIL, 'wrong-password')).body.code).toBe('invalid_credentials');
    const chosen = await login(env(), ADMIN_EMAIL, 'second-pass-123', { workspace: slug });
    expect(chosen.status).toBe(200);
    expect(chosen.body.workspace.id).toBe(other.workspaceId);
    const home = await login(env(), ADMIN_EMAIL, ADMIN_PASSWORD, { workspace: first });
    expect(home.body.workspace.id).toBe(env().ws.workspaceId);
    // A password that belongs to the other workspace does not open this one.
    expect((await login(env(), ADMIN_EMAIL, 'second-pass-123', { workspace: first })).status).toBe(401);
  });
});

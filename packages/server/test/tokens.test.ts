import { beforeAll, expect, it } from 'vitest';
import { DEFAULT_ROLES, PERMISSIONS } from '@tideline/shared';
import { describeEachDialect } from './harness';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn } from './session-client';
import type { SessionClient } from './session-client';

describeEachDialect('tokens', (env) => {
  let admin: SessionClient;
  let rep: SessionClient;
  let repId: string;

  beforeAll(async () => {
    admin = await signIn(env(), ADMIN_EMAIL, ADMIN_PASSWORD);
    const res = await env().as(env().admin).post('/users', {
      email: 'token.rep@test.cn',
      name: '令牌代表',
      password: 'token-rep-123',
      role_id: env().ws.roleIds.rep,
    });
    repId = res.body.id;
    rep = await signIn(env(), 'token.rep@test.cn', 'token-rep-123');
  });

  it('creates a token from a session and shows its secret only once', async () => {
    const res = await admin.post('/tokens', { name: '对接 ERP', scopes: ['customers:read'] });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(/^tl_[A-Za-z0-9]{8}_/);
    expect(res.body).toMatchObject({
      name: '对接 ERP',
      scopes: ['customers:read'],
      expires_at: null,
      revoked_at: null,
    });
    const listed = await admin.get('/tokens');
    const item = listed.body.items.find((t: { id: string }) => t.id === res.body.id);
    expect(item).toMatchObject({ name: '对接 ERP', prefix: res.body.token.slice(3, 11) });
    expect(item).not.toHaveProperty('token');
    expect(item).not.toHaveProperty('token_hash');
    expect((await env().as(res.body.token).get('/customers')).status).toBe(200);
  });

  it('does not let an API token mint tokens, nor a user hand out scopes they lack', async () => {
    const minted = await env()
      .as(env().admin)
      .post('/tokens', { name: '套娃', scopes: ['customers:read'] });
    expect(minted.status).toBe(403);
    expect(minted.body.code).toBe('session_required');
    const beyond = await rep.post('/tokens', { name: '越权', scopes: ['customers:read', 'users:manage'] });
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0]).toMatchObject({ path: 'scopes[1]', code: 'scope_not_held' });
    const none = await rep.post('/tokens', { name: '空', scopes: [] });
    expect(none.body.errors[0].path).toBe('scopes');
    const past = await rep.post('/tokens', {
      name: '过去',
      scopes: ['customers:read'],
      expires_at: '2020-01-01T00:00:00Z',
    });
    expect(past.body.errors[0].path).toBe('expires_at');
  });

  it('lets a read-only token list customers but not create them', async () => {
    const { body } = await rep.post('/tokens', { name: '只读', scopes: ['customers:read'] });
    const client = env().as(body.token);
    expect((await client.get('/customers')).status).toBe(200);
    const write = await client.post('/customers', { name: '不该创建' });
    expect(write.status).toBe(403);
    expect(write.body.code).toBe('permission_denied');
  });

  it('refuses a revoked token at once', async () => {
    const { body } = await rep.post('/tokens', { name: '将被吊销', scopes: ['customers:read'] });
    const client = env().as(body.token);
    expect((await client.get('/customers')).status).toBe(200);
    expect((await rep.delete(`/tokens/${body.id}`)).status).toBe(204);
    const after = await client.get('/customers');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
    const listed = await rep.get('/tokens');
    expect(listed.body.items.find((t: { id: string }) => t.id === body.id).revoked_at).toBeTruthy();
  });

  it('refuses a token once it has expired', async () => {
    const expiresAt = new Date(env().clock.now().getTime() + 3_600_000).toISOString();
    const { body } = await rep.post('/tokens', {
      name: '一小时',
      scopes: ['customers:read'],
      expires_at: expiresAt,
    });
    expect(body.expires_at).toBe(expiresAt);
    const client = env().as(body.token);
    expect((await client.get('/customers')).status).toBe(200);
    env().clock.advance(2 * 3_600_000);
    const after = await client.get('/customers');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('invalid_token');
  });

  it('never lets a rep’s token see another rep’s customer, whatever its scopes', async () => {
    const other = await env().makeUser('rep');
    const { body: theirs } = await env().as(other).post('/customers', { name: '别人的客户' });
    const { body: token } = await rep.post('/tokens', {
      name: '全部权限',
      scopes: DEFAULT_ROLES.rep.permissions,
    });
    const client = env().as(token.token);
    const { body: mine } = await client.post('/customers', { name: '我的客户' });
    expect((await client.get(`/customers/${theirs.id}`)).status).toBe(404);
    const listed = await client.get('/customers?limit=200');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await client.patch(`/customers/${theirs.id}`, { industry: 'x' })).status).toBe(404);
    // Scopes beyond the role do nothing: the admin-only routes stay closed.
    const me = await client.get('/auth/me');
    expect(me.body.permissions).not.toContain('users:manage');
    expect(PERMISSIONS.length).toBeGreaterThan(me.body.permissions.length);
    expect((await client.post('/departments', { name: '越权部门' })).status).toBe(403);
  });

  it('shows people their own tokens; only tokens:manage sees and revokes everyone’s', async () => {
    const mine = await rep.get('/tokens');
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((t: { user_id: string }) => t.user_id === repId)).toBe(true);
    const all = await admin.get('/tokens');
    const ids = new Set(all.body.items.map((t: { user_id: string }) => t.user_id));
    expect(ids.has(repId)).toBe(true);
    expect(ids.has(env().ws.adminUserId)).toBe(true);
    const adminToken = all.body.items.find(
      (t: { user_id: string; revoked_at: string | null }) => t.user_id === env().ws.adminUserId,
    );
    expect((await rep.delete(`/tokens/${adminToken.id}`)).status).toBe(404);
    const repToken = mine.body.items.find((t: { revoked_at: string | null }) => t.revoked_at === null);
    expect((await admin.delete(`/tokens/${repToken.id}`)).status).toBe(204);
  });
});

describeEachDialect('token last use', (env) => {
  it('records when a token was last used, at most once a minute', async () => {
    const e = env();
    const user = await e.makeUser('rep');
    const row = () =>
      e.database.db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
    expect((await row()).last_used_at).toBeNull();
    await e.as(user).get('/customers');
    expect((await row()).last_used_at).toBe(e.clock.now().toISOString());
  });
});

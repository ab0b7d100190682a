import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { login, signIn } from './session-client';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';
import type { CreatedWorkspace } from '../src/modules/workspaces/workspace.service';

const PUBLIC_KEYS = ['department_id', 'email', 'id', 'manager_id', 'name', 'phone', 'role_id', 'status'];

describeEachDialect('users', (env) => {
  let rep: TestUser;
  let other: CreatedWorkspace;
  let otherUserId: string;

  beforeAll(async () => {
    rep = await env().makeUser('rep', { name: '普通代表' });
    other = await createWorkspace(env().deps, {
      name: '别家公司',
      slug: `other-${Math.random().toString(36).slice(2, 10)}`,
      admin: { email: 'boss@other.cn', name: '别家管理员', password: 'other-pass-123' },
    });
    otherUserId = other.adminUserId;
  });

  const userCount = async () =>
    (
      await env()
        .database.db.selectFrom('users')
        .select('id')
        .where('workspace_id', '=', env().ws.workspaceId)
        .execute()
    ).length;

  it('lets any signed-in user list colleagues, with public fields only', async () => {
    const res = await env().as(rep).get('/users?limit=200');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    for (const u of res.body.items) expect(Object.keys(u).sort()).toEqual(PUBLIC_KEYS);
    const one = await env().as(rep).get(`/users/${env().ws.adminUserId}`);
    expect(Object.keys(one.body).sort()).toEqual(PUBLIC_KEYS);
    const asAdmin = await env().as(env().admin).get(`/users/${rep.id}`);
    expect(asAdmin.body).toHaveProperty('last_login_at');
    expect(asAdmin.body).toHaveProperty('locale');
    expect(asAdmin.body).not.toHaveProperty('password_hash');
    // Fields beyond the public ones cannot be probed through filters either.
    const probe = await env()
      .as(rep)
      .get(
        `/users?filter=${encodeURIComponent(JSON.stringify([{ field: 'last_login_at', op: 'not_empty' }]))}`,
      );
    expect(probe.status).toBe(400);
    expect(probe.body.errors[0].path).toBe('filter[0].field');
  });

  it('creates a user with a hashed password, audited without it', async () => {
    const res = await env().as(env().admin).post('/users', {
      email: 'Wang.Fang@Test.cn',
      name: '王芳',
      password: 'wang-pass-123',
      role_id: env().ws.roleIds.rep,
      phone: '13900001111',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'wang.fang@test.cn',
      status: 'active',
      locale: 'zh-CN',
      department_id: env().ws.rootDepartmentId,
    });
    expect(res.body).not.toHaveProperty('password_hash');
    const db = env().database.db;
    const row = await db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const audit = await db.selectFrom('audit_log').selectAll().where('record_id', '=', res.body.id).execute();
    expect(audit.map((a) => [a.action, a.entity])).toEqual([['created', 'user']]);
    const events = await db.selectFrom('events').selectAll().where('record_id', '=', res.body.id).execute();
    expect(events.map((e) => e.type)).toEqual(['user.created']);
    expect(JSON.stringify([audit, events])).not.toMatch(/scrypt|password/);
    expect((await login(env(), 'wang.fang@test.cn', 'wang-pass-123')).status).toBe(200);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const admin = env().as(env().admin);
    const before = await userCount();
    const base = { name: '坏输入', password: 'bad-input-123', role_id: env().ws.roleIds.rep };
    const dup = await admin.post('/users', { ...base, email: 'WANG.FANG@test.cn' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
    expect(dup.body.errors[0].path).toBe('email');
    const foreignRole = await admin.post('/users', {
      ...base,
      email: 'a1@test.cn',
      role_id: other.roleIds.rep,
    });
    expect(foreignRole.status).toBe(400);
    expect(foreignRole.body.errors[0].path).toBe('role_id');
    const foreignDept = await admin.post('/users', {
      ...base,
      email: 'a2@test.cn',
      department_id: other.rootDepartmentId,
    });
    expect(foreignDept.status).toBe(400);
    expect(foreignDept.body.errors[0].path).toBe('department_id');
    const foreignManager = await admin.post('/users', {
      ...base,
      email: 'a3@test.cn',
      manager_id: otherUserId,
    });
    expect(foreignManager.status).toBe(400);
    expect(foreignManager.body.errors[0].path).toBe('manager_id');
    const badEnum = await admin.post('/users', { ...base, email: 'a4@test.cn', status: 'paused' });
    expect(badEnum.status).toBe(400);
    expect(badEnum.body.errors[0].path).toBe('status');
    const unknown = await admin.post('/users', { ...base, email: 'a5@test.cn', salary: 100 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'salary', code: 'unknown_field' });
    const short = await admin.post('/users', { ...base, email: 'a6@test.cn', password: 'short' });
    expect(short.body.errors[0].path).toBe('password');
    expect(await userCount()).toBe(before);
    // Another workspace's user is not found here.
    expect((await admin.get(`/users/${otherUserId}`)).status).toBe(404);
  });

  it('only lets holders of users:manage create or change users', async () => {
    const create = await env().as(rep).post('/users', {
      email: 'x@test.cn',
      name: 'x',
      password: 'x-pass-1234',
      role_id: env().ws.roleIds.rep,
    });
    expect(create.status).toBe(403);
    expect(create.body.code).toBe('permission_denied');
    expect((await env().as(rep).patch(`/users/${rep.id}`, { name: '自封' })).status).toBe(403);
  });

  it('filters by q, status, department and role, and pages with a cursor', async () => {
    const dept = await env().makeDepartment('筛选部');
    const admin = env().as(env().admin);
    const ids: string[] = [];
    for (const [i, name] of ['赵一', '赵二', '赵三'].entries()) {
      const res = await admin.post('/users', {
        email: `zhao${i}@test.cn`,
        name,
        password: 'zhao-pass-123',
        role_id: env().ws.roleIds[i === 2 ? 'manager' : 'rep'],
        department_id: dept,
      });
      ids.push(res.body.id);
    }
    await admin.patch(`/users/${ids[1]}`, { status: 'disabled' });
    const page1 = await env().as(rep).get(`/users?department_id=${dept}&limit=2`);
    // Sorted by name (code point order on both databases), two per page.
    expect(page1.body.items.map((u: { name: string }) => u.name)).toEqual(['赵一', '赵三']);
    expect(page1.body.next_cursor).toBeTruthy();
    const page2 = await env()
      .as(rep)
      .get(`/users?department_id=${dept}&limit=2&cursor=${page1.body.next_cursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.next_cursor).toBeNull();
    const all = [...page1.body.items, ...page2.body.items].map((u: { id: string }) => u.id).sort();
    expect(all).toEqual([...ids].sort());
    const disabled = await env().as(rep).get(`/users?department_id=${dept}&status=disabled`);
    expect(disabled.body.items.map((u: { id: string }) => u.id)).toEqual([ids[1]]);
    const managers = await env()
      .as(rep)
      .get(`/users?department_id=${dept}&role_id=${env().ws.roleIds.manager}`);
    expect(managers.body.items.map((u: { id: string }) => u.id)).toEqual([ids[2]]);
    const q = await env()
      .as(rep)
      .get(`/users?q=${encodeURIComponent('赵二')}`);
    expect(q.body.items.map((u: { id: string }) => u.id)).toEqual([ids[1]]);
    const byEmail = await env().as(rep).get('/users?q=ZHAO2');
    expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([ids[2]]);
    const filter = encodeURIComponent(
      JSON.stringify([
        { field: 'status', op: 'eq', value: 'active' },
        { field: 'department_id', op: 'eq', value: dept },
      ]),
    );
    expect((await env().as(rep).get(`/users?filter=${filter}`)).body.items).toHaveLength(2);
    const badStatus = await env().as(rep).get('/users?status=paused');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].path).toBe('querystring.status');
  });

  it('records field-level changes and refuses an unknown or foreign reference on update', async () => {
    const admin = env().as(env().admin);
    const { body: u } = await admin.post('/users', {
      email: 'li.lei@test.cn',
      name: '李雷',
      password: 'lilei-pass-123',
      role_id: env().ws.roleIds.rep,
    });
    const dept = await env().makeDepartment('更新部');
    const res = await admin.patch(`/users/${u.id}`, {
      name: '李雷雷',
      department_id: dept,
      role_id: env().ws.roleIds.manager,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '李雷雷',
      department_id: dept,
      role_id: env().ws.roleIds.manager,
      status: 'active',
    });
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', u.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson(audit.changes)).toEqual({
      name: { before: '李雷', after: '李雷雷' },
      department_id: { before: env().ws.rootDepartmentId, after: dept },
      role_id: { before: env().ws.roleIds.rep, after: env().ws.roleIds.manager },
    });
    // A patch that leaves status out does not touch it (no create defaults on update).
    await admin.patch(`/users/${u.id}`, { status: 'disabled' });
    expect((await admin.patch(`/users/${u.id}`, { phone: '13800000000' })).body.status).toBe('disabled');
    expect((await admin.patch(`/users/${u.id}`, { role_id: other.roleIds.rep })).body.errors[0].path).toBe(
      'role_id',
    );
    expect((await admin.patch(`/users/${u.id}`, { email: 'wang.fang@test.cn' })).status).toBe(409);
    expect((await admin.patch(`/users/${otherUserId}`, { name: 'x' })).status).toBe(404);
    const reset = await admin.patch(`/users/${u.id}`, { status: 'active', password: 'reset-pass-123' });
    expect(reset.status).toBe(200);
    expect((await login(env(), 'li.lei@test.cn', 'reset-pass-123')).status).toBe(200);
  });

  it('refuses to disable yourself or to leave the workspace without an active admin', async () => {
    const admin = env().as(env().admin);
    const self = await admin.patch(`/users/${env().admin.id}`, { status: 'disabled' });
    expect(self.status).toBe(400);
    expect(self.body.errors[0]).toMatchObject({ path: 'status', code: 'cannot_disable_self' });
    const demote = await admin.patch(`/users/${env().admin.id}`, { role_id: env().ws.roleIds.rep });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    const admin2 = await env().makeUser('admin');
    // Two admins: one may go.
    expect((await admin.patch(`/users/${admin2.id}`, { status: 'disabled' })).status).toBe(200);
    // Now the first is the last active admin again.
    const last = await env()
      .as(env().admin)
      .patch(`/users/${env().admin.id}`, { role_id: env().ws.roleIds.manager });
    expect(last.body.code).toBe('last_admin');
    const row = await env()
      .database.db.selectFrom('users')
      .select('role_id')
      .where('id', '=', env().admin.id)
      .executeTakeFirstOrThrow();
    expect(row.role_id).toBe(env().ws.roleIds.admin);
  });

  it('keeps reporting lines free of loops', async () => {
    const a = await env().makeUser('rep');
    const b = await env().makeUser('rep');
    const admin = env().as(env().admin);
    expect((await admin.patch(`/users/${a.id}`, { manager_id: b.id })).status).toBe(200);
    const loop = await admin.patch(`/users/${b.id}`, { manager_id: a.id });
    expect(loop.status).toBe(400);
    expect(loop.body.errors[0]).toMatchObject({ path: 'manager_id', code: 'cycle' });
    expect((await admin.patch(`/users/${b.id}`, { manager_id: b.id })).body.errors[0].code).toBe('cycle');
  });

  it('does not let a custom role with users:manage mint admins or take over an admin account', async () => {
    const admin = env().as(env().admin);
    const role = await admin.post('/roles', {
      name: '人事',
      permissions: ['users:manage', 'customers:read'],
      data_scope: 'own',
    });
    expect(role.status).toBe(201);
    await admin.post('/users', {
      email: 'hr@test.cn',
      name: '人事专员',
      password: 'hr-pass-1234',
      role_id: role.body.id,
    });
    const hr = await signIn(env(), 'hr@test.cn', 'hr-pass-1234');
    const mint = await hr.post('/users', {
      email: 'evil@test.cn',
      name: '冒牌',
      password: 'evil-pass-123',
      role_id: env().ws.roleIds.admin,
    });
    expect(mint.status).toBe(400);
    expect(mint.body.errors[0]).toMatchObject({ path: 'role_id', code: 'role_not_grantable' });
    const takeover = await hr.patch(`/users/${env().admin.id}`, { password: 'taken-over-123' });
    expect(takeover.status).toBe(403);
    expect(takeover.body.code).toBe('user_not_manageable');
    // Within its own rights it works.
    const { body: hrRole } = await admin.get(`/roles/${role.body.id}`);
    const ok = await hr.post('/users', {
      email: 'intern@test.cn',
      name: '实习生',
      password: 'intern-pass-1',
      role_id: hrRole.id,
    });
    expect(ok.status).toBe(201);
  });

  it('lifts a lockout on request', async () => {
    const admin = env().as(env().admin);
    const { body: u } = await admin.post('/users', {
      email: 'locked@test.cn',
      name: '被锁',
      password: 'locked-pass-1',
      role_id: env().ws.roleIds.rep,
    });
    for (let i = 0; i < 5; i++) await login(env(), 'locked@test.cn', 'wrong-password');
    expect((await login(env(), 'locked@test.cn', 'locked-pass-1')).body.code).toBe('account_locked');
    const res = await admin.post(`/users/${u.id}/unlock`);
    expect(res.status).toBe(200);
    expect(res.body.locked_until).toBeNull();
    expect((await login(env(), 'locked@test.cn', 'locked-pass-1')).status).toBe(200);
  });
});

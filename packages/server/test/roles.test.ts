import { expect, it } from 'vitest';
import { DEFAULT_ROLES, PERMISSIONS } from '@tideline/shared';
import { describeEachDialect } from './harness';
import { signIn } from './session-client';

describeEachDialect('roles', (env) => {
  it('lists the built-in roles first, with permissions and holder counts, to anyone signed in', async () => {
    const rep = await env().makeUser('rep');
    const res = await env().as(rep).get('/roles');
    expect(res.status).toBe(200);
    expect(res.body.items.map((r: { key: string }) => r.key)).toEqual([
      'admin',
      'manager',
      'rep',
      'marketing',
      'service',
    ]);
    const admin = res.body.items[0];
    expect(admin).toMatchObject({ data_scope: 'all', is_system: true, user_count: 1 });
    expect([...admin.permissions].sort()).toEqual([...PERMISSIONS].sort());
    expect(res.body.items[2]).toMatchObject({ key: 'rep', data_scope: 'own', user_count: 1 });
  });

  it('creates a custom role, audited, and refuses bad input', async () => {
    const admin = env().as(env().admin);
    const res = await admin.post('/roles', {
      name: '售后专员',
      permissions: ['customers:read', 'tasks:read', 'tasks:write'],
      data_scope: 'department',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      key: 'custom',
      is_system: false,
      data_scope: 'department',
      user_count: 0,
    });
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select(['action', 'entity'])
      .where('record_id', '=', res.body.id)
      .execute();
    expect(audit).toEqual([{ action: 'created', entity: 'role' }]);
    const badPermission = await admin.post('/roles', {
      name: 'x',
      permissions: ['customers:fly'],
      data_scope: 'own',
    });
    expect(badPermission.status).toBe(400);
    expect(badPermission.body.errors[0].path).toBe('permissions[0]');
    const badScope = await admin.post('/roles', { name: 'x', permissions: [], data_scope: 'galaxy' });
    expect(badScope.body.errors[0].path).toBe('data_scope');
    const unknown = await admin.post('/roles', {
      name: 'x',
      permissions: [],
      data_scope: 'own',
      key: 'admin',
    });
    expect(unknown.body.errors[0]).toMatchObject({ path: 'key', code: 'unknown_field' });
    const rep = await env().makeUser('rep');
    expect(
      (await env().as(rep).post('/roles', { name: 'x', permissions: [], data_scope: 'own' })).status,
    ).toBe(403);
  });

  it('applies a change of permissions or data scope to the role’s holders at once', async () => {
    const admin = env().as(env().admin);
    const rep = await env().makeUser('rep');
    const rep2 = await env().makeUser('rep');
    const { body: theirs } = await env().as(rep2).post('/customers', { name: '别人的客户' });
    expect((await env().as(rep).post('/customers', { name: '可以创建' })).status).toBe(201);
    expect((await env().as(rep).get(`/customers/${theirs.id}`)).status).toBe(404);

    const reduced = DEFAULT_ROLES.rep.permissions.filter((p) => p !== 'customers:write');
    const patched = await admin.patch(`/roles/${env().ws.roleIds.rep}`, { permissions: reduced });
    expect(patched.status).toBe(200);
    expect(patched.body.permissions).not.toContain('customers:write');
    const refused = await env().as(rep).post('/customers', { name: '不能创建' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('permission_denied');

    await admin.patch(`/roles/${env().ws.roleIds.rep}`, { data_scope: 'all' });
    expect((await env().as(rep).get(`/customers/${theirs.id}`)).status).toBe(200);

    await admin.patch(`/roles/${env().ws.roleIds.rep}`, {
      permissions: DEFAULT_ROLES.rep.permissions,
      data_scope: 'own',
    });
    expect((await env().as(rep).post('/customers', { name: '又能创建' })).status).toBe(201);
    expect((await env().as(rep).get(`/customers/${theirs.id}`)).status).toBe(404);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('changes')
      .where('record_id', '=', env().ws.roleIds.rep)
      .where('action', '=', 'updated')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(3);
    expect(env().database.dialect.readJson(audit[1]!.changes)).toEqual({
      data_scope: { before: 'own', after: 'all' },
    });
  });

  it('keeps every permission and scope all on the admin role, but lets it be renamed', async () => {
    const admin = env().as(env().admin);
    const id = env().ws.roleIds.admin;
    const fewer = await admin.patch(`/roles/${id}`, { permissions: ['customers:read'] });
    expect(fewer.status).toBe(400);
    expect(fewer.body.errors[0]).toMatchObject({ path: 'permissions', code: 'admin_role_fixed' });
    const narrower = await admin.patch(`/roles/${id}`, { data_scope: 'department' });
    expect(narrower.body.errors[0]).toMatchObject({ path: 'data_scope', code: 'admin_role_fixed' });
    const renamed = await admin.patch(`/roles/${id}`, { name: '超级管理员' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '超级管理员', key: 'admin', data_scope: 'all' });
    expect((await admin.get('/users?limit=1')).status).toBe(200);
  });

  it('deletes custom roles only, and only when nobody holds them', async () => {
    const admin = env().as(env().admin);
    const system = await admin.delete(`/roles/${env().ws.roleIds.marketing}`);
    expect(system.status).toBe(409);
    expect(system.body.code).toBe('system_role');
    const { body: role } = await admin.post('/roles', {
      name: '临时角色',
      permissions: ['customers:read'],
      data_scope: 'own',
    });
    const { body: holder } = await admin.post('/users', {
      email: 'temp@test.cn',
      name: '临时工',
      password: 'temp-pass-123',
      role_id: role.id,
    });
    await admin.patch(`/users/${holder.id}`, { status: 'disabled' });
    const inUse = await admin.delete(`/roles/${role.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body).toMatchObject({ code: 'role_in_use', user_count: 1 });
    await admin.patch(`/users/${holder.id}`, { role_id: env().ws.roleIds.rep });
    expect((await admin.delete(`/roles/${role.id}`)).status).toBe(204);
    expect((await admin.get(`/roles/${role.id}`)).status).toBe(404);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', role.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'deleted']);
  });

  it('does not let a role manager grant rights it does not hold', async () => {
    const admin = env().as(env().admin);
    const { body: role } = await admin.post('/roles', {
      name: '角色管理员',
      permissions: ['roles:manage', 'customers:read'],
      data_scope: 'own',
    });
    await admin.post('/users', {
      email: 'rm@test.cn',
      name: '角色管理',
      password: 'rm-pass-1234',
      role_id: role.id,
    });
    const rm = await signIn(env(), 'rm@test.cn', 'rm-pass-1234');
    const wider = await rm.post('/roles', {
      name: '越权',
      permissions: ['customers:read', 'users:manage'],
      data_scope: 'all',
    });
    expect(wider.status).toBe(400);
    expect(wider.body.errors).toEqual([
      { path: 'permissions[1]', message: 'you do not hold users:manage', code: 'permission_not_held' },
      { path: 'data_scope', message: 'your own data scope is own', code: 'scope_not_held' },
    ]);
    const selfPromotion = await rm.patch(`/roles/${role.id}`, {
      permissions: ['roles:manage', 'customers:read', 'users:manage'],
    });
    expect(selfPromotion.body.errors[0]).toMatchObject({
      path: 'permissions[2]',
      code: 'permission_not_held',
    });
    const fine = await rm.post('/roles', {
      name: '只读',
      permissions: ['customers:read'],
      data_scope: 'own',
    });
    expect(fine.status).toBe(201);
  });
});

import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import { createWorkspace } from '../src/modules/workspaces/workspace.service';

interface Dept {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  member_count: number;
  total_member_count: number;
}

describeEachDialect('departments', (env) => {
  const list = async (): Promise<Dept[]> => (await env().as(env().admin).get('/departments')).body.items;
  const byId = async (id: string) => (await list()).find((d) => d.id === id)!;

  it('lists the tree flat, with paths and active member counts, to anyone signed in', async () => {
    const admin = env().as(env().admin);
    const { body: east } = await admin.post('/departments', { name: '华东区' });
    const { body: sh } = await admin.post('/departments', { name: '上海组', parent_id: east.id });
    const a = await env().makeUser('rep', { departmentId: sh.id });
    await env().makeUser('rep', { departmentId: sh.id });
    await env().makeUser('manager', { departmentId: east.id });
    await admin.patch(`/users/${a.id}`, { status: 'disabled' });
    const viewer = await env().makeUser('rep');
    const res = await env().as(viewer).get('/departments');
    expect(res.status).toBe(200);
    const items: Dept[] = res.body.items;
    expect(items[0]!.id).toBe(env().ws.rootDepartmentId);
    const root = env().ws.rootDepartmentId;
    expect(items.find((d) => d.id === sh.id)).toMatchObject({
      parent_id: east.id,
      path: `/${root}/${east.id}/${sh.id}/`,
      member_count: 1,
      total_member_count: 1,
    });
    expect(items.find((d) => d.id === east.id)).toMatchObject({ member_count: 1, total_member_count: 2 });
  });

  it('creates only under a parent of the same workspace, with unique sibling names, audited', async () => {
    const admin = env().as(env().admin);
    const other = await createWorkspace(env().deps, {
      name: '别家',
      slug: `dept-other-${Math.random().toString(36).slice(2, 8)}`,
      admin: { email: 'o@other.cn', name: 'o', password: 'other-pass-123' },
    });
    const foreign = await admin.post('/departments', { name: '越界', parent_id: other.rootDepartmentId });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].path).toBe('parent_id');
    const underRoot = await admin.post('/departments', { name: '华南区' });
    expect(underRoot.status).toBe(201);
    expect(underRoot.body.parent_id).toBe(env().ws.rootDepartmentId);
    const dup = await admin.post('/departments', { name: '华南区' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('name');
    const badManager = await admin.post('/departments', { name: '西南区', manager_id: other.adminUserId });
    expect(badManager.body.errors[0].path).toBe('manager_id');
    const rep = await env().makeUser('rep');
    expect((await env().as(rep).post('/departments', { name: '自建' })).status).toBe(403);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', underRoot.body.id)
      .execute();
    expect(audit.map((x) => [x.action, x.entity])).toEqual([['created', 'department']]);
  });

  it('moves a department: rewrites the whole subtree and managers see the moved-in reps at once', async () => {
    const admin = env().as(env().admin);
    const root = env().ws.rootDepartmentId;
    const { body: east } = await admin.post('/departments', { name: '华东' });
    const { body: north } = await admin.post('/departments', { name: '华北' });
    const { body: beijing } = await admin.post('/departments', { name: '北京组', parent_id: north.id });
    const { body: chaoyang } = await admin.post('/departments', { name: '朝阳小组', parent_id: beijing.id });
    const eastManager = await env().makeUser('manager', { departmentId: east.id });
    const northManager = await env().makeUser('manager', { departmentId: north.id });
    const rep = await env().makeUser('rep', { departmentId: chaoyang.id });
    const { body: customer } = await env().as(rep).post('/customers', { name: '朝阳客户' });
    expect((await env().as(eastManager).get(`/customers/${customer.id}`)).status).toBe(404);
    expect((await env().as(northManager).get(`/customers/${customer.id}`)).status).toBe(200);

    const moved = await admin.patch(`/departments/${beijing.id}`, { parent_id: east.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      parent_id: east.id,
      path: `/${root}/${east.id}/${beijing.id}/`,
      total_member_count: 1,
    });
    expect((await byId(chaoyang.id)).path).toBe(`/${root}/${east.id}/${beijing.id}/${chaoyang.id}/`);
    expect((await byId(east.id)).total_member_count).toBe(2);
    expect((await byId(north.id)).total_member_count).toBe(1);

    expect((await env().as(eastManager).get(`/customers/${customer.id}`)).status).toBe(200);
    const seen = await env().as(eastManager).get('/customers?limit=200');
    expect(seen.body.items.map((c: { id: string }) => c.id)).toContain(customer.id);
    expect((await env().as(northManager).get(`/customers/${customer.id}`)).status).toBe(404);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', beijing.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson(audit.changes)).toEqual({
      parent_id: { before: north.id, after: east.id },
      path: { before: `/${root}/${north.id}/${beijing.id}/`, after: `/${root}/${east.id}/${beijing.id}/` },
    });
  });

  it('refuses to move a department under itself or its own descendant, and never moves the root', async () => {
    const admin = env().as(env().admin);
    const { body: a } = await admin.post('/departments', { name: '环A' });
    const { body: b } = await admin.post('/departments', { name: '环B', parent_id: a.id });
    const { body: c } = await admin.post('/departments', { name: '环C', parent_id: b.id });
    for (const target of [a.id, b.id, c.id]) {
      const res = await admin.patch(`/departments/${a.id}`, { parent_id: target });
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ path: 'parent_id', code: 'cycle' });
    }
    expect((await byId(c.id)).path).toBe(`/${env().ws.rootDepartmentId}/${a.id}/${b.id}/${c.id}/`);
    const root = await admin.patch(`/departments/${env().ws.rootDepartmentId}`, { parent_id: a.id });
    expect(root.status).toBe(400);
    expect(root.body.errors[0].path).toBe('parent_id');
    const orphan = await admin.patch(`/departments/${a.id}`, { parent_id: null });
    expect(orphan.body.errors[0].path).toBe('parent_id');
    const renamed = await admin.patch(`/departments/${c.id}`, { name: '环C改' });
    expect(renamed.body).toMatchObject({ name: '环C改', parent_id: b.id });
  });

  it('deletes only empty leaves, never the root', async () => {
    const admin = env().as(env().admin);
    const { body: parent } = await admin.post('/departments', { name: '待删父' });
    const { body: child } = await admin.post('/departments', { name: '待删子', parent_id: parent.id });
    const { body: empty } = await admin.post('/departments', { name: '空部门' });
    const member = await env().makeUser('rep', { departmentId: child.id });
    await admin.patch(`/users/${member.id}`, { status: 'disabled' });

    const withChildren = await admin.delete(`/departments/${parent.id}`);
    expect(withChildren.status).toBe(409);
    expect(withChildren.body.code).toBe('department_has_children');
    const withUsers = await admin.delete(`/departments/${child.id}`);
    expect(withUsers.status).toBe(409);
    expect(withUsers.body.code).toBe('department_has_users');
    const root = await admin.delete(`/departments/${env().ws.rootDepartmentId}`);
    expect(root.status).toBe(409);
    expect(root.body.code).toBe('root_department');
    expect(
      (
        await env()
          .as(await env().makeUser('rep'))
          .delete(`/departments/${empty.id}`)
      ).status,
    ).toBe(403);

    expect((await admin.delete(`/departments/${empty.id}`)).status).toBe(204);
    expect((await admin.get(`/departments/${empty.id}`)).status).toBe(404);
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', empty.id)
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['created', 'deleted']);

    await admin.patch(`/users/${member.id}`, { department_id: parent.id });
    expect((await admin.delete(`/departments/${child.id}`)).status).toBe(204);
  });
});

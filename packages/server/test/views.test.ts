import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('saved views', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let personalId: string;
  let sharedId: string;

  it('saves a personal view that only its owner sees, audited', async () => {
    rep = await env().makeUser('rep', { name: '王五' });
    rep2 = await env().makeUser('rep', { name: '赵六' });
    const res = await env()
      .as(rep)
      .post('/views', {
        name: '我的活跃客户',
        entity: 'customer',
        filter: [
          { field: 'owner_id', op: 'eq', value: '$me' },
          { field: 'status', op: 'eq', value: 'active' },
          { field: 'last_contact_at', op: 'older_than_days', value: 30 },
        ],
        sort: '-last_contact_at',
        columns: ['name', 'status', 'last_contact_at'],
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '我的活跃客户',
      entity: 'customer',
      shared: false,
      owner_id: rep.id,
      can_edit: true,
    });
    expect(res.body.filter[0]).toEqual({ field: 'owner_id', op: 'eq', value: '$me' });
    personalId = res.body.id;

    const mine = await env().as(rep).get('/views?entity=customer');
    expect(mine.body.items.map((v: any) => v.id)).toEqual([personalId]);
    const theirs = await env().as(rep2).get('/views?entity=customer');
    expect(theirs.body.items).toEqual([]);
    expect((await env().as(rep).get('/views?entity=deal')).body.items).toEqual([]);

    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', personalId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'created', entity: 'saved_view', actor_id: rep.id });
  });

  it('hides a personal view from other users behind 404', async () => {
    expect((await env().as(rep2).get(`/views/${personalId}`)).status).toBe(404);
    expect((await env().as(rep2).patch(`/views/${personalId}`, { name: 'x' })).status).toBe(404);
    expect((await env().as(rep2).delete(`/views/${personalId}`)).status).toBe(404);
    // Not even an admin reads someone's personal view.
    expect((await env().as(env().admin).get(`/views/${personalId}`)).status).toBe(404);
  });

  it('lets only people who manage the workspace share views; everyone sees shared views read-only', async () => {
    const refused = await env()
      .as(rep)
      .post('/views', { name: '全员视图', entity: 'customer', shared: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('cannot_share');

    const res = await env()
      .as(env().admin)
      .post('/views', {
        name: '沉睡客户',
        entity: 'customer',
        shared: true,
        filter: [{ field: 'last_contact_at', op: 'older_than_days', value: 90 }],
      });
    expect(res.status).toBe(201);
    sharedId = res.body.id;

    const seen = await env().as(rep2).get('/views?entity=customer');
    expect(seen.body.items).toHaveLength(1);
    expect(seen.body.items[0]).toMatchObject({ id: sharedId, shared: true, can_edit: false });
    // Shared views come first in the list.
    const repList = await env().as(rep).get('/views?entity=customer');
    expect(repList.body.items.map((v: any) => v.id)).toEqual([sharedId, personalId]);

    const patch = await env().as(rep2).patch(`/views/${sharedId}`, { name: '改名' });
    expect(patch.status).toBe(403);
    expect((await env().as(rep2).delete(`/views/${sharedId}`)).status).toBe(403);
    expect((await env().as(rep).patch(`/views/${personalId}`, { shared: true })).status).toBe(403);

    // A manager (tags:manage) may share too.
    const manager = await env().makeUser('manager');
    const byManager = await env()
      .as(manager)
      .post('/views', {
        name: '本周新客户',
        entity: 'customer',
        shared: true,
        filter: [{ field: 'created_at', op: 'period', value: 'this_week' }],
      });
    expect(byManager.status).toBe(201);
    expect(
      (
        await env()
          .as(manager)
          .patch(`/views/${sharedId}`, { columns: ['name'] })
      ).status,
    ).toBe(200);
  });

  it('refuses filters and sorts the list could not run, naming the bad part', async () => {
    const bad = await env()
      .as(rep)
      .post('/views', {
        name: '坏视图',
        entity: 'customer',
        filter: [
          { field: 'name', op: 'contains', value: '科技' },
          { field: 'status', op: 'gt', value: 'active' },
          { field: 'nope', op: 'eq', value: 1 },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.path)).toEqual(['filter[1].op', 'filter[2].field']);

    const badSort = await env()
      .as(rep)
      .post('/views', { name: '坏排序', entity: 'customer', sort: '-phone' });
    expect(badSort.status).toBe(400);
    expect(badSort.body.errors[0].path).toBe('sort');

    const badPeriod = await env()
      .as(rep)
      .post('/views', {
        name: '坏周期',
        entity: 'deal',
        filter: [{ field: 'expected_close_date', op: 'period', value: 'someday' }],
      });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.errors[0].path).toBe('filter[0].value');

    const unknownKey = await env().as(rep).post('/views', { name: 'x', entity: 'customer', colour: 'red' });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.errors[0].path).toBe('colour');

    const count = await env()
      .database.db.selectFrom('saved_views')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('owner_id', '=', rep.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('accepts custom fields and tags in filters', async () => {
    const field = await env()
      .as(env().admin)
      .post('/custom-fields', { entity: 'customer', key: 'budget', label: '预算', type: 'number' });
    expect(field.status).toBe(201);
    const res = await env()
      .as(rep)
      .post('/views', {
        name: '大预算',
        entity: 'customer',
        filter: [
          { field: 'custom.budget', op: 'gte', value: 100000 },
          { field: 'tags', op: 'empty' },
        ],
        sort: '-custom.budget',
        columns: ['name', 'custom.budget', 'tags'],
      });
    expect(res.status).toBe(201);
    expect(res.body.columns).toEqual(['name', 'custom.budget', 'tags']);
  });

  it('keeps names unique within the owner’s views and within the shared views', async () => {
    const dup = await env().as(rep).post('/views', { name: '我的活跃客户', entity: 'customer' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('name');
    // Another user may use the same name for their own view, and so may another entity.
    expect((await env().as(rep2).post('/views', { name: '我的活跃客户', entity: 'customer' })).status).toBe(
      201,
    );
    expect((await env().as(rep).post('/views', { name: '我的活跃客户', entity: 'lead' })).status).toBe(201);
  });

  it('updates a view with a field-level audit diff and deletes it', async () => {
    const res = await env()
      .as(rep)
      .patch(`/views/${personalId}`, { name: '重点客户', sort: null, columns: ['name', 'owner_id'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '重点客户',
      sort: null,
      columns: ['name', 'owner_id'],
      shared: false,
    });
    expect(res.body.filter).toHaveLength(3);
    const db = env().database.db;
    const upd = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', personalId)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    const changes = env().database.dialect.readJson<Record<string, unknown>>(upd.changes);
    expect(Object.keys(changes!).sort()).toEqual(['columns', 'name', 'sort']);

    const del = await env().as(rep).delete(`/views/${personalId}`);
    expect(del.status).toBe(204);
    expect((await env().as(rep).get(`/views/${personalId}`)).status).toBe(404);
    const gone = await db
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', personalId)
      .orderBy('created_at')
      .execute();
    expect(gone.map((a) => a.action)).toContain('deleted');
  });

  it('needs read permission on the entity', async () => {
    const marketer = await env().makeUser('marketing');
    expect((await env().as(marketer).get('/views?entity=deal')).status).toBe(403);
    expect((await env().as(marketer).get('/views?entity=lead')).status).toBe(200);
    expect((await env().as(marketer).get('/views?entity=product')).status).toBe(400);
  });
});

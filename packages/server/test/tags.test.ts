import { expect, it } from 'vitest';
import type { Transaction } from 'kysely';
import type { DB } from '../src/db/schema';
import { createTag, ensureTags } from '../src/modules/tags/tag.service';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('tags', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  let vip: { id: string; name: string };
  let hot: { id: string; name: string };
  const db = () => env().database.db;
  const count = async (table: 'tags' | 'record_tags' | 'audit_log' | 'events') =>
    Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
  const f = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const admin = () => env().as(env().admin);

  it('creates, renames and lists tags; names are unique regardless of case', async () => {
    rep = await env().makeUser('rep');
    rep2 = await env().makeUser('rep');
    const res = await admin().post('/tags', { name: 'VIP', color: '#FF0000' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'VIP', color: '#ff0000' });
    vip = res.body;
    hot = (await admin().post('/tags', { name: '高意向' })).body;
    expect(hot.name).toBe('高意向');
    const dup = await admin().post('/tags', { name: 'vip' });
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe('name');
    const clash = await admin().patch(`/tags/${hot.id}`, { name: 'Vip' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].path).toBe('name');
    const renamed = await admin().patch(`/tags/${hot.id}`, { name: '高意向客户' });
    expect(renamed.body).toMatchObject({ name: '高意向客户', color: '#1677ff' });
    hot = renamed.body;
    expect((await admin().patch(`/tags/${hot.id}`, { color: '#00aa00' })).body.name).toBe('高意向客户');
    const list = await env().as(rep).get('/tags');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['VIP', '高意向客户']);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'tag')
      .where('record_id', '=', hot.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'updated', 'updated']);
    expect((await admin().post('/tags', { name: 'x', color: 'red' })).body.errors[0].path).toBe('color');
  });

  it('needs tags:manage to define tags', async () => {
    const before = await count('tags');
    expect((await env().as(rep).post('/tags', { name: '代表自建' })).status).toBe(403);
    expect((await env().as(rep).patch(`/tags/${vip.id}`, { name: 'x' })).status).toBe(403);
    expect((await env().as(rep).delete(`/tags/${vip.id}`)).status).toBe(403);
    const manager = await env().makeUser('manager');
    expect((await env().as(manager).post('/tags', { name: '经理标签' })).status).toBe(201);
    expect(await count('tags')).toBe(before + 1);
  });

  it('assigns tags to visible records with an audit entry and an updated event per record', async () => {
    const c1 = (await env().as(rep).post('/customers', { name: '标签客户一' })).body.id;
    const c2 = (await env().as(rep).post('/customers', { name: '标签客户二' })).body.id;
    const res = await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'customer', record_ids: [c1, c2], tag_ids: [vip.id] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: 2 });
    const view = await env().as(rep).get(`/customers/${c1}`);
    expect(view.body.tags.map((t: { name: string }) => t.name)).toEqual(['VIP']);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', c1)
      .where('action', '=', 'updated')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'customer', customer_id: c1 });
    expect(env().database.dialect.readJson(audit[0]!.changes)).toEqual({
      tags: { before: [], after: ['VIP'] },
    });
    const event = await db()
      .selectFrom('events')
      .selectAll()
      .where('record_id', '=', c1)
      .where('type', '=', 'customer.updated')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson<{ changed: string[] }>(event.payload).changed).toEqual(['tags']);

    // Assigning again changes nothing and logs nothing.
    const audits = await count('audit_log');
    const again = await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'customer', record_ids: [c1], tag_ids: [vip.id] });
    expect(again.body).toEqual({ updated: 0 });
    expect(await count('audit_log')).toBe(audits);

    await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'customer', record_ids: [c1], tag_ids: [hot.id] });
    const off = await env()
      .as(rep)
      .post('/tags/unassign', { record_type: 'customer', record_ids: [c1, c2], tag_ids: [vip.id] });
    expect(off.body).toEqual({ updated: 2 });
    expect(
      (await env().as(rep).get(`/customers/${c1}`)).body.tags.map((t: { name: string }) => t.name),
    ).toEqual(['高意向客户']);
    const last = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', c1)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson(last.changes)).toEqual({
      tags: { before: ['VIP', '高意向客户'], after: ['高意向客户'] },
    });
  });

  it('refuses records the actor cannot see or change, naming them, and writes nothing', async () => {
    const mine = (await env().as(rep).post('/leads', { name: '我的线索' })).body.id;
    const theirs = (await env().as(rep2).post('/leads', { name: '别人的线索' })).body.id;
    const deleted = (await env().as(rep).post('/leads', { name: '已删线索' })).body.id;
    await env().as(rep).delete(`/leads/${deleted}`);
    const marketing = await env().makeUser('marketing');
    const cust = (await env().as(rep).post('/customers', { name: '市场不可改' })).body.id;
    const before = { rt: await count('record_tags'), audit: await count('audit_log') };
    const res = await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'lead', record_ids: [mine, theirs], tag_ids: [vip.id] });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['record_ids[1]']);
    const unknownTag = await env()
      .as(rep)
      .post('/tags/assign', {
        record_type: 'lead',
        record_ids: [mine],
        tag_ids: ['01890000-0000-7000-8000-000000000000'],
      });
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.body.errors[0].path).toBe('tag_ids[0]');
    const gone = await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'lead', record_ids: [deleted], tag_ids: [vip.id] });
    expect(gone.body.errors[0].path).toBe('record_ids[0]');
    // Marketing sees every customer but may not change them, so may not tag them either.
    expect(
      (
        await env()
          .as(marketing)
          .post('/tags/assign', { record_type: 'customer', record_ids: [cust], tag_ids: [vip.id] })
      ).status,
    ).toBe(403);
    expect(
      (
        await env()
          .as(marketing)
          .post('/tags/assign', { record_type: 'lead', record_ids: [theirs], tag_ids: [vip.id] })
      ).status,
    ).toBe(200);
    expect(await count('record_tags')).toBe(before.rt + 1);
    expect(await count('audit_log')).toBe(before.audit + 1);
  });

  it('filters leads and contacts by tags: any of, none of, all of', async () => {
    const owner = await env().makeUser('rep');
    const mk = async (name: string) => (await env().as(owner).post('/leads', { name })).body.id as string;
    const [both, onlyVip, none] = [await mk('两个标签'), await mk('只有VIP'), await mk('没有标签')];
    await env()
      .as(owner)
      .post('/tags/assign', { record_type: 'lead', record_ids: [both, onlyVip], tag_ids: [vip.id] });
    await env()
      .as(owner)
      .post('/tags/assign', { record_type: 'lead', record_ids: [both], tag_ids: [hot.id] });
    const leads = async (filter: unknown) =>
      ids(
        await env()
          .as(owner)
          .get(`/leads?limit=200&filter=${f(filter)}`),
      ).sort();
    expect(await leads([{ field: 'tags', op: 'in', value: [vip.id, hot.id] }])).toEqual(
      [both, onlyVip].sort(),
    );
    expect(await leads([{ field: 'tags', op: 'in', value: hot.id }])).toEqual([both]);
    expect(await leads([{ field: 'tags', op: 'contains', value: [vip.id, hot.id] }])).toEqual([both]);
    expect(await leads([{ field: 'tags', op: 'nin', value: [hot.id] }])).toEqual([onlyVip, none].sort());
    expect(await leads([{ field: 'tags', op: 'empty' }])).toEqual([none]);
    expect(
      await leads([
        { field: 'name', op: 'contains', value: 'VIP' },
        { field: 'tags', op: 'in', value: [vip.id] },
      ]),
    ).toEqual([onlyVip]);
    const bad = await env()
      .as(owner)
      .get(
        `/leads?filter=${f([
          { field: 'name', op: 'eq', value: 'x' },
          { field: 'tags', op: 'in', value: 'vip' },
          { field: 'nope', op: 'eq', value: 1 },
        ])}`,
      );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'filter[1].value',
      'filter[2].field',
    ]);
    const badOp = await env()
      .as(owner)
      .get(`/leads?filter=${f([{ field: 'tags', op: 'gt', value: vip.id }])}`);
    expect(badOp.body.errors[0].path).toBe('filter[0].op');

    const cust = (await env().as(owner).post('/customers', { name: '联系人标签客户' })).body.id;
    const p1 = (await env().as(owner).post('/contacts', { customer_id: cust, name: '标签联系人' })).body.id;
    const p2 = (await env().as(owner).post('/contacts', { customer_id: cust, name: '普通联系人' })).body.id;
    const tagged = await env()
      .as(owner)
      .post('/tags/assign', { record_type: 'contact', record_ids: [p1], tag_ids: [hot.id] });
    expect(tagged.status).toBe(200);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', p1)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(audit.customer_id).toBe(cust);
    const contacts = async (filter: unknown) =>
      ids(
        await env()
          .as(owner)
          .get(`/contacts?limit=200&filter=${f(filter)}`),
      );
    expect(await contacts([{ field: 'tags', op: 'in', value: [hot.id] }])).toEqual([p1]);
    expect(
      await contacts([
        { field: 'customer_id', op: 'eq', value: cust },
        { field: 'tags', op: 'nin', value: [hot.id] },
      ]),
    ).toEqual([p2]);
  });

  it('deleting a tag takes it off every record', async () => {
    const temp = (await admin().post('/tags', { name: '临时' })).body;
    const cust = (await env().as(rep).post('/customers', { name: '临时标签客户' })).body.id;
    await env()
      .as(rep)
      .post('/tags/assign', { record_type: 'customer', record_ids: [cust], tag_ids: [temp.id] });
    expect((await env().as(rep).get(`/customers/${cust}`)).body.tags).toHaveLength(1);
    expect((await admin().delete(`/tags/${temp.id}`)).status).toBe(204);
    expect((await env().as(rep).get(`/customers/${cust}`)).body.tags).toEqual([]);
    expect((await admin().get(`/tags/${temp.id}`)).status).toBe(404);
    const left = await db()
      .selectFrom('record_tags')
      .select('record_id')
      .where('tag_id', '=', temp.id)
      .execute();
    expect(left).toEqual([]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', temp.id)
      .where('action', '=', 'deleted')
      .executeTakeFirstOrThrow();
    expect(
      env().database.dialect.readJson<Record<string, { before: unknown }>>(audit.changes).records?.before,
    ).toBe(1);
  });
  /**
   * Run `first` in a transaction that stays open until `second` has started, then let it commit. On
   * PostgreSQL the second one's insert waits for the first; SQLite runs them one after the other.
   */
  async function race<A, B>(
    first: (trx: Transaction<DB>) => Promise<A>,
    second: () => Promise<B>,
  ): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const firstStarted = new Promise<void>((r) => (started = r));
    const a = env()
      .database.db.transaction()
      .execute(async (trx) => {
        const out = await first(trx);
        started();
        await held;
        return out;
      });
    await firstStarted;
    const b = second();
    setTimeout(release, 50);
    return Promise.allSettled([a, b]);
  }

  it('creates a missing tag once when two automation runs add it at the same moment', async () => {
    const e = env();
    const add = (trx: Transaction<DB>) => ensureTags(e.deps, e.admin.actor, ['已同步'], trx);
    const [a, b] = await race(add, () => e.database.db.transaction().execute(add));
    expect(a.status === 'fulfilled' && b.status === 'fulfilled').toBe(true);
    const ids = (a as PromiseFulfilledResult<string[]>).value;
    expect((b as PromiseFulfilledResult<string[]>).value).toEqual(ids);
    const named = await db().selectFrom('tags').select('id').where('name', '=', '已同步').execute();
    expect(named.map((t) => t.id)).toEqual(ids);
  });

  it('refuses the second of two people creating the same tag at once, naming the field', async () => {
    const e = env();
    const create = (trx?: Transaction<DB>) =>
      createTag(e.deps, e.admin.actor, { name: '同时创建', color: '#1677ff' }, trx);
    const [a, b] = await race(create, () => create());
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason).toMatchObject({
      status: 409,
      code: 'tag_name_taken',
      fields: [{ path: 'name', code: 'taken' }],
    });
    expect(await db().selectFrom('tags').select('id').where('name', '=', '同时创建').execute()).toHaveLength(
      1,
    );
  });
});

import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('products', (env) => {
  let rep: TestUser;
  const count = async (table: 'products' | 'audit_log') => {
    const db = env().database.db;
    return Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  };
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);

  it('creates a product with an audit entry and a created event', async () => {
    rep = await env().makeUser('rep');
    const res = await env()
      .as(rep)
      .post('/products', { name: '企业版年度订阅', sku: 'ENT-Y1', price: 1_980_000, unit: '套' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      sku: 'ENT-Y1',
      price: 1_980_000,
      currency: 'CNY',
      active: true,
      custom: {},
    });
    const db = env().database.db;
    const audit = await db.selectFrom('audit_log').selectAll().where('record_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['created']);
    const events = await db
      .selectFrom('events')
      .select('type')
      .where('record_id', '=', res.body.id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['product.created']);
    expect((await env().as(rep).get(`/products/${res.body.id}`)).body.name).toBe('企业版年度订阅');
  });

  it('keeps fields a patch leaves out, and audits what changed', async () => {
    const { body: p } = await env()
      .as(rep)
      .post('/products', { name: '实施服务', price: 500_000, active: false });
    const res = await env().as(rep).patch(`/products/${p.id}`, { name: '实施服务（标准）' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '实施服务（标准）',
      price: 500_000,
      active: false,
      currency: 'CNY',
    });
    const db = env().database.db;
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', p.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    expect(env().database.dialect.readJson(audit.changes)).toEqual({
      name: { before: '实施服务', after: '实施服务（标准）' },
    });
    const again = await env().as(rep).patch(`/products/${p.id}`, { active: true, price: 600_000 });
    expect(again.body).toMatchObject({ active: true, price: 600_000 });
  });

  it('keeps SKUs unique among live products', async () => {
    const { body: a } = await env().as(rep).post('/products', { name: '基础版', sku: 'BASIC-01' });
    const dup = await env().as(rep).post('/products', { name: '基础版二', sku: 'BASIC-01' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('sku_taken');
    expect(dup.body.errors[0].path).toBe('sku');
    const { body: b } = await env().as(rep).post('/products', { name: '专业版', sku: 'PRO-01' });
    const clash = await env().as(rep).patch(`/products/${b.id}`, { sku: 'BASIC-01' });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0].path).toBe('sku');
    // A deleted product frees its SKU; bringing it back while another holds it is refused.
    expect((await env().as(rep).delete(`/products/${a.id}`)).status).toBe(204);
    const reuse = await env().as(rep).post('/products', { name: '基础版（新）', sku: 'BASIC-01' });
    expect(reuse.status).toBe(201);
    const restore = await env().as(rep).post(`/products/${a.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.code).toBe('sku_taken');
    // Products without SKU never clash.
    expect((await env().as(rep).post('/products', { name: '无编码一' })).status).toBe(201);
    expect((await env().as(rep).post('/products', { name: '无编码二', sku: '' })).status).toBe(201);
  });

  it('is a catalogue everyone with products:read sees, and only writers change', async () => {
    const other = await env().makeUser('rep');
    const { body: p } = await env().as(rep).post('/products', { name: '共享目录商品' });
    expect((await env().as(other).get(`/products/${p.id}`)).status).toBe(200);
    expect(ids(await env().as(other).get('/products?limit=200'))).toContain(p.id);
    const marketing = await env().makeUser('marketing');
    expect((await env().as(marketing).get(`/products/${p.id}`)).status).toBe(200);
    expect((await env().as(marketing).post('/products', { name: 'x' })).status).toBe(403);
    expect((await env().as(marketing).patch(`/products/${p.id}`, { name: 'x' })).status).toBe(403);
    expect((await env().as(marketing).delete(`/products/${p.id}`)).status).toBe(403);
    const nobody = await env().makeUser('rep', { scopes: ['customers:read'] });
    expect((await env().as(nobody).get('/products')).status).toBe(403);
  });

  it('soft-deletes, restores, and deletes in bulk all or nothing', async () => {
    const { body: p } = await env().as(rep).post('/products', { name: '可恢复商品' });
    expect((await env().as(rep).delete(`/products/${p.id}`)).status).toBe(204);
    expect(ids(await env().as(rep).get('/products?limit=200'))).not.toContain(p.id);
    expect(ids(await env().as(rep).get('/products?include_deleted=only&limit=200'))).toContain(p.id);
    const restored = await env().as(rep).post(`/products/${p.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.deleted_at).toBeNull();
    const bad = await env()
      .as(rep)
      .post('/products/bulk-delete', { ids: [p.id, '01890000-0000-7000-8000-000000000000'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('ids[1]');
    expect((await env().as(rep).get(`/products/${p.id}`)).body.deleted_at).toBeNull();
    const upd = await env()
      .as(rep)
      .post('/products/bulk-update', { ids: [p.id], patch: { unit: '台' } });
    expect(upd.body).toEqual({ updated: 1 });
    const sku = await env()
      .as(rep)
      .post('/products/bulk-update', { ids: [p.id], patch: { sku: 'X' } });
    expect(sku.status).toBe(400);
    expect(sku.body.errors[0].path).toBe('patch.sku');
  });

  it('filters, sorts and searches by name and SKU', async () => {
    const { body: cheap } = await env()
      .as(rep)
      .post('/products', { name: '智能门锁标准款', sku: 'LOCK-S100', price: 99_900 });
    const { body: dear } = await env()
      .as(rep)
      .post('/products', { name: '智能门锁旗舰款', sku: 'LOCK-X900', price: 399_900, active: false });
    const f = (v: unknown) => encodeURIComponent(JSON.stringify(v));
    const gt = await env()
      .as(rep)
      .get(
        `/products?filter=${f([
          { field: 'price', op: 'gt', value: 200_000 },
          { field: 'name', op: 'contains', value: '门锁' },
        ])}`,
      );
    expect(ids(gt)).toEqual([dear.id]);
    const inactive = await env()
      .as(rep)
      .get(`/products?filter=${f([{ field: 'active', op: 'eq', value: false }])}&limit=200`);
    expect(ids(inactive)).toContain(dear.id);
    expect(ids(inactive)).not.toContain(cheap.id);
    const sorted = await env()
      .as(rep)
      .get(`/products?sort=price&filter=${f([{ field: 'name', op: 'contains', value: '门锁' }])}`);
    expect(ids(sorted)).toEqual([cheap.id, dear.id]);
    const q = async (text: string) =>
      ids(
        await env()
          .as(rep)
          .get(`/products?q=${encodeURIComponent(text)}`),
      );
    expect(await q('旗舰')).toEqual([dear.id]);
    expect((await q('门锁')).sort()).toEqual([cheap.id, dear.id].sort());
    expect(await q('S100')).toEqual([cheap.id]);
  });

  it('rejects bad input with field paths and writes nothing', async () => {
    const before = await count('products');
    const audits = await count('audit_log');
    const cases: [unknown, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x', price: -1 }, 'price'],
      [{ name: 'x', price: 1.5 }, 'price'],
      [{ name: 'x', currency: 'rmb' }, 'currency'],
      [{ name: 'x', active: 'yes' }, 'active'],
      [{ name: 'x', sku: 'x'.repeat(81) }, 'sku'],
      [{ name: 'x', colour: 'red' }, 'colour'],
      [{ name: 'x', custom: { nope: 1 } }, 'custom.nope'],
    ];
    for (const [body, path] of cases) {
      const res = await env().as(rep).post('/products', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count('products')).toBe(before);
    expect(await count('audit_log')).toBe(audits);
  });
});

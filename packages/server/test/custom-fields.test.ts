import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

type Entity = 'customer' | 'lead' | 'contact' | 'product';
const PLURAL: Record<Entity, string> = {
  customer: 'customers',
  lead: 'leads',
  contact: 'contacts',
  product: 'products',
};
const ENTITIES: Entity[] = ['customer', 'lead', 'contact', 'product'];

/** One field of every type, defined on every entity under the same keys. */
const FIELDS = [
  { key: 'f_text', type: 'text' },
  { key: 'f_long', type: 'long_text' },
  { key: 'f_num', type: 'number' },
  { key: 'f_money', type: 'money' },
  { key: 'f_date', type: 'date' },
  { key: 'f_dt', type: 'datetime' },
  { key: 'f_sel', type: 'select', options: ['a', 'b', 'c'] },
  { key: 'f_multi', type: 'multi_select', options: ['x', 'y', 'z'] },
  { key: 'f_user', type: 'user' },
  { key: 'f_bool', type: 'boolean' },
] as const;

const BAD: Record<string, unknown> = {
  f_text: 'x'.repeat(501),
  f_long: { not: 'text' },
  f_num: '12',
  f_money: 1.5,
  f_date: '2026-02-30',
  f_dt: '2026-11-23',
  f_sel: 'd',
  f_multi: ['x', 'w'],
  f_user: '01890000-0000-7000-8000-000000000000',
  f_bool: 'true',
};
/** Other wrong shapes, checked one at a time. */
const ALSO_BAD: [string, unknown][] = [
  ['f_text', 42],
  ['f_num', true],
  ['f_money', '100'],
  ['f_date', '2026/11/01'],
  ['f_dt', 'yesterday'],
  ['f_sel', ['a']],
  ['f_multi', 'x'],
  ['f_user', 'someone'],
  ['f_bool', 1],
];

describeEachDialect('custom fields', (env) => {
  let rep: TestUser;
  let customerId: string;
  const admin = () => env().as(env().admin);
  const db = () => env().database.db;
  const count = async (table: 'customers' | 'leads' | 'contacts' | 'products' | 'custom_fields') =>
    Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const f = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const body = (entity: Entity, name: string, custom?: Record<string, unknown>) => ({
    name,
    ...(entity === 'contact' ? { customer_id: customerId } : {}),
    ...(custom ? { custom } : {}),
  });

  it('defines fields of every type on every entity, audited', async () => {
    rep = await env().makeUser('rep');
    customerId = (await admin().post('/customers', { name: '自定义字段客户' })).body.id;
    for (const entity of ENTITIES) {
      for (const [i, def] of FIELDS.entries()) {
        const res = await admin().post('/custom-fields', {
          entity,
          key: def.key,
          label: `${def.type} 字段`,
          type: def.type,
          position: i,
          ...('options' in def
            ? { options: def.options.map((v) => ({ value: v, label: v.toUpperCase() })) }
            : {}),
        });
        expect(res.status, `${entity}.${def.key}`).toBe(201);
        expect(res.body).toMatchObject({
          entity,
          key: def.key,
          type: def.type,
          required: false,
          position: i,
        });
      }
    }
    const leadFields = await env().as(rep).get('/custom-fields?entity=lead');
    expect(leadFields.status).toBe(200);
    expect(leadFields.body.items.map((d: { key: string }) => d.key)).toEqual(FIELDS.map((d) => d.key));
    expect((await env().as(rep).get('/custom-fields')).body.items).toHaveLength(
      FIELDS.length * ENTITIES.length,
    );
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'custom_field')
      .execute();
    expect(audit).toHaveLength(FIELDS.length * ENTITIES.length);
    const events = await db()
      .selectFrom('events')
      .select('type')
      .where('entity', '=', 'custom_field')
      .execute();
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['custom_field.created']));
  });

  it('refuses bad definitions with field paths', async () => {
    const before = await count('custom_fields');
    expect(
      (await env().as(rep).post('/custom-fields', { entity: 'lead', key: 'x1', label: 'x', type: 'text' }))
        .status,
    ).toBe(403);
    const cases: [unknown, number, string][] = [
      [{ entity: 'lead', key: 'f_text', label: '重复', type: 'text' }, 409, 'key'],
      [{ entity: 'lead', key: 'Bad Key', label: 'x', type: 'text' }, 400, 'key'],
      [{ entity: 'task', key: 'k1', label: 'x', type: 'text' }, 400, 'entity'],
      [{ entity: 'lead', key: 'k1', label: 'x', type: 'color' }, 400, 'type'],
      [{ entity: 'lead', key: 'k1', label: 'x', type: 'select' }, 400, 'options'],
      [{ entity: 'lead', key: 'k1', label: 'x', type: 'multi_select', options: [] }, 400, 'options'],
      [
        {
          entity: 'lead',
          key: 'k1',
          label: 'x',
          type: 'select',
          options: [
            { value: 'a', label: 'A' },
            { value: 'a', label: 'B' },
          ],
        },
        400,
        'options',
      ],
      [
        { entity: 'lead', key: 'k1', label: 'x', type: 'number', options: [{ value: 'a', label: 'A' }] },
        400,
        'options',
      ],
    ];
    for (const [input, status, path] of cases) {
      const res = await admin().post('/custom-fields', input);
      expect(res.status, JSON.stringify(input)).toBe(status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await admin().post('/custom-fields', cases[0]![0])).body.code).toBe('custom_field_key_taken');
    expect(await count('custom_fields')).toBe(before);
  });

  for (const entity of ENTITIES) {
    it(`validates every type on create and update of ${entity}s`, async () => {
      const url = `/${PLURAL[entity]}`;
      const table = PLURAL[entity] as 'customers';
      const before = await count(table);
      const res = await admin().post(url, body(entity, '坏值', BAD));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        Object.keys(BAD)
          .map((k) => `custom.${k}`)
          .sort(),
      );
      for (const [key, value] of ALSO_BAD) {
        const one = await admin().post(url, body(entity, '坏值', { [key]: value }));
        expect(one.status, `${key}=${JSON.stringify(value)}`).toBe(400);
        expect(one.body.errors.map((e: { path: string }) => e.path)).toEqual([`custom.${key}`]);
      }
      expect(await count(table)).toBe(before);

      const good = {
        f_text: '  华东  ',
        f_long: '很长的说明\n第二行',
        f_num: 3.5,
        f_money: 1_234_500,
        f_date: '2026-11-05',
        f_dt: '2026-11-23T10:00:00+08:00',
        f_sel: 'b',
        f_multi: ['x', 'y', 'x'],
        f_user: rep.id,
        f_bool: true,
      };
      const created = await admin().post(url, body(entity, '好值', good));
      expect(created.status).toBe(201);
      const normalised = { ...good, f_text: '华东', f_dt: '2026-11-23T02:00:00.000Z', f_multi: ['x', 'y'] };
      expect(created.body.custom).toEqual(normalised);

      const bad = await admin().patch(`${url}/${created.body.id}`, { custom: BAD });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        Object.keys(BAD)
          .map((k) => `custom.${k}`)
          .sort(),
      );
      expect((await admin().get(`${url}/${created.body.id}`)).body.custom).toEqual(normalised);

      const patched = await admin().patch(`${url}/${created.body.id}`, {
        custom: { f_num: -2, f_text: null, nope: undefined },
      });
      expect(patched.status).toBe(200);
      const { f_text: _dropped, ...rest } = normalised;
      expect(patched.body.custom).toEqual({ ...rest, f_num: -2 });
      const audit = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('record_id', '=', created.body.id)
        .where('action', '=', 'updated')
        .executeTakeFirstOrThrow();
      expect(env().database.dialect.readJson(audit.changes)).toEqual({
        'custom.f_num': { before: 3.5, after: -2 },
        'custom.f_text': { before: '华东', after: null },
      });
    });

    it(`filters ${entity}s on custom fields`, async () => {
      const url = `/${PLURAL[entity]}`;
      const marker = `flt-${entity}`;
      const mk = async (name: string, custom: Record<string, unknown>) =>
        (await admin().post(url, body(entity, name, { f_text: marker, ...custom }))).body.id as string;
      const one = await mk('一号', {
        f_num: 10,
        f_money: 500,
        f_sel: 'a',
        f_multi: ['x', 'z'],
        f_date: '2026-11-02',
        f_dt: '2026-11-20T00:00:00Z',
        f_bool: true,
        f_user: rep.id,
      });
      const two = await mk('二号', {
        f_num: 2,
        f_money: 9000,
        f_sel: 'b',
        f_multi: ['y'],
        f_date: '2026-10-30',
        f_dt: '2026-10-01T00:00:00Z',
        f_bool: false,
      });
      const three = await mk('三号', {});
      const list = async (conds: unknown[], sort = '') => {
        const res = await admin().get(
          `${url}?limit=200${sort}&filter=${f([{ field: 'custom.f_text', op: 'eq', value: marker }, ...conds])}`,
        );
        expect(res.status, JSON.stringify(conds)).toBe(200);
        return res.body.items.map((i: { id: string }) => i.id);
      };
      expect((await list([])).sort()).toEqual([one, two, three].sort());
      expect(await list([{ field: 'custom.f_num', op: 'gt', value: 5 }])).toEqual([one]);
      expect(await list([{ field: 'custom.f_money', op: 'between', value: [1000, 10000] }])).toEqual([two]);
      expect(await list([{ field: 'custom.f_sel', op: 'eq', value: 'b' }])).toEqual([two]);
      expect(await list([{ field: 'custom.f_multi', op: 'contains', value: 'z' }])).toEqual([one]);
      expect((await list([{ field: 'custom.f_multi', op: 'not_contains', value: 'z' }])).sort()).toEqual(
        [two, three].sort(),
      );
      expect(await list([{ field: 'custom.f_date', op: 'period', value: 'this_month' }])).toEqual([one]);
      expect(await list([{ field: 'custom.f_date', op: 'period', value: 'last_month' }])).toEqual([two]);
      expect(await list([{ field: 'custom.f_dt', op: 'last_n_days', value: 7 }])).toEqual([one]);
      expect(await list([{ field: 'custom.f_bool', op: 'eq', value: true }])).toEqual([one]);
      expect(await list([{ field: 'custom.f_bool', op: 'eq', value: false }])).toEqual([two]);
      expect(await list([{ field: 'custom.f_bool', op: 'empty' }])).toEqual([three]);
      expect(await list([{ field: 'custom.f_user', op: 'eq', value: rep.id }])).toEqual([one]);
      expect(await list([], '&sort=custom.f_num')).toEqual([two, one, three]);
      const bad = await admin().get(
        `${url}?filter=${f([
          { field: 'custom.f_sel', op: 'eq', value: 'zzz' },
          { field: 'custom.f_multi', op: 'gt', value: 1 },
        ])}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
        'filter[0].value',
        'filter[1].op',
      ]);
    });
  }

  it('blocks creation without a required field, on every entity', async () => {
    for (const entity of ENTITIES) {
      const url = `/${PLURAL[entity]}`;
      const def = (
        await admin().post('/custom-fields', {
          entity,
          key: 'f_req',
          label: '必填项',
          type: 'select',
          required: true,
          options: [{ value: 'y', label: '是' }],
        })
      ).body;
      const before = await count(PLURAL[entity] as 'customers');
      const missing = await admin().post(url, body(entity, '缺必填'));
      expect(missing.status, entity).toBe(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['custom.f_req']);
      expect(await count(PLURAL[entity] as 'customers')).toBe(before);
      const ok = await admin().post(url, body(entity, '有必填', { f_req: 'y' }));
      expect(ok.status, entity).toBe(201);
      const clear = await admin().patch(`${url}/${ok.body.id}`, { custom: { f_req: null } });
      expect(clear.status).toBe(400);
      expect(clear.body.errors[0].path).toBe('custom.f_req');
      expect((await admin().delete(`/custom-fields/${def.id}`)).status).toBe(204);
    }
  });

  it('asks a lead conversion for the customer’s required fields under customer.custom', async () => {
    const def = (
      await admin().post('/custom-fields', {
        entity: 'customer',
        key: 'f_tax',
        label: '税号',
        type: 'text',
        required: true,
      })
    ).body;
    const { body: lead } = await admin().post('/leads', { name: '转化必填', company_name: '必填科技' });
    const before = { customers: await count('customers'), contacts: await count('contacts') };
    const res = await admin().post(`/leads/${lead.id}/convert`, {});
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['customer.custom.f_tax']);
    expect({ customers: await count('customers'), contacts: await count('contacts') }).toEqual(before);
    const ok = await admin().post(`/leads/${lead.id}/convert`, {
      customer: { custom: { f_tax: '91350200MA' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.customer.custom).toEqual({ f_tax: '91350200MA' });
    expect((await admin().delete(`/custom-fields/${def.id}`)).status).toBe(204);
  });

  it('lets admins change a definition and reports the records it affects', async () => {
    const defs = (await admin().get('/custom-fields?entity=lead')).body.items as {
      id: string;
      key: string;
    }[];
    const sel = defs.find((d) => d.key === 'f_sel')!;
    const multi = defs.find((d) => d.key === 'f_multi')!;
    const num = defs.find((d) => d.key === 'f_num')!;
    expect((await env().as(rep).patch(`/custom-fields/${sel.id}`, { label: 'x' })).status).toBe(403);
    // Lead records hold 'a' once and 'b' twice (from the tests above); dropping 'b' is allowed and reported.
    const res = await admin().patch(`/custom-fields/${sel.id}`, {
      label: '等级',
      options: [
        { value: 'a', label: 'A' },
        { value: 'c', label: 'C' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ label: '等级', required: false, position: 6 });
    expect(res.body.warnings).toEqual([
      expect.objectContaining({ code: 'option_in_use', path: 'options', value: 'b', records: 2 }),
    ]);
    const m = await admin().patch(`/custom-fields/${multi.id}`, {
      options: [
        { value: 'x', label: 'X' },
        { value: 'y', label: 'Y' },
      ],
    });
    expect(m.body.warnings).toEqual([expect.objectContaining({ value: 'z', records: 1 })]);
    expect((await admin().patch(`/custom-fields/${multi.id}`, { options: [] })).body.errors[0].path).toBe(
      'options',
    );
    expect(
      (await admin().patch(`/custom-fields/${num.id}`, { options: [{ value: 'a', label: 'A' }] })).body
        .errors[0].path,
    ).toBe('options');
    expect((await admin().patch(`/custom-fields/${sel.id}`, { type: 'text' })).body.errors[0].path).toBe(
      'type',
    );
    // The removed option no longer validates; records keep what they hold.
    const lead = await admin().post('/leads', { name: '旧选项', custom: { f_sel: 'b' } });
    expect(lead.body.errors[0].path).toBe('custom.f_sel');
    const req = await admin().patch(`/custom-fields/${num.id}`, { required: true });
    expect(req.status).toBe(200);
    expect(req.body.required).toBe(true);
    expect(req.body.warnings[0]).toMatchObject({ code: 'required_missing', path: 'required' });
    expect(req.body.warnings[0].records).toBeGreaterThan(0);
    expect((await admin().patch(`/custom-fields/${num.id}`, { required: false })).body.warnings).toEqual([]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', sel.id)
      .where('action', '=', 'updated')
      .executeTakeFirstOrThrow();
    const changes = env().database.dialect.readJson<Record<string, unknown>>(audit.changes);
    expect(Object.keys(changes).sort()).toEqual(['label', 'options']);
  });

  it('deleting a definition keeps stored values but stops validating and filtering them', async () => {
    const defs = (await admin().get('/custom-fields?entity=customer')).body.items as {
      id: string;
      key: string;
    }[];
    const bool = defs.find((d) => d.key === 'f_bool')!;
    const { body: c } = await admin().post('/customers', {
      name: '保留旧值',
      custom: { f_bool: true, f_num: 1 },
    });
    expect((await admin().delete(`/custom-fields/${bool.id}`)).status).toBe(204);
    expect((await admin().get(`/custom-fields/${bool.id}`)).status).toBe(404);
    const after = await admin().patch(`/customers/${c.id}`, { custom: { f_num: 2 } });
    expect(after.status).toBe(200);
    expect(after.body.custom).toEqual({ f_bool: true, f_num: 2 });
    const write = await admin().post('/customers', { name: '新值', custom: { f_bool: 'anything' } });
    expect(write.status).toBe(400);
    expect(write.body.errors[0]).toMatchObject({ path: 'custom.f_bool', code: 'unknown_field' });
    const filter = await admin().get(
      `/customers?filter=${f([{ field: 'custom.f_bool', op: 'eq', value: true }])}`,
    );
    expect(filter.status).toBe(400);
    expect(filter.body.errors[0].path).toBe('filter[0].field');
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('record_id', '=', bool.id)
      .orderBy('created_at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['created', 'deleted']);
  });
});

import { expect, it } from 'vitest';
import { describeEachDialect } from './harness';

describeEachDialect('global search', (env) => {
  it('finds two-character Chinese substrings, phone tails and emails, only within the data scope', async () => {
    const e = env();
    const rep = await e.makeUser('rep');
    const other = await e.makeUser('rep');
    const { body: mine } = await e.as(rep).post('/customers', {
      name: '苏州工业园区星辰科技有限公司',
      phone: '+86 138 0013 8000',
      email: 'Sales@XingChen.cn',
    });
    const { body: theirs } = await e.as(other).post('/customers', { name: '星辰贸易' });
    const ids = async (q: string, who = rep) =>
      ((await e.as(who).get(`/search?q=${encodeURIComponent(q)}`)).body.results.customer ?? []).map(
        (r: { id: string }) => r.id,
      );
    expect(await ids('星辰')).toEqual([mine.id]);
    expect(await ids('星辰', e.admin)).toEqual([theirs.id, mine.id]);
    expect(await ids('园区星辰')).toEqual([mine.id]);
    expect(await ids('8000')).toEqual([mine.id]);
    expect(await ids('13800138000')).toEqual([mine.id]);
    expect(await ids('1380013')).toEqual([mine.id]);
    expect(await ids('sales@xingchen')).toEqual([mine.id]);
    expect(await ids('xingchen')).toEqual([mine.id]);
    expect(await ids('科星')).toEqual([]);
  });

  it('refuses a query too short to search with a field error', async () => {
    const res = await env().as(env().admin).get('/search?q=a');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('q');
  });

  it('keeps deleted customers out of results and brings them back on restore', async () => {
    const e = env();
    const { body: c } = await e.as(e.admin).post('/customers', { name: '宁波海曙物流' });
    const find = async () =>
      ((await e.as(e.admin).get('/search?q=海曙')).body.results.customer ?? []).map(
        (r: { id: string }) => r.id,
      );
    expect(await find()).toEqual([c.id]);
    await e.as(e.admin).delete(`/customers/${c.id}`);
    expect(await find()).toEqual([]);
    await e.as(e.admin).post(`/customers/${c.id}/restore`);
    expect(await find()).toEqual([c.id]);
  });
});

describeEachDialect('global search across record types', (env) => {
  it('groups hits by type and leaves out types the actor may not read', async () => {
    const e = env();
    const { body: c } = await e.as(e.admin).post('/customers', { name: '无锡锦程机械' });
    const { body: ct } = await e
      .as(e.admin)
      .post('/contacts', { customer_id: c.id, name: '锦程张经理', mobile: '13912345678' });
    const { body: lead } = await e.as(e.admin).post('/leads', { name: '刘锦程', company_name: '锦程新材料' });
    const res = await e.as(e.admin).get(`/search?q=${encodeURIComponent('锦程')}`);
    expect(res.body.results.customer.map((r: { id: string }) => r.id)).toEqual([c.id]);
    expect(res.body.results.contact.map((r: { id: string }) => r.id)).toEqual([ct.id]);
    expect(res.body.results.lead.map((r: { id: string }) => r.id)).toEqual([lead.id]);
    const byPhone = await e.as(e.admin).get('/search?q=5678&types=contact');
    expect(byPhone.body.results.contact.map((r: { id: string }) => r.id)).toContain(ct.id);
    const service = await e.makeUser('service');
    const limited = await e.as(service).get(`/search?q=${encodeURIComponent('锦程')}`);
    expect(limited.body.results.lead).toBeUndefined();
    expect((await e.as(e.admin).get('/search?q=锦程&types=invoice')).body.errors[0].path).toBe('types');
  });
});

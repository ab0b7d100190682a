import { expect, it } from 'vitest';
import { newId } from '../src/core/ids';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';

describeEachDialect('lead conversion', (env) => {
  let rep: TestUser;
  let rep2: TestUser;
  const db = () => env().database.db;
  const count = async (table: 'customers' | 'contacts' | 'deals' | 'events') =>
    Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('is refused for someone else’s lead with 404', async () => {
    rep = await env().makeUser('rep');
    rep2 = await env().makeUser('rep');
    const { body: lead } = await env()
      .as(rep)
      .post('/leads', { name: '别人的线索', company_name: '别人的公司' });
    const before = await count('customers');
    expect((await env().as(rep2).post(`/leads/${lead.id}/convert`, {})).status).toBe(404);
    expect(await count('customers')).toBe(before);
  });

  it('converts a lead into customer, contact and deal in one transaction', async () => {
    const { body: lead } = await env().as(rep).post('/leads', {
      name: '黄总',
      title: '采购总监',
      company_name: '厦门鹭岛海洋科技',
      mobile: '13600001111',
      email: 'huang@ludao.cn',
      region: '福建',
      industry: '海洋',
      channel: '抖音',
    });
    const activityId = newId();
    const now = env().clock.now().toISOString();
    await db()
      .insertInto('activities')
      .values({
        id: activityId,
        workspace_id: env().ws.workspaceId,
        kind: 'call',
        content: '首次电话沟通',
        customer_id: null,
        contact_id: null,
        deal_id: null,
        lead_id: lead.id,
        occurred_at: now,
        author_id: rep.id,
        created_at: now,
        updated_at: now,
        deleted_at: null,
        deleted_by: null,
      })
      .execute();
    const res = await env()
      .as(rep)
      .post(`/leads/${lead.id}/convert`, {
        deal: { name: '海洋监测设备采购', pipeline_id: env().ws.pipelineId, amount: 12_000_000 },
      });
    expect(res.status).toBe(200);
    const { customer, contact, deal } = res.body;
    expect(customer).toMatchObject({
      name: '厦门鹭岛海洋科技',
      region: '福建',
      industry: '海洋',
      source: '抖音',
      phone: '13600001111',
      email: 'huang@ludao.cn',
      owner_id: rep.id,
    });
    expect(contact).toMatchObject({
      customer_id: customer.id,
      name: '黄总',
      title: '采购总监',
      mobile: '13600001111',
      is_primary: true,
    });
    const firstStage = await db()
      .selectFrom('stages')
      .select(['id'])
      .where('pipeline_id', '=', env().ws.pipelineId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    expect(deal).toMatchObject({
      customer_id: customer.id,
      contact_id: contact.id,
      stage_id: firstStage.id,
      status: 'open',
      amount: 12_000_000,
      owner_id: rep.id,
    });
    expect(deal.stage_entered_at).toBe(now);
    expect(res.body.lead).toMatchObject({
      status: 'converted',
      converted_customer_id: customer.id,
      converted_contact_id: contact.id,
      converted_deal_id: deal.id,
      converted_at: now,
    });
    const act = await db()
      .selectFrom('activities')
      .select(['customer_id', 'contact_id'])
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow();
    expect(act).toEqual({ customer_id: customer.id, contact_id: contact.id });
    const leadEvents = (
      await db().selectFrom('events').select('type').where('record_id', '=', lead.id).orderBy('seq').execute()
    ).map((e) => e.type);
    expect(leadEvents).toEqual(['lead.created', 'lead.converted']);
    const conv = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', lead.id)
      .where('action', '=', 'converted')
      .executeTakeFirstOrThrow();
    expect(conv.customer_id).toBe(customer.id);
    const created = await db()
      .selectFrom('events')
      .select('type')
      .where('record_id', 'in', [customer.id, contact.id, deal.id])
      .execute();
    expect(created.map((e) => e.type).sort()).toEqual([
      'contact.created',
      'customer.created',
      'deal.created',
    ]);
    // The customer, contact and deal are there for the rep to open.
    expect((await env().as(rep).get(`/customers/${customer.id}`)).status).toBe(200);
    expect((await env().as(rep).get(`/contacts/${contact.id}`)).status).toBe(200);

    const again = await env().as(rep).post(`/leads/${lead.id}/convert`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('lead_already_converted');

    const locked = await env().as(rep).patch(`/leads/${lead.id}`, { name: '黄总改', status: 'qualified' });
    expect(locked.status).toBe(409);
    expect(locked.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['name', 'status']);
    const notes = await env().as(rep).patch(`/leads/${lead.id}`, { description: '已转为客户' });
    expect(notes.status).toBe(200);
    expect(notes.body.description).toBe('已转为客户');
    expect(notes.body.status).toBe('converted');
  });

  it('rolls the whole conversion back when the deal part is invalid', async () => {
    const { body: lead } = await env().as(rep).post('/leads', { name: '回滚测试', company_name: '回滚公司' });
    // A second pipeline whose stage does not belong to the default pipeline.
    const ws = env().ws.workspaceId;
    const now = env().clock.now().toISOString();
    const otherPipeline = newId();
    const foreignStage = newId();
    await db()
      .insertInto('pipelines')
      .values({
        id: otherPipeline,
        workspace_id: ws,
        name: '续费',
        is_default: 0,
        position: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db()
      .insertInto('stages')
      .values({
        id: foreignStage,
        workspace_id: ws,
        pipeline_id: otherPipeline,
        name: '续费沟通',
        kind: 'open',
        probability: 50,
        position: 0,
      })
      .execute();
    const before = {
      customers: await count('customers'),
      contacts: await count('contacts'),
      deals: await count('deals'),
      events: await count('events'),
    };
    const res = await env()
      .as(rep)
      .post(`/leads/${lead.id}/convert`, {
        deal: { name: '坏商机', pipeline_id: env().ws.pipelineId, stage_id: foreignStage },
      });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('deal.stage_id');
    const missingPipeline = await env()
      .as(rep)
      .post(`/leads/${lead.id}/convert`, {
        deal: { name: '坏商机', pipeline_id: '01890000-0000-7000-8000-000000000000' },
      });
    expect(missingPipeline.status).toBe(400);
    expect(missingPipeline.body.errors[0].path).toBe('deal.pipeline_id');
    expect({
      customers: await count('customers'),
      contacts: await count('contacts'),
      deals: await count('deals'),
      events: await count('events'),
    }).toEqual(before);
    expect((await env().as(rep).get(`/leads/${lead.id}`)).body.status).toBe('new');
    // The deal may go to a stage of the pipeline it names.
    const ok = await env()
      .as(rep)
      .post(`/leads/${lead.id}/convert`, {
        deal: { name: '续费商机', pipeline_id: otherPipeline, stage_id: foreignStage },
      });
    expect(ok.status).toBe(200);
    expect(ok.body.deal.stage_id).toBe(foreignStage);
  });

  it('attaches to an existing visible customer, optionally without a contact', async () => {
    const { body: existing } = await env().as(rep).post('/customers', { name: '老客户集团' });
    await env()
      .as(rep)
      .post('/contacts', { customer_id: existing.id, name: '现任主联系人', is_primary: true });
    const { body: lead } = await env()
      .as(rep)
      .post('/leads', { name: '新对接人', company_name: '老客户集团' });
    const customersBefore = await count('customers');
    const res = await env().as(rep).post(`/leads/${lead.id}/convert`, { customer_id: existing.id });
    expect(res.status).toBe(200);
    expect(res.body.customer.id).toBe(existing.id);
    expect(res.body.customer_created).toBe(false);
    expect(res.body.contact).toMatchObject({ name: '新对接人', customer_id: existing.id, is_primary: false });
    expect(res.body.deal).toBeNull();
    expect(await count('customers')).toBe(customersBefore);

    const { body: lead2 } = await env().as(rep).post('/leads', { name: '只建客户' });
    const noContact = await env()
      .as(rep)
      .post(`/leads/${lead2.id}/convert`, { contact: false, customer: { level: 'B' } });
    expect(noContact.status).toBe(200);
    expect(noContact.body.contact).toBeNull();
    expect(noContact.body.customer).toMatchObject({ name: '只建客户', level: 'B' });
    expect(noContact.body.lead.converted_contact_id).toBeNull();

    const { body: theirs } = await env().as(rep2).post('/customers', { name: '别人的客户' });
    const { body: lead3 } = await env().as(rep).post('/leads', { name: '越权挂靠' });
    const denied = await env().as(rep).post(`/leads/${lead3.id}/convert`, { customer_id: theirs.id });
    expect(denied.status).toBe(400);
    expect(denied.body.errors[0].path).toBe('customer_id');
    const both = await env()
      .as(rep)
      .post(`/leads/${lead3.id}/convert`, { customer_id: existing.id, customer: { name: 'x' } });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].path).toBe('customer');
  });
});

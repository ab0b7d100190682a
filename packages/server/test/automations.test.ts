import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { makeCustomer } from './sales-fixtures';

describeEachDialect('automations: definitions, triggers and record actions', (env) => {
  let dept: string;
  let mgr: TestUser;
  let rep: TestUser;
  let rep2: TestUser;

  beforeAll(async () => {
    dept = await env().makeDepartment('华东区');
    mgr = await env().makeUser('manager', { departmentId: dept, name: '陈经理' });
    rep = await env().makeUser('rep', { departmentId: dept, name: '李娜' });
    rep2 = await env().makeUser('rep', { departmentId: dept, name: '张伟' });
    await env()
      .database.db.updateTable('departments')
      .set({ manager_id: mgr.id })
      .where('id', '=', dept)
      .execute();
  });

  const admin = () => env().as(env().admin);
  const create = (body: unknown) => admin().post('/automations', body);
  const tagsOf = async (type: string, id: string) =>
    (
      await env()
        .database.db.selectFrom('record_tags as rt')
        .innerJoin('tags as t', 't.id', 'rt.tag_id')
        .select('t.name')
        .where('rt.record_type', '=', type)
        .where('rt.record_id', '=', id)
        .execute()
    ).map((r) => r.name);
  const runsOf = (automationId: string) =>
    env()
      .database.db.selectFrom('automation_runs')
      .selectAll()
      .where('automation_id', '=', automationId)
      .execute();

  it('saves an automation as version 1 and a changed definition as version 2', async () => {
    const def = {
      trigger: { type: 'record_created', entity: 'customer' },
      steps: [{ id: 'a', kind: 'action', params: { action: 'add_tags', tags: ['新客户'] } }],
    };
    const res = await create({ name: '新客户打标签', notes: '市场部要求', definition: def });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '新客户打标签', version: 1, enabled: false, entity: 'customer' });
    const renamed = await admin().patch(`/automations/${res.body.id}`, { name: '新客户标签' });
    expect(renamed.body.version).toBe(1);
    const changed = await admin().patch(`/automations/${res.body.id}`, {
      definition: {
        ...def,
        steps: [{ id: 'a', kind: 'action', params: { action: 'add_tags', tags: ['新'] } }],
      },
    });
    expect(changed.body.version).toBe(2);
    const full = await admin().get(`/automations/${res.body.id}`);
    expect(full.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('rejects a definition with the exact location of each problem, and saves nothing', async () => {
    const res = await create({
      name: '坏规则',
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['no_such_field'] },
        conditions: { all: [{ field: 'level', op: 'gt', value: 3 }] },
        steps: [
          {
            id: 's1',
            kind: 'action',
            params: { action: 'set_fields', values: { created_at: { type: 'now' } } },
          },
          {
            id: 's2',
            kind: 'branch',
            condition: { field: 'tags', op: 'contains', value: 'VIP' },
            then: [
              {
                id: 's1',
                kind: 'action',
                params: {
                  action: 'notify',
                  channel: 'in_app',
                  recipients: [{ type: 'owner' }],
                  title: '{{ record.name',
                },
              },
            ],
            else: [],
          },
          { id: 's3', kind: 'action', params: { action: 'assign_owner', strategy: 'round_robin' } },
          {
            id: 's4',
            kind: 'wait',
            event: 'client.email_opened',
            timeout: { amount: 0, unit: 'days' },
            then: [],
            on_timeout: [],
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'definition.trigger.fields[0]',
        'definition.conditions.all[0].op',
        'definition.steps[0].params.values.created_at',
        'definition.steps[1].then[0].id',
        'definition.steps[1].then[0].params.title',
        'definition.steps[2].params.user_ids',
        'definition.steps[3].timeout.amount',
      ]),
    );
    const unknown = await create({
      name: 'x',
      definition: {
        trigger: { type: 'record_created', entity: 'customer' },
        steps: [{ id: 'a', kind: 'action', params: { action: 'launch_rocket' } }],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toContain('definition.steps[0].params');
    const count = await env()
      .database.db.selectFrom('automations')
      .select('id')
      .where('name', '=', '坏规则')
      .execute();
    expect(count).toHaveLength(0);
  });

  it('runs on a watched field changing to a value: tag, task for the manager, in-app notice to the owner', async () => {
    const res = await create({
      name: 'A 级客户跟进',
      enabled: true,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['level'], to: 'A' },
        conditions: { field: 'industry', op: 'eq', value: '制造业' },
        steps: [
          { id: 'tag', kind: 'action', params: { action: 'add_tags', tags: ['重点客户'] } },
          {
            id: 'task',
            kind: 'action',
            params: {
              action: 'create_task',
              title: '拜访 {{ record.name }}',
              assignee: { type: 'owner_manager' },
              due_in: { amount: 2, unit: 'days' },
            },
          },
          {
            id: 'tell',
            kind: 'action',
            params: {
              action: 'notify',
              channel: 'in_app',
              recipients: [{ type: 'owner' }],
              title: '{{ record.name }} 升为 A 级',
            },
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    const match = await makeCustomer(env(), rep, '苏州精密制造');
    await env().as(rep).patch(`/customers/${match.id}`, { industry: '制造业' });
    const other = await makeCustomer(env(), rep, '杭州软件服务');
    await env().as(rep).patch(`/customers/${other.id}`, { industry: '软件' });
    await env().as(rep).patch(`/customers/${match.id}`, { level: 'A' });
    await env().as(rep).patch(`/customers/${other.id}`, { level: 'A' });
    await env().as(rep).patch(`/customers/${match.id}`, { region: '江苏' });
    await env().worker.drain();

    expect(await tagsOf('customer', match.id)).toEqual(['重点客户']);
    expect(await tagsOf('customer', other.id)).toEqual([]);
    const runs = await runsOf(res.body.id);
    expect(runs.map((r) => [r.record_id, r.status])).toEqual([[match.id, 'completed']]);
    const task = await env()
      .database.db.selectFrom('tasks')
      .selectAll()
      .where('related_id', '=', match.id)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      title: '拜访 苏州精密制造',
      assignee_id: mgr.id,
      due_at: '2026-11-25T02:00:00.000Z',
    });
    const notes = await env()
      .database.db.selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', rep.id)
      .where('kind', '=', 'automation')
      .execute();
    expect(notes.map((n) => n.title)).toEqual(['苏州精密制造 升为 A 级']);
    // The writes are the automation's, audited as such.
    const audit = await env()
      .database.db.selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', match.id)
      .where('source', '=', 'automation')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    const detail = await admin().get(`/automation-runs/${runs[0]!.id}`);
    expect(detail.body.steps.map((s: { step_id: string; status: string }) => [s.step_id, s.status])).toEqual([
      ['tag', 'completed'],
      ['task', 'completed'],
      ['tell', 'completed'],
    ]);
  });

  it('assigns new leads in turn and skips disabled people', async () => {
    const rep3 = await env().makeUser('rep', { departmentId: dept, name: '王五' });
    const res = await create({
      name: '线索轮流分配',
      enabled: true,
      definition: {
        trigger: { type: 'record_created', entity: 'lead' },
        steps: [
          {
            id: 'rr',
            kind: 'action',
            params: { action: 'assign_owner', strategy: 'round_robin', user_ids: [rep.id, rep2.id, rep3.id] },
          },
        ],
      },
    });
    await env()
      .database.db.updateTable('users')
      .set({ status: 'disabled' })
      .where('id', '=', rep3.id)
      .execute();
    const leads: string[] = [];
    for (const name of ['线索一', '线索二', '线索三', '线索四']) {
      const l = await admin().post('/leads', { name, company_name: `${name}公司` });
      leads.push(l.body.id);
    }
    await env().worker.drain();
    const owners = await env()
      .database.db.selectFrom('leads')
      .select(['id', 'owner_id'])
      .where('id', 'in', leads)
      .execute();
    const byId = new Map(owners.map((o) => [o.id, o.owner_id]));
    expect(leads.map((id) => byId.get(id))).toEqual([rep.id, rep2.id, rep.id, rep2.id]);
    const step = await env()
      .database.db.selectFrom('automation_run_steps')
      .selectAll()
      .where('step_id', '=', 'rr')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(step.output)).toContain('round robin');
    expect((await runsOf(res.body.id)).every((r) => r.status === 'completed')).toBe(true);
  });

  it('stops a chain of automations triggering each other at the depth limit and says so', async () => {
    const res = await create({
      name: '自我触发',
      enabled: true,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer', fields: ['description'] },
        steps: [
          {
            id: 'again',
            kind: 'action',
            params: {
              action: 'set_fields',
              values: { description: { type: 'template', template: '{{ record.description }}+' } },
            },
          },
        ],
      },
    });
    expect(res.body.errors ?? []).toEqual([]);
    const c = await makeCustomer(env(), rep, '循环测试公司');
    await env().as(rep).patch(`/customers/${c.id}`, { description: 'x' });
    await env().worker.drain();
    const runs = await runsOf(res.body.id);
    expect(runs.filter((r) => r.status === 'completed')).toHaveLength(5);
    const stopped = runs.filter((r) => r.status === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.error).toContain('automations in a row');
    const after = await env()
      .database.db.selectFrom('customers')
      .select('description')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after.description).toBe('x+++++');
    await admin().patch(`/automations/${res.body.id}`, { enabled: false });
  });

  it('dry-runs against a record: conditions explained, steps described, nothing written', async () => {
    const c = await makeCustomer(env(), rep, '宁波港口物流');
    const res = await admin().post('/automations/dry-run', {
      record_id: c.id,
      definition: {
        trigger: { type: 'record_updated', entity: 'customer' },
        conditions: {
          any: [
            { field: 'name', op: 'contains', value: '物流' },
            { field: 'level', op: 'eq', value: 'A' },
          ],
        },
        steps: [
          {
            id: 'set',
            kind: 'action',
            params: { action: 'set_fields', values: { level: { type: 'const', value: 'B' } } },
          },
          { id: 'wait', kind: 'delay', duration: { amount: 1, unit: 'business_days' } },
          {
            id: 'task',
            kind: 'action',
            params: { action: 'create_task', title: '回访 {{ record.name }}', assignee: { type: 'owner' } },
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.conditions.passed).toBe(true);
    expect(res.body.steps.map((s: { step_id: string; status: string }) => [s.step_id, s.status])).toEqual([
      ['set', 'would_run'],
      ['wait', 'would_wait'],
      ['task', 'would_run'],
    ]);
    expect(res.body.steps[2].output.would_create.title).toBe('回访 宁波港口物流');
    const row = await env()
      .database.db.selectFrom('customers')
      .select('level')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.level).not.toBe('B');
    const repTry = await env()
      .as(rep)
      .post('/automations/dry-run', {
        definition: {
          trigger: { type: 'webhook' },
          steps: [{ id: 'a', kind: 'delay', duration: { amount: 1, unit: 'hours' } }],
        },
      });
    expect(repTry.status).toBe(403);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from './harness';
import type { TestUser } from './harness';
import { rebuildDuplicateKeys } from '../src/modules/dedupe/dedupe-rebuild';
import { defaultPipeline, paths } from './sales-fixtures';

/*
 * The duplicate finder over existing data and merge (issue 6): groups with what matched and a
 * confidence, seen within the actor's scope; merge moves what hangs from the merged records, keeps
 * the audit trail and tells the survivor's timeline; bulk merge takes the high-confidence groups.
 */
describeEachDialect('duplicate finder and merge', (env) => {
  let rep: TestUser;
  let otherRep: TestUser;
  let manager: TestUser;
  let outsider: TestUser;
  const admin = () => env().as(env().admin);
  const ids = { survivor: '', twin: '', similar: '', phoneTwin: '', elsewhere: '' };

  /**
   * A customer as an import or an old system left it, before the rules: created through the API with a
   * placeholder name, then given its real values behind the services' backs. The keys are rebuilt after.
   */
  let n = 0;
  async function legacy(
    user: TestUser,
    values: { name: string; phone?: string; email?: string; industry?: string },
  ) {
    const created = await env()
      .as(user)
      .post('/customers', { name: `占位客户${++n}` });
    expect(created.status).toBe(201);
    await env().database.db.updateTable('customers').set(values).where('id', '=', created.body.id).execute();
    return created.body.id as string;
  }

  beforeAll(async () => {
    const east = await env().makeDepartment('华东区');
    const west = await env().makeDepartment('西南区');
    rep = await env().makeUser('rep', { departmentId: east, name: '张三' });
    otherRep = await env().makeUser('rep', { departmentId: east, name: '李四' });
    manager = await env().makeUser('manager', { departmentId: east, name: '王经理' });
    outsider = await env().makeUser('rep', { departmentId: west, name: '赵六' });
    ids.survivor = await legacy(rep, { name: '杭州云帆网络科技有限公司', phone: '0571-8888 1234' });
    ids.twin = await legacy(otherRep, {
      name: '云帆网络科技（杭州）有限责任公司',
      email: 'info@yunfan.cn',
      industry: '互联网',
    });
    ids.similar = await legacy(rep, { name: '杭州云帆网络科枝', phone: '+86 571 88881234' });
    ids.elsewhere = await legacy(outsider, { name: '成都锦江蓉城物流', phone: '028-8555 0001' });
    ids.phoneTwin = await legacy(outsider, { name: '蓉城物流（成都）有限公司', phone: '02885550001' });
    await rebuildDuplicateKeys(env().database, env().ws.workspaceId);
  });

  describe('finder', () => {
    it('groups duplicates with what matched and a confidence, most certain first', async () => {
      const res = await admin().get('/duplicates?entity=customer');
      expect(res.status).toBe(200);
      const yunfan = res.body.items.find((g: { records: { id: string }[] }) =>
        g.records.some((r) => r.id === ids.survivor),
      );
      expect(yunfan.records.map((r: { id: string }) => r.id).sort()).toEqual(
        [ids.survivor, ids.twin, ids.similar].sort(),
      );
      expect(yunfan.confidence).toBeGreaterThanOrEqual(0.95);
      const kinds = yunfan.matches.map((m: { kind: string }) => m.kind).sort();
      expect(kinds).toContain('company');
      expect(kinds).toContain('phone');
      const chengdu = res.body.items.find((g: { records: { id: string }[] }) =>
        g.records.some((r) => r.id === ids.elsewhere),
      );
      expect(chengdu.records.map((r: { id: string }) => r.id).sort()).toEqual(
        [ids.elsewhere, ids.phoneTwin].sort(),
      );
      expect(res.body.items.map((g: { confidence: number }) => g.confidence)).toEqual(
        [...res.body.items.map((g: { confidence: number }) => g.confidence)].sort((a, b) => b - a),
      );
      expect(res.body.items[0].records[0]).toMatchObject({ owner_name: expect.any(String) });
    });

    it('shows a manager only the groups inside their department, and reps nothing', async () => {
      const res = await env().as(manager).get('/duplicates?entity=customer&refresh=true');
      expect(res.status).toBe(200);
      const seen = res.body.items.flatMap((g: { records: { id: string }[] }) => g.records.map((r) => r.id));
      expect(seen).toContain(ids.survivor);
      expect(seen).not.toContain(ids.elsewhere);
      expect(seen).not.toContain(ids.phoneTwin);
      expect((await env().as(rep).get('/duplicates?entity=customer')).status).toBe(403);
    });

    it('pages through groups', async () => {
      const first = await admin().get('/duplicates?entity=customer&limit=1');
      expect(first.body.items).toHaveLength(1);
      expect(first.body.next_cursor).toBe('1');
      const second = await admin().get(
        `/duplicates?entity=customer&limit=1&cursor=${first.body.next_cursor}`,
      );
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    });
  });

  describe('merge', () => {
    it('refuses a survivor among the merged, a field it does not know, and a record the actor cannot see', async () => {
      const self = await admin().post('/duplicates/merge', {
        entity: 'customer',
        survivor_id: ids.survivor,
        merged_ids: [ids.twin, ids.survivor],
      });
      expect(self.status).toBe(400);
      expect(paths(self.body)).toEqual(['merged_ids[1]']);
      const unknown = await admin().post('/duplicates/merge', {
        entity: 'customer',
        survivor_id: ids.survivor,
        merged_ids: [ids.twin],
        fields: { fax: ids.twin },
      });
      expect(unknown.status).toBe(400);
      expect(paths(unknown.body)).toEqual(['fields.fax']);
      const hidden = await env()
        .as(manager)
        .post('/duplicates/merge', {
          entity: 'customer',
          survivor_id: ids.survivor,
          merged_ids: [ids.elsewhere],
        });
      expect(hidden.status).toBe(400);
      expect(paths(hidden.body)).toEqual(['merged_ids[0]']);
      expect(
        (
          await env()
            .as(rep)
            .post('/duplicates/merge', {
              entity: 'customer',
              survivor_id: ids.survivor,
              merged_ids: [ids.twin],
            })
        ).status,
      ).toBe(403);
    });

    it('moves contacts, deals, follow-ups, tasks and tags to the survivor, hides the merged records and says so', async () => {
      const pipeline = await defaultPipeline(env());
      const contact = await env()
        .as(otherRep)
        .post('/contacts', { customer_id: ids.twin, name: '周总', mobile: '13700001111' });
      const deal = await env().as(otherRep).post('/deals', {
        name: '云帆年度采购',
        customer_id: ids.twin,
        pipeline_id: pipeline.id,
        amount: 50_000,
      });
      const activity = await env()
        .as(otherRep)
        .post('/activities', { kind: 'call', content: '约了下周拜访', customer_id: ids.twin });
      const task = await env()
        .as(otherRep)
        .post('/tasks', { title: '寄样品', related_type: 'customer', related_id: ids.twin });
      const tag = await admin().post('/tags', { name: '展会客户', color: '#1677ff' });
      await admin().post('/tags/assign', {
        record_type: 'customer',
        record_ids: [ids.twin],
        tag_ids: [tag.body.id],
      });
      for (const r of [contact, deal, activity, task, tag]) expect(r.status).toBe(201);

      const res = await env()
        .as(manager)
        .post('/duplicates/merge', {
          entity: 'customer',
          survivor_id: ids.survivor,
          merged_ids: [ids.twin, ids.similar],
          fields: { phone: ids.similar },
        });
      expect(res.status).toBe(200);
      expect(res.body.merged_ids).toEqual([ids.twin, ids.similar]);
      expect(res.body.moved).toMatchObject({ contacts: 1, deals: 1, activities: 1, tasks: 1, tags: 1 });
      // Chosen value, blanks filled from the others.
      expect(res.body.survivor).toMatchObject({
        name: '杭州云帆网络科技有限公司',
        phone: '+86 571 88881234',
        email: 'info@yunfan.cn',
        industry: '互联网',
      });

      const c360 = await env().as(manager).get(`/contacts/${contact.body.id}`);
      expect(c360.body.customer_id).toBe(ids.survivor);
      expect((await env().as(manager).get(`/deals/${deal.body.id}`)).body.customer_id).toBe(ids.survivor);
      const tasks = await env()
        .database.db.selectFrom('tasks')
        .selectAll()
        .where('id', '=', task.body.id)
        .executeTakeFirstOrThrow();
      expect([tasks.related_id, tasks.customer_id]).toEqual([ids.survivor, ids.survivor]);
      const tagged = await env()
        .database.db.selectFrom('record_tags')
        .select('record_id')
        .where('tag_id', '=', tag.body.id)
        .execute();
      expect(tagged.map((t) => t.record_id)).toEqual([ids.survivor]);

      // Merged records leave the lists, and say where they went.
      const list = await env().as(manager).get('/customers?limit=200');
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(ids.twin);
      const gone = await env().as(manager).get(`/customers/${ids.twin}`);
      expect(gone.body).toMatchObject({ merged_into_id: ids.survivor, deleted_at: expect.any(String) });

      // The audit trail keeps both sides; the survivor's timeline tells what happened.
      const audit = await env()
        .database.db.selectFrom('audit_log')
        .select(['record_id', 'action'])
        .where('action', '=', 'merged')
        .execute();
      expect(audit.map((a) => a.record_id).sort()).toEqual([ids.survivor, ids.twin, ids.similar].sort());
      const timeline = await env().as(manager).get(`/customers/${ids.survivor}/timeline`);
      expect(timeline.status).toBe(200);
      const entry = timeline.body.items.find((i: { action?: string }) => i.action === 'merged');
      expect(entry.changes.merged.after.map((m: { id: string }) => m.id)).toEqual([ids.twin, ids.similar]);
      expect(
        timeline.body.items.some((i: { activity_id?: string; id?: string }) =>
          JSON.stringify(i).includes('约了下周拜访'),
        ),
      ).toBe(true);

      // No longer a group; and the merged name is no longer a duplicate of anything.
      const after = await admin().get('/duplicates?entity=customer');
      const seen = after.body.items.flatMap((g: { records: { id: string }[] }) => g.records.map((r) => r.id));
      expect(seen).not.toContain(ids.twin);
      expect(seen).not.toContain(ids.survivor);
    });
  });

  describe('bulk merge', () => {
    it('previews the high-confidence groups, then merges them keeping the oldest record', async () => {
      const a = await env().as(rep).post('/customers', { name: '无锡锦程机械', email: 'sales@jincheng.cn' });
      const b = await env().as(rep).post('/customers', { name: '临时乙', email: 'SALES@jincheng.cn' });
      await env()
        .database.db.updateTable('customers')
        .set({ name: '無錫錦程機械有限公司' })
        .where('id', '=', b.body.id)
        .execute();
      await rebuildDuplicateKeys(env().database, env().ws.workspaceId, { entities: ['customer'] });

      const preview = await admin().post('/duplicates/merge-bulk', { entity: 'customer' });
      expect(preview.status).toBe(200);
      expect(preview.body.preview).toBe(true);
      const group = preview.body.groups.find((g: { survivor_id: string }) => g.survivor_id === a.body.id);
      expect(group).toMatchObject({
        merged_ids: [b.body.id],
        names: ['无锡锦程机械', '無錫錦程機械有限公司'],
      });
      expect((await env().as(rep).get(`/customers/${b.body.id}`)).body.deleted_at).toBeNull();

      const run = await admin().post('/duplicates/merge-bulk', { entity: 'customer', preview: false });
      expect(run.status).toBe(200);
      expect(run.body.failed).toEqual([]);
      expect(run.body.merged_groups).toBe(preview.body.groups.length);
      expect((await env().as(rep).get(`/customers/${b.body.id}`)).body.merged_into_id).toBe(a.body.id);
      const again = await admin().post('/duplicates/merge-bulk', { entity: 'customer' });
      expect(again.body.groups).toEqual([]);
    });
  });
});

import type { TestEnv, TestUser } from './harness';
import { newId } from '../src/core/ids';
import { poolDb } from '../src/modules/pools/pool.repository';

/* Fixtures for the hand-over suites: tasks and leads are written directly, these suites test ownership. */

export async function addTask(env: TestEnv, customerId: string | null, assignee: string, done = false) {
  const now = env.clock.now().toISOString();
  const id = newId();
  await env.database.db
    .insertInto('tasks')
    .values({
      id,
      workspace_id: env.ws.workspaceId,
      title: done ? '已完成的回访' : '回访',
      description: null,
      assignee_id: assignee,
      due_at: null,
      start_at: null,
      status: done ? 'done' : 'open',
      completed_at: done ? now : null,
      related_type: customerId ? 'customer' : null,
      related_id: customerId,
      customer_id: customerId,
      created_by: assignee,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  return id;
}

/** An open lead owned by `owner` (the owner is set directly: distribution rules do not matter here). */
export async function addLead(env: TestEnv, owner: TestUser, name: string) {
  const res = await env.as(owner).post('/leads', { name });
  if (res.status !== 201) throw new Error(`lead not created: ${JSON.stringify(res.body)}`);
  await env.database.db
    .updateTable('leads')
    .set({ owner_id: owner.id })
    .where('id', '=', res.body.id)
    .execute();
  return res.body.id as string;
}

export async function ownerOf(env: TestEnv, table: 'customers' | 'deals' | 'leads', id: string) {
  const row = await env.database.db
    .selectFrom(table)
    .select('owner_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.owner_id;
}

export async function assigneeOf(env: TestEnv, id: string) {
  return (
    await env.database.db
      .selectFrom('tasks')
      .select('assignee_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).assignee_id;
}

export async function dealsOf(env: TestEnv, customerId: string) {
  return env.database.db
    .selectFrom('deals')
    .select(['id', 'owner_id', 'status'])
    .where('customer_id', '=', customerId)
    .execute();
}

export async function poolColumns(env: TestEnv, id: string) {
  return poolDb(env.database.db)
    .selectFrom('customers')
    .select(['owner_id', 'pool_id', 'claimed_at', 'recycle_reason', 'previous_owner_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Rows that a refused or preview-only request must not have written. */
export async function writeCounts(env: TestEnv) {
  const db = env.database.db;
  const count = async (table: 'handovers' | 'audit_log' | 'pool_moves' | 'jobs' | 'notifications') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    handovers: await count('handovers'),
    audit: await count('audit_log'),
    moves: await count('pool_moves'),
    jobs: await count('jobs'),
    notifications: await count('notifications'),
  };
}

/** `n` customers of `owner` written directly (no search grams or duplicate keys: not needed here). */
export async function bulkCustomers(env: TestEnv, owner: TestUser, n: number, prefix = '批量客户') {
  const now = env.clock.now().toISOString();
  const ids = Array.from({ length: n }, () => newId()).sort();
  for (let i = 0; i < ids.length; i += 200)
    await env.database.db
      .insertInto('customers')
      .values(
        ids.slice(i, i + 200).map((id, k) => ({
          id,
          workspace_id: env.ws.workspaceId,
          name: `${prefix}${i + k}`,
          industry: null,
          region: null,
          size: null,
          level: null,
          source: null,
          status: 'active',
          phone: null,
          email: null,
          website: null,
          address: null,
          description: null,
          owner_id: owner.id,
          last_contact_at: null,
          last_won_at: null,
          last_purchase_at: null,
          custom: '{}',
          created_by: owner.id,
          created_at: now,
          updated_at: now,
          deleted_at: null,
          deleted_by: null,
        })),
      )
      .execute();
  return ids;
}

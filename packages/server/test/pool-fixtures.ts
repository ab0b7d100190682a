import { expect } from 'vitest';
import type { TestEnv, TestUser } from './harness';
import { newId } from '../src/core/ids';
import { poolDb } from '../src/modules/pools/pool.repository';

/* Fixtures for the public pool suites. Deals and dates are written directly: these suites test pools. */

export const DAY = 86_400_000;

let phones = 0;
/** A phone number no other customer of the run has (duplicates are refused). */
export const nextPhone = () => `139${String(10_000_000 + ++phones * 7919).slice(-8)}`;

export async function createPool(env: TestEnv, body: Record<string, unknown>): Promise<any> {
  const res = await env.as(env.admin).post('/pools', body);
  if (res.status !== 201) throw new Error(`pool not created: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A customer owned by `owner`, with extra columns set directly (dates, level, lock). */
export async function ownedCustomer(
  env: TestEnv,
  owner: TestUser,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await env
    .as(owner)
    .post('/customers', { name, phone: nextPhone(), ...pick(extra, ['level', 'source']) });
  if (res.status !== 201) throw new Error(`customer not created: ${JSON.stringify(res.body)}`);
  const direct = Object.fromEntries(Object.entries(extra).filter(([k]) => !['level', 'source'].includes(k)));
  if (Object.keys(direct).length)
    await poolDb(env.database.db)
      .updateTable('customers')
      .set(direct)
      .where('id', '=', res.body.id)
      .execute();
  return res.body.id;
}

function pick(o: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

/** A customer waiting in `poolId` (released there by its creator). */
export async function pooledCustomer(
  env: TestEnv,
  poolId: string,
  name: string,
  by?: TestUser,
): Promise<string> {
  const owner = by ?? env.admin;
  const res = await env
    .as(owner)
    .post('/customers', { name, phone: nextPhone(), email: `c${phones}@example.cn`, owner_id: owner.id });
  expect(res.status).toBe(201);
  const rel = await env
    .as(owner)
    .post('/customers/release', { ids: [res.body.id], pool_id: poolId, reason: '测试' });
  expect(rel.status).toBe(200);
  return res.body.id;
}

export async function customerRow(env: TestEnv, id: string) {
  return poolDb(env.database.db)
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function addDeal(
  env: TestEnv,
  customerId: string,
  ownerId: string,
  status: 'open' | 'won' | 'lost',
) {
  const db = env.database.db;
  const stage = await db
    .selectFrom('stages')
    .select(['id', 'pipeline_id'])
    .where('pipeline_id', '=', env.ws.pipelineId)
    .where('kind', '=', status)
    .orderBy('position')
    .executeTakeFirstOrThrow();
  const now = env.clock.now().toISOString();
  await db
    .insertInto('deals')
    .values({
      id: newId(),
      workspace_id: env.ws.workspaceId,
      name: `${status} 商机`,
      customer_id: customerId,
      contact_id: null,
      pipeline_id: stage.pipeline_id,
      stage_id: stage.id,
      status,
      amount: 1000,
      currency: 'CNY',
      expected_close_date: null,
      stage_entered_at: now,
      won_at: status === 'won' ? now : null,
      lost_at: status === 'lost' ? now : null,
      lost_reason: null,
      description: null,
      owner_id: ownerId,
      custom: '{}',
      created_by: ownerId,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  if (status === 'won')
    await db.updateTable('customers').set({ last_won_at: now }).where('id', '=', customerId).execute();
}

export async function notificationsOf(env: TestEnv, userId: string, kind?: string) {
  let q = env.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('created_at').orderBy('id').execute();
}

export async function movesOf(env: TestEnv, customerId: string) {
  return env.database.db
    .selectFrom('pool_moves')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
}

import type { TestEnv, TestUser } from './harness';
import { newId } from '../src/core/ids';

/*
 * Fixtures for the sales suites (pipelines, deals, follow-ups, tasks, timeline). Contacts, products
 * and leads belong to other modules; the suites insert them directly so they test only their own API.
 */

export async function countRows(
  env: TestEnv,
  table:
    'deals' | 'deal_items' | 'pipelines' | 'stages' | 'activities' | 'tasks' | 'audit_log' | 'notifications',
) {
  const db = env.database.db;
  const row = await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function makeCustomer(
  env: TestEnv,
  user: TestUser,
  name: string,
): Promise<{ id: string; name: string }> {
  const res = await env.as(user).post('/customers', { name });
  if (res.status !== 201) throw new Error(`customer not created: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function insertContact(env: TestEnv, customerId: string, name: string): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.database.db
    .insertInto('contacts')
    .values({
      id,
      workspace_id: env.ws.workspaceId,
      customer_id: customerId,
      name,
      title: null,
      mobile: null,
      phone: null,
      email: null,
      wechat: null,
      is_primary: 0,
      notes: null,
      custom: '{}',
      created_by: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  return id;
}

export async function insertProduct(env: TestEnv, name: string, price: number): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.database.db
    .insertInto('products')
    .values({
      id,
      workspace_id: env.ws.workspaceId,
      name,
      sku: null,
      unit: '件',
      price,
      currency: 'CNY',
      description: null,
      active: 1,
      custom: '{}',
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  return id;
}

export async function insertLead(env: TestEnv, ownerId: string, name: string): Promise<string> {
  const id = newId();
  const now = env.clock.now().toISOString();
  await env.database.db
    .insertInto('leads')
    .values({
      id,
      workspace_id: env.ws.workspaceId,
      name,
      company_name: null,
      title: null,
      mobile: null,
      phone: null,
      email: null,
      source: null,
      channel: null,
      region: null,
      industry: null,
      status: 'new',
      grade: null,
      score: 0,
      description: null,
      owner_id: ownerId,
      custom: '{}',
      converted_customer_id: null,
      converted_contact_id: null,
      converted_deal_id: null,
      converted_at: null,
      last_contact_at: null,
      created_by: ownerId,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      deleted_by: null,
    })
    .execute();
  return id;
}

export interface StageRef {
  id: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
}

/** The workspace's default pipeline with its stages, by kind for convenience. */
export async function defaultPipeline(env: TestEnv) {
  const res = await env.as(env.admin).get('/pipelines');
  const p = res.body.items.find((x: { is_default: boolean }) => x.is_default);
  const stages: StageRef[] = p.stages;
  return {
    id: p.id as string,
    stages,
    open: stages.filter((s) => s.kind === 'open'),
    won: stages.find((s) => s.kind === 'won')!,
    lost: stages.find((s) => s.kind === 'lost')!,
  };
}

/** PUT through the app (the harness client has no PUT). */
export async function put(env: TestEnv, user: TestUser, url: string, body: unknown) {
  const res = await env.app.inject({
    method: 'PUT',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${user.token}` },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, headers: res.headers };
}

export const filterParam = (conditions: unknown[]) => encodeURIComponent(JSON.stringify(conditions));
export const ids = (items: { id: string }[]) => items.map((i) => i.id);
export const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

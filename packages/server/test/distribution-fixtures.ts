import { expect } from 'vitest';
import type { TestEnv, TestUser } from './harness';

/* Fixtures for the lead distribution suites: rules over the API, records created as an integration would. */

let seq = 0;
/** A phone number no other record of the run has. */
export const freshPhone = () => `137${String(10_000_000 + ++seq * 7919).slice(-8)}`;

/** Start a test from no rules and no fallback, so suites sharing a workspace do not see each other's. */
export async function resetDistribution(env: TestEnv) {
  const ws = env.ws.workspaceId;
  await env.database.db.deleteFrom('distribution_cursors').where('workspace_id', '=', ws).execute();
  await env.database.db.deleteFrom('distribution_rules').where('workspace_id', '=', ws).execute();
  await env.database.db.deleteFrom('distribution_settings').where('workspace_id', '=', ws).execute();
}

export async function addRule(env: TestEnv, body: Record<string, unknown>): Promise<any> {
  const res = await env.as(env.admin).post('/distribution-rules', { entity: 'lead', ...body });
  if (res.status !== 201) throw new Error(`rule not created: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A lead created through the API without an owner (distributed when rules exist); returns its row. */
export async function apiLead(env: TestEnv, fields: Record<string, unknown> = {}, by?: TestUser) {
  const res = await env
    .as(by ?? env.admin)
    .post('/leads', { name: `线索${++seq}`, mobile: freshPhone(), ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; owner_id: string | null };
}

export async function apiCustomer(env: TestEnv, fields: Record<string, unknown> = {}, by?: TestUser) {
  const res = await env
    .as(by ?? env.admin)
    .post('/customers', { name: `客户${++seq}有限公司`, phone: freshPhone(), ...fields });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; owner_id: string | null };
}

export async function logOf(env: TestEnv, recordId: string) {
  const res = await env.as(env.admin).get(`/distribution-log?record_id=${recordId}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

/** PUT is not in the harness client. */
export async function put(env: TestEnv, as: TestUser, url: string, body: unknown) {
  const res = await env.app.inject({
    method: 'PUT',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${as.token}` },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

export async function setAway(env: TestEnv, user: TestUser, until: string | null, by?: TestUser) {
  const res = await put(env, by ?? env.admin, `/users/${user.id}/away`, { away_until: until });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

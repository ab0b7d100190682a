import { sql } from 'kysely';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../packages/server/src/db/database';
import { buildApp } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import { systemClock } from '../../packages/server/src/core/clock';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { loadActor } from '../../packages/server/src/modules/auth/actor-loader';
import { createToken } from '../../packages/server/src/modules/tokens/token.service';
import type { AppDeps } from '../../packages/server/src/core/deps';
import { sequentialLatency, throughput } from './http-load';
import type { Throughput } from './http-load';
import type { LatencyStats } from './stats';

export interface FoundationResult {
  listP99: LatencyStats;
  listThroughput: Throughput;
  bareThroughput: Throughput;
  ratioToBare: number;
  searchRep: LatencyStats;
  searchAdmin: LatencyStats;
  customer360: LatencyStats;
  repCustomers: number;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return `http://127.0.0.1:${addr.port}`;
}

/** Two-character Chinese fragments of real customer names, for search queries. */
async function searchTerms(database: Database, workspaceId: string, count: number): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from customers where workspace_id = ${workspaceId}
    and id >= (select id from customers where workspace_id = ${workspaceId} order by id limit 1 offset 1000) order by id limit ${count}`.execute(
    database.db,
  );
  return rows.map((r, i) => {
    const chars = [...r.name].filter((c) => /[\u4e00-\u9fff]/.test(c));
    const at = (i * 7) % Math.max(1, chars.length - 1);
    return chars.slice(at, at + 2).join('');
  });
}

export async function runFoundationBench(
  database: Database,
  workspaceId: string,
  opts: { seconds: number; samples: number },
): Promise<FoundationResult> {
  const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
  const { rows: top } = await sql<{
    owner_id: string;
    n: number;
  }>`select owner_id, count(*) as n from customers
    where workspace_id = ${workspaceId} and owner_id is not null group by owner_id order by count(*) desc limit 1`.execute(
    database.db,
  );
  const rep = top[0]!;
  const admin = await database.db
    .selectFrom('users as u')
    .innerJoin('roles as r', 'r.id', 'u.role_id')
    .select('u.id')
    .where('u.workspace_id', '=', workspaceId)
    .where('r.key', '=', 'admin')
    .executeTakeFirstOrThrow();
  const tokenOf = async (userId: string) => {
    const actor = (await loadActor(database.db, database.dialect, userId, workspaceId, { source: 'api' }))!;
    return (await createToken(deps, actor, { name: 'bench', scopes: [...actor.permissions] })).token;
  };
  const repHeaders = { authorization: `Bearer ${await tokenOf(rep.owner_id)}` };
  const adminHeaders = { authorization: `Bearer ${await tokenOf(admin.id)}` };

  const app = await buildApp({ deps, config: { ...loadConfig({}), logLevel: 'silent' } });
  const base = await listen(app);

  // The rep's "my customers, most recently contacted first" list, first pages and cursor pages.
  const filter = encodeURIComponent(JSON.stringify([{ field: 'owner_id', op: 'eq', value: rep.owner_id }]));
  const first = `/api/v1/customers?filter=${filter}&sort=-last_contact_at&limit=50`;
  const listPaths = [first];
  let cursor: string | null = null;
  for (let i = 0; i < 5; i++) {
    const res: Response = await fetch(base + (cursor ? `${first}&cursor=${cursor}` : first), {
      headers: repHeaders,
    });
    const body = (await res.json()) as { next_cursor: string | null };
    cursor = body.next_cursor;
    if (!cursor) break;
    listPaths.push(`${first}&cursor=${cursor}`);
  }
  const listP99 = await sequentialLatency(base, listPaths, repHeaders, opts.samples);
  const listThroughput = await throughput(base + first, repHeaders, 32, opts.seconds);

  // The same list SQL behind a bare Fastify route: no auth, no validation, no tags.
  const bare = Fastify();
  bare.get('/bare', async () => {
    const { rows } =
      await sql`select * from customers where workspace_id = ${workspaceId} and owner_id in (${rep.owner_id})
      and deleted_at is null order by last_contact_at desc nulls last, id desc limit 51`.execute(database.db);
    return { items: rows.slice(0, 50) };
  });
  const bareBase = await listen(bare);
  const bareThroughput = await throughput(`${bareBase}/bare`, {}, 32, opts.seconds);
  await bare.close();

  const terms = await searchTerms(database, workspaceId, 50);
  const searchPaths = terms.map((t) => `/api/v1/search?q=${encodeURIComponent(t)}&types=customer`);
  const searchRep = await sequentialLatency(base, searchPaths, repHeaders, Math.min(opts.samples, 500));
  const searchAdmin = await sequentialLatency(base, searchPaths, adminHeaders, Math.min(opts.samples, 500));

  const { rows: mine } = await sql<{
    id: string;
  }>`select id from customers where workspace_id = ${workspaceId}
    and owner_id = ${rep.owner_id} order by last_contact_at desc limit 100`.execute(database.db);
  const customer360 = await sequentialLatency(
    base,
    mine.map((c) => `/api/v1/customers/${c.id}/360`),
    repHeaders,
    opts.samples,
  );
  await app.close();
  return {
    listP99,
    listThroughput,
    bareThroughput,
    ratioToBare:
      Math.round((listThroughput.requestsPerSecond / Math.max(1, bareThroughput.requestsPerSecond)) * 100) /
      100,
    searchRep,
    searchAdmin,
    customer360,
    repCustomers: Number(rep.n),
  };
}

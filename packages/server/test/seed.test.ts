import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { FrozenClock } from '../src/core/clock';
import { migrateToLatest, openDatabase } from '../src/db/database';
import type { Database } from '../src/db/database';
import { createToken } from '../src/modules/tokens/token.service';
import { loadActor } from '../src/modules/auth/actor-loader';
import { generateWorkspace } from '../src/seed/generate';
import type { GenerateResult } from '../src/seed/generate';
import { isChinesePhone } from '../src/seed/zh-faker';
import { DEMO_PASSWORD } from '../src/seed/demo-org';
import { verifyPassword } from '../src/modules/auth/password';
import { runCli } from '../src/cli/program';
import { TEST_NOW, describeEachDialect } from './harness';

const tmp = mkdtempSync(join(tmpdir(), 'tl-seed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function firstCustomers(database: Database, workspaceId: string, n: number) {
  return database.db
    .selectFrom('customers')
    .select(['name', 'phone', 'email', 'region'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .limit(n)
    .execute();
}

describe('seed generator (pure data)', () => {
  it('gives the same customers and contacts for the same seed, different ones for another seed', async () => {
    const open = async () => {
      const database = openDatabase({ sqlitePath: ':memory:' });
      await migrateToLatest(database);
      return database;
    };
    const [a, b, c] = await Promise.all([open(), open(), open()]);
    const clock = new FrozenClock(TEST_NOW);
    const ra = await generateWorkspace(a, { customers: 200, seed: 7, clock });
    const rb = await generateWorkspace(b, { customers: 200, seed: 7, clock });
    const rc = await generateWorkspace(c, { customers: 200, seed: 8, clock });
    const [ca, cb, cc] = await Promise.all([
      firstCustomers(a, ra.workspaceId, 50),
      firstCustomers(b, rb.workspaceId, 50),
      firstCustomers(c, rc.workspaceId, 50),
    ]);
    expect(ca).toEqual(cb);
    expect(ca.map((x) => x.name)).not.toEqual(cc.map((x) => x.name));
    const contacts = (d: Database, ws: string) =>
      d.db
        .selectFrom('contacts')
        .select(['name', 'mobile'])
        .where('workspace_id', '=', ws)
        .orderBy('created_at')
        .orderBy('name')
        .limit(50)
        .execute();
    expect(await contacts(a, ra.workspaceId)).toEqual(await contacts(b, rb.workspaceId));
    expect(ra.counts).toEqual(rb.counts);
    // Ids are random: two workspaces seeded alike never share a record id.
    const idsA = await a.db.selectFrom('customers').select('id').execute();
    const idsB = new Set((await b.db.selectFrom('customers').select('id').execute()).map((r) => r.id));
    expect(idsA.some((r) => idsB.has(r.id))).toBe(false);
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});

describeEachDialect('seeded demo workspace', (env) => {
  let result: GenerateResult;

  it('creates the demo org: departments, eight users in their roles, two pipelines, fields and tags', async () => {
    result = await generateWorkspace(env().database, { customers: 400, clock: env().clock });
    const db = env().database.db;
    const ws = result.workspaceId;
    const users = await db
      .selectFrom('users as u')
      .innerJoin('roles as r', (j) =>
        j.onRef('r.workspace_id', '=', 'u.workspace_id').onRef('r.id', '=', 'u.role_id'),
      )
      .innerJoin('departments as d', (j) =>
        j.onRef('d.workspace_id', '=', 'u.workspace_id').onRef('d.id', '=', 'u.department_id'),
      )
      .select(['u.email', 'u.password_hash', 'r.key', 'd.name as department'])
      .where('u.workspace_id', '=', ws)
      .execute();
    expect(users).toHaveLength(8);
    const roles = users.map((u) => u.key).sort();
    expect(roles).toEqual(['admin', 'manager', 'manager', 'marketing', 'rep', 'rep', 'rep', 'service']);
    const admin = users.find((u) => u.email === 'admin@demo.tideline')!;
    expect(admin.department).toBe('总部');
    expect(await verifyPassword(DEMO_PASSWORD, admin.password_hash)).toBe(true);
    expect(users.find((u) => u.email === 'zhang.wei@demo.tideline')?.department).toBe('杭州组');
    const depts = await db
      .selectFrom('departments')
      .select(['name', 'path'])
      .where('workspace_id', '=', ws)
      .execute();
    const path = (name: string) => depts.find((d) => d.name === name)!.path;
    expect(path('上海组').startsWith(path('华东区'))).toBe(true);
    expect(path('北京组').startsWith(path('华北区'))).toBe(true);
    expect(result.pipelines.map((p) => p.name)).toEqual(['标准销售流程', '大客户项目']);
    const fields = await db
      .selectFrom('custom_fields')
      .select(['label', 'type'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(fields).toEqual(
      expect.arrayContaining([
        { label: '年采购预算', type: 'money' },
        { label: '客户来源细分', type: 'select' },
      ]),
    );
    expect(result.counts.customers).toBe(400);
    expect(result.counts.contacts).toBeGreaterThanOrEqual(400);
    expect(result.counts.leads).toBeGreaterThan(0);
  });

  it('makes valid Chinese phone numbers', async () => {
    const db = env().database.db;
    const ws = result.workspaceId;
    const customers = await db
      .selectFrom('customers')
      .select('phone')
      .where('workspace_id', '=', ws)
      .execute();
    const contacts = await db
      .selectFrom('contacts')
      .select(['mobile', 'phone'])
      .where('workspace_id', '=', ws)
      .execute();
    const leads = await db
      .selectFrom('leads')
      .select(['mobile', 'phone'])
      .where('workspace_id', '=', ws)
      .execute();
    const phones = [
      ...customers.map((c) => c.phone),
      ...contacts.flatMap((c) => [c.mobile, c.phone?.split('转')[0] ?? null]),
      ...leads.flatMap((l) => [l.mobile, l.phone]),
    ].filter((p): p is string => p !== null);
    expect(phones.length).toBeGreaterThan(800);
    expect(phones.filter((p) => !isChinesePhone(p))).toEqual([]);
    expect(phones.some((p) => /^1[3589]\d{9}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^0\d{2,3}-\d{7,8}$/.test(p))).toBe(true);
    expect(isChinesePhone('12345678901')).toBe(false);
    expect(isChinesePhone('0571-0123456')).toBe(false);
  });

  it('keeps owners and dates consistent across tables', async () => {
    const db = env().database.db;
    const ws = result.workspaceId;
    const now = env().clock.now().toISOString();
    // last_contact_at is the last follow-up that was a contact (notes are not).
    const { rows: contacts } = await sql<{
      last_contact_at: string | null;
      last: string | null;
    }>`select c.last_contact_at,
        (select max(a.occurred_at) from activities a
         where a.workspace_id = c.workspace_id and a.customer_id = c.id and a.kind <> 'note') as last
      from customers c where c.workspace_id = ${ws}`.execute(db);
    expect(contacts.filter((c) => c.last_contact_at !== c.last)).toEqual([]);
    expect(contacts.filter((c) => c.last !== null).length).toBeGreaterThan(300);
    const { rows: wrongOwner } = await sql<{ n: number | string }>`select count(*) as n from deals d
      join customers c on c.workspace_id = d.workspace_id and c.id = d.customer_id
      where d.workspace_id = ${ws} and c.owner_id is not null and d.owner_id <> c.owner_id`.execute(db);
    expect(Number(wrongOwner[0]!.n)).toBe(0);
    const { rows: wrongAssignee } = await sql<{ n: number | string }>`select count(*) as n from tasks t
      join customers c on c.workspace_id = t.workspace_id and c.id = t.customer_id
      where t.workspace_id = ${ws} and t.assignee_id <> c.owner_id`.execute(db);
    expect(Number(wrongAssignee[0]!.n)).toBe(0);
    const future = await db
      .selectFrom('activities')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('occurred_at', '>', now)
      .execute();
    expect(future).toEqual([]);
    const tasks = await db
      .selectFrom('tasks')
      .select(['status', 'due_at'])
      .where('workspace_id', '=', ws)
      .execute();
    expect(tasks.some((t) => t.status === 'open' && t.due_at! < now)).toBe(true);
    expect(tasks.some((t) => t.status === 'done')).toBe(true);
    const today = new Date(Date.parse(now) + 8 * 3_600_000).toISOString().slice(0, 10);
    const dueToday = tasks.filter(
      (t) => new Date(Date.parse(t.due_at!) + 8 * 3_600_000).toISOString().slice(0, 10) === today,
    );
    expect(dueToday.length).toBeGreaterThan(0);
    const won = await db
      .selectFrom('deals')
      .select(['amount', 'won_at'])
      .where('workspace_id', '=', ws)
      .where('status', '=', 'won')
      .execute();
    expect(won.length).toBeGreaterThan(0);
    expect(won.every((d) => Number.isInteger(d.amount) && d.amount > 0 && d.won_at !== null)).toBe(true);
  });

  it('serves seeded customers and finds them by a two-character search', async () => {
    const { database, deps } = env();
    const actor = (await loadActor(database.db, database.dialect, result.users.admin, result.workspaceId, {
      source: 'api',
    }))!;
    const { token } = await createToken(deps, actor, { name: 'seed test', scopes: [...actor.permissions] });
    const list = await env().as(token).get('/customers?limit=20');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(20);
    const target = list.body.items[3];
    // The trade name (华信 in 北京华信科技有限公司) follows the city; take two characters of it.
    const city = ['乌鲁木齐', '呼和浩特', '石家庄', '哈尔滨'].find((c) => target.name.startsWith(c));
    const start = city ? city.length : 2;
    const twoChars = [...target.name].slice(start, start + 2).join('');
    const found = await env()
      .as(token)
      .get(`/customers?q=${encodeURIComponent(twoChars)}&limit=200`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(target.id);
    expect(found.body.items.every((c: { name: string }) => c.name.includes(twoChars))).toBe(true);
  });

  it('loads a large seed in one transaction and rebuilds every index it dropped', async () => {
    const { database } = env();
    const indexNames = async () => {
      const { rows } =
        database.dialect.kind === 'sqlite'
          ? await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and sql is not null`.execute(database.db)
          : await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(
              database.db,
            );
      return rows.map((r) => r.name).sort();
    };
    const before = await indexNames();
    const big = await generateWorkspace(database, {
      customers: 300,
      slug: 'bulk-large',
      load: 'large',
      batchSize: 100,
      clock: env().clock,
    });
    expect(await indexNames()).toEqual(before);
    const grams = await database.db
      .selectFrom('search_grams')
      .select(sql<number>`count(*)`.as('n'))
      .where('workspace_id', '=', big.workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(grams.n)).toBe(big.counts.search_grams);
    const customers = await database.db
      .selectFrom('customers')
      .select(sql<number>`count(*)`.as('n'))
      .where('workspace_id', '=', big.workspaceId)
      .executeTakeFirstOrThrow();
    expect(Number(customers.n)).toBe(300);
    // The large load skips SQLite's per-row foreign-key checks: prove the references hold anyway.
    if (database.dialect.kind === 'sqlite') {
      const { rows } = await sql`pragma foreign_key_check`.execute(database.db);
      expect(rows).toEqual([]);
    } else {
      const orphans = await sql<{ n: number }>`select
        (select count(*) from contacts x where not exists (select 1 from customers p where p.workspace_id = x.workspace_id and p.id = x.customer_id))
      + (select count(*) from deals x where not exists (select 1 from stages p where p.workspace_id = x.workspace_id and p.id = x.stage_id and p.pipeline_id = x.pipeline_id))
      + (select count(*) from deal_items x where not exists (select 1 from deals p where p.workspace_id = x.workspace_id and p.id = x.deal_id))
      + (select count(*) from tasks x where not exists (select 1 from users p where p.workspace_id = x.workspace_id and p.id = x.assignee_id))
      + (select count(*) from record_tags x where not exists (select 1 from tags p where p.workspace_id = x.workspace_id and p.id = x.tag_id)) as n`.execute(
        database.db,
      );
      expect(Number(orphans.rows[0]!.n)).toBe(0);
    }
  });
});

describe('tideline seed (CLI, SQLite file)', () => {
  it(
    'seeds 20,000 customers and the counts it prints are the rows in the database',
    { timeout: 300_000 },
    async () => {
      const path = join(tmp, 'seed-20k.db');
      const out: string[] = [];
      const io = {
        out: (l: string) => out.push(l),
        err: (l: string) => out.push(`ERR ${l}`),
        env: { TIDELINE_SQLITE_PATH: path },
      };
      const { exitCode } = await runCli(['seed', '--demo', '--customers', '20000'], io);
      expect(out.filter((l) => l.startsWith('ERR'))).toEqual([]);
      expect(exitCode).toBe(0);
      const printed = Object.fromEntries(
        out
          .map((l) => /^ {2}([a-z_]+) +([\d,]+)$/.exec(l))
          .filter((m) => m !== null)
          .map((m) => [m[1]!, Number(m[2]!.replace(/,/g, ''))]),
      );
      expect(printed.customers).toBe(20_000);
      const database = openDatabase({ sqlitePath: path });
      try {
        for (const [table, n] of Object.entries(printed)) {
          const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
            database.db,
          );
          expect([table, rows[0]!.n]).toEqual([table, n]);
        }
      } finally {
        await database.close();
      }
      const again = await runCli(['seed', '--demo', '--customers', '10'], {
        ...io,
        out: () => undefined,
        err: (l) => out.push(`ERR ${l}`),
      });
      expect(again.exitCode).toBe(1);
      expect(out.some((l) => l.includes('--force'))).toBe(true);
    },
  );
});

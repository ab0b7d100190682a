import { existsSync, rmSync } from 'node:fs';
import pg from 'pg';
import { automationCreateSchema, customerUpdateSchema } from '../../packages/shared/src';
import type { CustomerUpdate } from '../../packages/shared/src';
import { automationDepsFor } from '../../packages/server/src/app';
import { loadConfig } from '../../packages/server/src/config';
import type { Actor } from '../../packages/server/src/core/actor';
import { systemClock } from '../../packages/server/src/core/clock';
import type { AppDeps } from '../../packages/server/src/core/deps';
import { migrateToLatest, openDatabase } from '../../packages/server/src/db/database';
import type { Database } from '../../packages/server/src/db/database';
import type { DialectKind } from '../../packages/server/src/db/dialect/dialect';
import { loadActor } from '../../packages/server/src/modules/auth/actor-loader';
import { createAutomation } from '../../packages/server/src/modules/automations/automation.service';
import { AutomationWorker } from '../../packages/server/src/modules/automations/automation-worker';
import { updateCustomer } from '../../packages/server/src/modules/customers/customer.service';
import { createLocalNotifier } from '../../packages/server/src/modules/notifications/notification.bus';
import { createTag } from '../../packages/server/src/modules/tags/tag.service';
import { findTagByName } from '../../packages/server/src/modules/tags/tag.repository';
import { generateWorkspace } from '../../packages/server/src/seed/generate';
import { BENCH_TAGS, EDIT_VALUES, matchingRules, otherRules } from './automation.rules';
import type { AutomationInput, EditKind, RuleWorld } from './automation.rules';

/** Customers in the throughput workspace, and how many of them the edits go to. */
export const WORKSPACE_CUSTOMERS = 5_000;
export const SAMPLE_CUSTOMERS = 2_000;
export const AUTOMATIONS = 100;
export const PG_BENCH_DB = 'tl_bench_auto';

export interface BenchWorkspace {
  kind: DialectKind;
  database: Database;
  /** The database's URL (PostgreSQL) or file (SQLite), for worker processes. */
  location: string;
  deps: AppDeps;
  actor: Actor;
  workspaceId: string;
  /** Ids of the seven automations the edits trigger. */
  matchingIds: string[];
  automations: number;
  plan: EditPlan;
  seeding: { customers: number; seconds: number };
}

/** Open a fresh database (file or PostgreSQL database), seed a workspace and add its 100 automations. */
export async function createBenchWorkspace(
  kind: DialectKind,
  dir: string,
  pgUrl: string,
): Promise<BenchWorkspace> {
  let database: Database;
  let location: string;
  if (kind === 'sqlite') {
    location = `${dir}/automation.db`;
    for (const f of [location, `${location}-wal`, `${location}-shm`]) if (existsSync(f)) rmSync(f);
    database = openDatabase({ sqlitePath: location });
  } else {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_BENCH_DB} with (force)`);
    await admin.query(`create database ${PG_BENCH_DB}`);
    await admin.end();
    const u = new URL(pgUrl);
    u.pathname = `/${PG_BENCH_DB}`;
    location = u.toString();
    database = openDatabase({ databaseUrl: location, poolSize: 10 });
  }
  await migrateToLatest(database);
  const seeded = await generateWorkspace(database, {
    customers: WORKSPACE_CUSTOMERS,
    slug: 'auto-bench',
    name: '自动化基准公司',
  });
  const workspaceId = seeded.workspaceId;
  const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
  const actor = (await loadActor(database.db, database.dialect, seeded.users.admin, workspaceId, {
    source: 'ui',
  }))!;
  for (const name of BENCH_TAGS)
    if (!(await findTagByName(database.db, workspaceId, name)))
      await createTag(deps, actor, { name, color: '#1677ff' });

  const world: RuleWorld = {
    adminId: seeded.users.admin,
    reps: seeded.users.reps,
    managers: seeded.users.managers,
    pipelines: seeded.pipelines,
  };
  const others = padRules(otherRules(world), AUTOMATIONS - matchingRules().length);
  const matchingIds: string[] = [];
  for (const input of matchingRules())
    matchingIds.push((await createAutomation(deps, actor, parse(input))).id);
  for (const input of others) await createAutomation(deps, actor, parse(input));

  // Dispatch what seeding and setup wrote (automation.created …) so the runs start from an empty backlog.
  const auto = automationDepsFor(deps, loadConfig({}));
  await new AutomationWorker(auto, { sweepEveryMs: 0 }).drain(100_000);
  auto.channels.close();

  const sample = await database.db
    .selectFrom('customers')
    .select(['id', 'level', 'status', 'source', 'owner_id'])
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('status', '!=', 'lost')
    .where('owner_id', 'is not', null)
    .orderBy('id')
    .limit(SAMPLE_CUSTOMERS)
    .execute();
  const owners = [...seeded.users.reps, ...seeded.users.managers];
  return {
    kind,
    database,
    location,
    deps,
    actor,
    workspaceId,
    matchingIds,
    automations: matchingIds.length + others.length,
    plan: new EditPlan(sample, owners),
    seeding: { customers: WORKSPACE_CUSTOMERS, seconds: Math.round(seeded.timing.dataMs / 100) / 10 },
  };
}

function parse(input: AutomationInput) {
  return automationCreateSchema.parse({ ...input, enabled: true });
}

/** Keep the count at exactly `n`: more message-keyword rules if the pipelines gave fewer stage rules. */
function padRules(rules: AutomationInput[], n: number): AutomationInput[] {
  const words = [
    '续费',
    '升级',
    '培训',
    '上门',
    '演示',
    '对接',
    '账号',
    '优惠',
    '开票',
    '延期',
    '验收',
    '付款',
  ];
  for (let i = 0; rules.length < n; i++)
    rules.push({
      name: `消息含「${words[i % words.length]}」→ 通知负责人 (${i + 1})`,
      definition: {
        trigger: {
          type: 'client_event',
          event: 'message_received',
          entity: 'customer',
          keywords: [`${words[i % words.length]}${i >= words.length ? i : ''}`],
        },
        steps: [
          {
            id: 'tell',
            kind: 'action',
            params: {
              action: 'notify',
              channel: 'in_app',
              recipients: [{ type: 'owner' }],
              title: '客户来消息',
            },
          },
        ],
      },
    });
  return rules.slice(0, n);
}

interface CustomerState {
  id: string;
  level: string | null;
  status: string;
  source: string | null;
  owner_id: string | null;
}

export interface Edit {
  customerId: string;
  kind: EditKind;
  patch: CustomerUpdate;
}

const KINDS: EditKind[] = ['level', 'status', 'source', 'owner'];

/**
 * The customer edits, in order: edit k goes to customer k mod C and each customer cycles through the
 * four kinds, always to a value different from the one it holds (an edit that changes nothing writes
 * no event). The level/status/source values alternate between the two each matching rule listens to.
 */
export class EditPlan {
  private k = 0;
  constructor(
    private readonly customers: CustomerState[],
    private readonly owners: string[],
  ) {
    if (customers.length < 8) throw new Error('the workspace has too few customers for the benchmark');
  }

  get size(): number {
    return this.customers.length;
  }

  next(): Edit {
    const c = this.customers[this.k % this.customers.length]!;
    const kind = KINDS[(this.k + Math.floor(this.k / this.customers.length)) % KINDS.length]!;
    this.k++;
    let patch: CustomerUpdate;
    if (kind === 'owner') {
      const at = this.owners.indexOf(c.owner_id ?? '');
      c.owner_id = this.owners[(at + 1) % this.owners.length]!;
      patch = { owner_id: c.owner_id };
    } else {
      const [a, b] = EDIT_VALUES[kind];
      const value = c[kind] === a ? b : a;
      c[kind] = value;
      patch = customerUpdateSchema.parse({ [kind]: value });
    }
    return { customerId: c.id, kind, patch };
  }
}

/** Make one edit through the customer service, as a person saving the form would. */
export function applyEdit(ws: BenchWorkspace, edit: Edit, outer?: Parameters<typeof updateCustomer>[4]) {
  return updateCustomer(ws.deps, ws.actor, edit.customerId, edit.patch, outer);
}

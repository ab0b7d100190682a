import type { RoleKey } from '@tideline/shared';
import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import type { AppDeps } from '../core/deps';
import { newId } from '../core/ids';
import { refreshSqliteStatistics } from '../db/database';
import type { Database } from '../db/database';
import { openBulkWriter } from '../db/bulk-insert';
import { rebuildDuplicateKeys } from '../modules/dedupe/dedupe-rebuild';
import { createLocalNotifier } from '../modules/notifications/notification.bus';
import { createDemoOrg, demoLogins } from './demo-org';
import { CustomerGenerator } from './customer-records';
import { LeadGenerator } from './lead-records';
import { DEMO_PROFILE, RowBatch, SCALE_PROFILE } from './seed-batch';
import type { SeedContext, SeedProfile } from './seed-batch';
import { SEARCH_GRAMS, SEEDED_TABLES } from './seed-tables';

export const DEFAULT_SEED = 20261123;
export const DEMO_SLUG = 'demo';
export const DEMO_NAME = '潮汐演示公司';
/** Each rep owns about this many customers once the workspace outgrows the three demo reps. */
const CUSTOMERS_PER_REP = 5_000;
/** Above this many customers the lighter benchmark profile applies (~1 contact, ~2 follow-ups). */
const SCALE_THRESHOLD = 100_000;
/** From this many customers on, the load is one transaction with index builds deferred to the end. */
const LARGE_LOAD_THRESHOLD = 50_000;

export interface GenerateOptions {
  customers: number;
  seed?: number;
  slug?: string;
  name?: string;
  /** The clock of the seeded world: dates are spread back from its now. */
  clock?: Clock;
  profile?: 'demo' | 'scale';
  /** Customers generated and written per batch; memory stays flat whatever the total. */
  batchSize?: number;
  /** `large`: one transaction, indexes rebuilt at the end (default from 50,000 customers). */
  load?: 'batched' | 'large';
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  /** `indexes`: all rows are written; the search index is sorted in and indexes are built. */
  phase: 'customers' | 'leads' | 'indexes';
  done: number;
  total: number;
  businessRows: number;
  searchGrams: number;
  elapsedMs: number;
  /** Business rows (everything but search grams) per second so far. */
  rowsPerSecond: number;
}

export interface GenerateResult {
  workspaceId: string;
  slug: string;
  counts: Record<string, number>;
  businessRows: number;
  users: { admin: string; managers: string[]; reps: string[]; marketing: string[]; service: string[] };
  logins: { email: string; password: string; role: RoleKey; name: string }[];
  pipelines: { id: string; name: string; stageIds: string[] }[];
  timing: {
    setupMs: number;
    dataMs: number;
    totalMs: number;
    /** Generating and writing the rows, before the large load's index builds and commit. */
    writeMs: number;
    businessRowsPerSecond: number;
    rowsPerSecond: number;
    /** How long each step of finishing a large load took (sorted insert, each index, commit, release). */
    steps: { step: string; ms: number }[];
  };
}

/**
 * Fill a new workspace with a deterministic, realistic Chinese sales organisation: the demo org and
 * `customers` customers with their contacts, deals, follow-ups and tasks, plus leads.
 *
 * Seeding is a system import, not user writes: the records are bulk-inserted without audit entries or
 * domain events (one audit entry records the import itself). The search index is filled with exactly
 * the values each service indexes, and owners and dates are consistent across tables (last_contact_at
 * is the last follow-up, last_won_at the last won deal, tasks belong to the customer's owner).
 */
export async function generateWorkspace(
  database: Database,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = performance.now();
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? DEFAULT_SEED;
  const slug = options.slug ?? DEMO_SLUG;
  const total = Math.max(0, Math.floor(options.customers));
  const profile: SeedProfile =
    (options.profile ?? (total > SCALE_THRESHOLD ? 'scale' : 'demo')) === 'scale'
      ? SCALE_PROFILE
      : DEMO_PROFILE;
  const deps: AppDeps = { database, clock, notifier: createLocalNotifier() };
  const org = await createDemoOrg(deps, {
    slug,
    name: options.name ?? DEMO_NAME,
    seed,
    extraReps: Math.max(0, Math.round(total / CUSTOMERS_PER_REP) - 3),
  });
  const ctx: SeedContext = {
    org,
    workspaceId: org.workspace.workspaceId,
    dialect: database.dialect,
    now: clock.now().getTime(),
    seed,
    profile,
  };
  const setupMs = performance.now() - started;

  const counts: Record<string, number> = {};
  let last: SeedProgress = {
    phase: 'customers',
    done: 0,
    total,
    businessRows: 0,
    searchGrams: 0,
    elapsedMs: 0,
    rowsPerSecond: 0,
  };
  let businessRows = 0;
  const dataStart = performance.now();
  const large = (options.load ?? (total >= LARGE_LOAD_THRESHOLD ? 'large' : 'batched')) === 'large';
  const steps: { step: string; ms: number }[] = [];
  let writeMs = 0;
  const writer = await openBulkWriter(
    database,
    large
      ? {
          large: { tables: SEEDED_TABLES, sorted: [SEARCH_GRAMS] },
          // The generator makes every reference itself; the seed tests check them with foreign_key_check.
          trustedReferences: true,
          onStep: (step, ms) => steps.push({ step, ms }),
        }
      : {},
  );
  const batchSize = options.batchSize ?? 5_000;
  const run = async (
    phase: SeedProgress['phase'],
    n: number,
    build: (from: number, to: number, b: RowBatch) => void,
  ) => {
    for (let from = 0; from < n; from += batchSize) {
      const to = Math.min(n, from + batchSize);
      const batch = new RowBatch(ctx.workspaceId);
      build(from, to, batch);
      await writer.write(batch.toBulk());
      businessRows += batch.businessRows;
      for (const [k, v] of Object.entries(batch.counts())) counts[k] = (counts[k] ?? 0) + v;
      const elapsedMs = performance.now() - dataStart;
      last = {
        phase,
        done: to,
        total: n,
        businessRows,
        searchGrams: counts.search_grams ?? 0,
        elapsedMs,
        rowsPerSecond: businessRows / Math.max(elapsedMs / 1000, 0.001),
      };
      options.onProgress?.(last);
    }
  };
  try {
    const customers = new CustomerGenerator(ctx, total);
    await run('customers', total, (from, to, b) => customers.build(from, to, b));
    const leadTotal = Math.round(total * profile.openLeadsPerCustomer);
    const leads = new LeadGenerator(ctx, leadTotal);
    await run('leads', leadTotal, (from, to, b) => leads.build(from, to, b));
    writeMs = performance.now() - dataStart;
    if (large) options.onProgress?.({ ...last, phase: 'indexes' });
    await writer.finish();
  } finally {
    const closing = performance.now();
    await writer.close();
    if (large) steps.push({ step: 'release', ms: performance.now() - closing });
  }
  const dataMs = performance.now() - dataStart;
  await recordImport(deps, ctx, counts);
  // Duplicate keys, as the services keep them for every record they write (docs/data-quality.md).
  await rebuildDuplicateKeys(database, ctx.workspaceId, { large });
  // A bulk load changes the tables' shape more than any write path: re-plan on fresh statistics.
  if (database.dialect.kind === 'sqlite') await refreshSqliteStatistics(database, true);

  const ids = (role: RoleKey) => org.users.filter((u) => u.role === role).map((u) => u.id);
  const totalMs = performance.now() - started;
  const allRows = businessRows + (counts.search_grams ?? 0);
  return {
    workspaceId: ctx.workspaceId,
    slug,
    counts,
    businessRows,
    users: {
      admin: org.workspace.adminUserId,
      managers: ids('manager'),
      reps: ids('rep'),
      marketing: ids('marketing'),
      service: ids('service'),
    },
    logins: demoLogins(slug),
    pipelines: org.pipelines.map((p) => ({ id: p.id, name: p.name, stageIds: p.stages.map((s) => s.id) })),
    timing: {
      setupMs,
      dataMs,
      totalMs,
      writeMs,
      businessRowsPerSecond: businessRows / Math.max(dataMs / 1000, 0.001),
      rowsPerSecond: allRows / Math.max(dataMs / 1000, 0.001),
      steps,
    },
  };
}

/** The one audit entry of a seed: what was imported, by the system. */
async function recordImport(deps: AppDeps, ctx: SeedContext, counts: Record<string, number>) {
  await deps.database.db
    .insertInto('audit_log')
    .values({
      id: newId(),
      workspace_id: ctx.workspaceId,
      actor_type: 'system',
      actor_id: null,
      source: 'import',
      action: 'seeded',
      entity: 'workspace',
      record_id: ctx.workspaceId,
      customer_id: null,
      changes: deps.database.dialect.writeJson({ seed: ctx.seed, counts }),
      created_at: deps.clock.now().toISOString(),
    })
    .execute();
}

import type { PoolCreate, PoolMember, PoolUpdate, RecycleRule } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { DateTime } from 'luxon';
import { poolAccess, poolsOfActor } from './pool-access';
import { effectiveCap } from './pool-cap.service';
import type { EffectiveCap } from './pool-cap.service';
import { countOwned } from './pool-cap.repository';
import { countClaimsSince } from './pool-customer.repository';
import {
  countPoolCustomers,
  deletePoolRows,
  deleteRules,
  findPool,
  insertPool,
  listPoolRows,
  loadAdmins,
  loadMembers,
  loadRules,
  replaceAdmins,
  replaceMembers,
  restartRules,
  toPool,
  updatePoolRow,
  upsertRule,
} from './pool.repository';
import type { PoolRecord, RuleRow } from './pool.repository';
import { presentPool } from './pool.present';
import type { PoolView } from './pool.present';

/** Users, departments and the scope's department must exist in the workspace; paths name the bad ones. */
async function checkReferences(
  trx: Executor,
  workspaceId: string,
  input: {
    members?: PoolMember[] | undefined;
    admin_ids?: string[] | undefined;
    department_id?: string | null | undefined;
  },
) {
  const issues: FieldIssue[] = [];
  const userIds = new Set<string>();
  const deptIds = new Set<string>();
  for (const m of input.members ?? []) (m.type === 'user' ? userIds : deptIds).add(m.id);
  for (const id of input.admin_ids ?? []) userIds.add(id);
  if (input.department_id) deptIds.add(input.department_id);
  const users = userIds.size
    ? await trx
        .selectFrom('users')
        .select(['id', 'status'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...userIds])
        .execute()
    : [];
  const depts = deptIds.size
    ? await trx
        .selectFrom('departments')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', [...deptIds])
        .execute()
    : [];
  const knownUsers = new Set(users.map((u) => u.id));
  const knownDepts = new Set(depts.map((d) => d.id));
  (input.members ?? []).forEach((m, i) => {
    if (!(m.type === 'user' ? knownUsers : knownDepts).has(m.id))
      issues.push({ path: `members[${i}].id`, message: `no ${m.type} with this id`, code: 'not_found' });
  });
  (input.admin_ids ?? []).forEach((id, i) => {
    if (!knownUsers.has(id))
      issues.push({ path: `admin_ids[${i}]`, message: 'no user with this id', code: 'not_found' });
  });
  if (input.department_id && !knownDepts.has(input.department_id))
    issues.push({ path: 'department_id', message: 'no department with this id', code: 'not_found' });
  if (issues.length) throw new ValidationError(issues);
}

const scopeKey = (p: { scope: string; department_id: string | null; source: string | null }) =>
  p.scope === 'company'
    ? 'company'
    : p.scope === 'department'
      ? `department:${p.department_id}`
      : `source:${p.source}`;

/** Only one enabled pool per scope, so every customer has exactly one home pool whose rules apply. */
async function checkScopeFree(trx: Executor, workspaceId: string, pool: PoolRecord) {
  if (!pool.enabled) return;
  const others = (await listPoolRows(trx, workspaceId)).filter((p) => p.id !== pool.id && p.enabled === 1);
  const clash = others.find((p) => scopeKey(p) === scopeKey(pool));
  if (clash)
    throw ValidationError.field(
      'scope',
      `the enabled pool 「${clash.name}」 already covers this scope`,
      'scope_taken',
    );
}

/** Did anything change that decides who is due? Then the rule starts looking forward again from now. */
function restartsClock(before: RuleRow, rule: RecycleRule): boolean {
  return (
    before.kind !== rule.kind ||
    before.days !== rule.days ||
    JSON.stringify(before.days_by_level) !== JSON.stringify(rule.days_by_level) ||
    before.exempt_locked !== +rule.exempt_locked ||
    before.exempt_won !== +rule.exempt_won ||
    before.exempt_open_deals !== +rule.exempt_open_deals ||
    (before.enabled === 0 && rule.enabled)
  );
}

async function saveRules(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  poolId: string,
  rules: RecycleRule[],
  restartAll: boolean,
) {
  const { dialect } = deps.database;
  const existing = new Map(
    (await loadRules(trx, workspaceId, [poolId])).map((r) => [
      r.id,
      { ...r, days_by_level: dialect.readJson(r.days_by_level) },
    ]),
  );
  rules.forEach((r, i) => {
    if (r.id && !existing.has(r.id))
      throw ValidationError.field(`rules[${i}].id`, 'no rule with this id in this pool', 'not_found');
  });
  const now = deps.clock.now().toISOString();
  const kept = new Set(rules.map((r) => r.id).filter(Boolean));
  await deleteRules(
    trx,
    workspaceId,
    [...existing.keys()].filter((id) => !kept.has(id)),
  );
  for (const [position, rule] of rules.entries()) {
    const before = rule.id ? existing.get(rule.id) : undefined;
    await upsertRule(
      trx,
      {
        workspace_id: workspaceId,
        id: rule.id ?? newId(),
        pool_id: poolId,
        position,
        kind: rule.kind,
        days: rule.days,
        days_by_level: dialect.writeJson(rule.days_by_level),
        warn_days: rule.warn_days,
        warn_email: rule.warn_email ? 1 : 0,
        warn_robot: rule.warn_robot ? dialect.writeJson(rule.warn_robot) : null,
        exempt_locked: rule.exempt_locked ? 1 : 0,
        exempt_won: rule.exempt_won ? 1 : 0,
        exempt_open_deals: rule.exempt_open_deals ? 1 : 0,
        enabled: rule.enabled ? 1 : 0,
        effective_from:
          !before || restartAll || restartsClock(before as RuleRow, rule) ? now : before.effective_from,
        swept_at: before?.swept_at ?? null,
        created_at: before?.created_at ?? now,
        updated_at: now,
      },
      !!before,
    );
  }
}

async function loadView(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  admin: boolean,
): Promise<PoolView> {
  const row = await findPool(trx, actor.workspaceId, id);
  if (!row) throw new NotFoundError('pool', id);
  const [members, admins, rules, counts] = await Promise.all([
    loadMembers(trx, actor.workspaceId, [id]),
    loadAdmins(trx, actor.workspaceId, [id]),
    loadRules(trx, actor.workspaceId, [id]),
    countPoolCustomers(trx, actor.workspaceId, [id]),
  ]);
  return presentPool(trx, deps, actor.workspaceId, toPool(deps.database.dialect, row), {
    members,
    admins,
    rules,
    customerCount: counts.get(id) ?? 0,
    admin,
  });
}

export async function createPool(deps: AppDeps, actor: Actor, input: PoolCreate): Promise<PoolView> {
  requirePermission(actor, 'pools:manage');
  return inTransaction(deps, async (trx) => {
    await checkReferences(trx, actor.workspaceId, input);
    const now = deps.clock.now().toISOString();
    const pool: PoolRecord = {
      id: newId(),
      name: input.name,
      description: input.description ?? null,
      scope: input.scope,
      department_id: input.scope === 'department' ? (input.department_id ?? null) : null,
      source: input.scope === 'source' ? (input.source ?? null) : null,
      hidden_fields: input.hidden_fields,
      daily_claim_limit: input.daily_claim_limit ?? null,
      cooldown_days: input.cooldown_days,
      enabled: input.enabled,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await checkScopeFree(trx, actor.workspaceId, pool);
    await insertPool(trx, {
      ...pool,
      workspace_id: actor.workspaceId,
      hidden_fields: deps.database.dialect.writeJson(pool.hidden_fields),
      enabled: pool.enabled ? 1 : 0,
    });
    await replaceMembers(trx, actor.workspaceId, pool.id, input.members);
    await replaceAdmins(trx, actor.workspaceId, pool.id, input.admin_ids);
    await saveRules(trx, deps, actor.workspaceId, pool.id, input.rules, false);
    return loadView(trx, deps, actor, pool.id, true);
  });
}

export async function updatePool(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: PoolUpdate,
): Promise<PoolView> {
  return inTransaction(deps, async (trx) => {
    requirePermission(actor, 'pools:manage');
    const access = await poolAccess(trx, deps, actor, id, { lock: true });
    await checkReferences(trx, actor.workspaceId, input);
    const before = access.pool;
    const scope = input.scope ?? before.scope;
    const next: PoolRecord = {
      ...before,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description ?? null } : {}),
      scope,
      department_id: scope === 'department' ? (input.department_id ?? before.department_id) : null,
      source: scope === 'source' ? (input.source ?? before.source) : null,
      ...(input.hidden_fields !== undefined ? { hidden_fields: input.hidden_fields } : {}),
      ...(input.daily_claim_limit !== undefined
        ? { daily_claim_limit: input.daily_claim_limit ?? null }
        : {}),
      ...(input.cooldown_days !== undefined ? { cooldown_days: input.cooldown_days } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updated_at: deps.clock.now().toISOString(),
    };
    if (scope === 'department' && !next.department_id)
      throw ValidationError.field('department_id', 'a department pool needs its department', 'required');
    if (scope === 'source' && !next.source)
      throw ValidationError.field('source', 'a source pool needs its lead source', 'required');
    await checkScopeFree(trx, actor.workspaceId, next);
    const { id: _id, created_by: _by, created_at: _at, ...rest } = next;
    await updatePoolRow(trx, actor.workspaceId, id, {
      ...rest,
      hidden_fields: deps.database.dialect.writeJson(next.hidden_fields),
      enabled: next.enabled ? 1 : 0,
    });
    if (input.members) await replaceMembers(trx, actor.workspaceId, id, input.members);
    if (input.admin_ids) await replaceAdmins(trx, actor.workspaceId, id, input.admin_ids);
    // Switching a pool back on must not recycle, at once and unwarned, everything that went idle meanwhile.
    const restartAll = !before.enabled && next.enabled;
    if (input.rules) await saveRules(trx, deps, actor.workspaceId, id, input.rules, restartAll);
    else if (restartAll) await restartRules(trx, actor.workspaceId, id, next.updated_at);
    return loadView(trx, deps, actor, id, true);
  });
}

/** A pool can go once it is empty (its customers claimed, assigned or moved elsewhere). */
export async function deletePool(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'pools:manage');
  await inTransaction(deps, async (trx) => {
    const row = await findPool(trx, actor.workspaceId, id, deps.database.dialect);
    if (!row) throw new NotFoundError('pool', id);
    const n = (await countPoolCustomers(trx, actor.workspaceId, [id])).get(id) ?? 0;
    if (n > 0)
      throw new ConflictError(
        'pool_not_empty',
        `The pool still holds ${n} customers; assign them or switch it off`,
      );
    await deletePoolRows(trx, actor.workspaceId, id);
  });
}

export async function getPool(deps: AppDeps, actor: Actor, id: string): Promise<PoolView> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const access = await poolAccess(db, deps, actor, id);
  if (!access.member) throw new NotFoundError('pool', id);
  return loadView(db, deps, actor, id, access.admin);
}

export interface MyPoolUsage {
  /** The cap that applies to the reader and how many customers count against it; null cap = no limit. */
  cap: EffectiveCap | null;
  owned: number;
  /** Claims the reader made today per pool (workspace time zone). */
  claims_today: Record<string, number>;
}

async function usageOf(deps: AppDeps, actor: Actor, poolIds: string[]): Promise<MyPoolUsage | null> {
  if (!actor.userId) return null;
  const db = deps.database.db;
  const cap = await effectiveCap(db, actor.workspaceId, actor.userId);
  const owned = await countOwned(db, actor.workspaceId, actor.userId, cap?.count_won ?? true);
  const dayStart = DateTime.fromJSDate(deps.clock.now(), { zone: actor.timezone })
    .startOf('day')
    .toUTC()
    .toISO()!;
  const claims_today: Record<string, number> = {};
  for (const id of poolIds)
    claims_today[id] = await countClaimsSince(db, actor.workspaceId, id, actor.userId, dayStart);
  return { cap, owned, claims_today };
}

/** The pools the actor is a member or admin of (every pool for pools:manage), with their counts. */
export async function listMyPools(
  deps: AppDeps,
  actor: Actor,
): Promise<{ items: PoolView[]; me: MyPoolUsage | null }> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const ws = actor.workspaceId;
  const mine = await poolsOfActor(db, actor);
  const all = actor.permissions.has('pools:manage');
  const rows = await listPoolRows(db, ws, all ? undefined : [...new Set([...mine.member, ...mine.admin])]);
  const ids = rows.map((r) => r.id);
  const [members, admins, rules, counts] = await Promise.all([
    loadMembers(db, ws, ids),
    loadAdmins(db, ws, ids),
    loadRules(db, ws, ids),
    countPoolCustomers(db, ws, ids),
  ]);
  const items: PoolView[] = [];
  for (const r of rows) {
    const admin = all || mine.admin.has(r.id);
    items.push(
      await presentPool(db, deps, ws, toPool(deps.database.dialect, r), {
        members: members.filter((m) => m.pool_id === r.id),
        admins: admins.filter((a) => a.pool_id === r.id),
        rules: rules.filter((x) => x.pool_id === r.id),
        customerCount: counts.get(r.id) ?? 0,
        admin,
      }),
    );
  }
  return { items, me: await usageOf(deps, actor, ids) };
}

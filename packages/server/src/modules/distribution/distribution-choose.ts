import { compileCondition } from '@tideline/engine';
import type {
  ConditionNode,
  DistributionDecision,
  DistributionEntity,
  DistributionMethod,
  DistributionStep,
} from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { availability } from './distribution-availability';
import { distributionCatalog, recordValues } from './distribution-fields';
import { runMethod } from './distribution-methods';
import { findPoolName, loadRuleRows, loadSettings, loadUsers } from './distribution.repository';

/** A record about to be created: its fields, with the workspace and (when known) its creator. */
export type DistributionRecord = Record<string, unknown> & {
  workspace_id: string;
  created_by?: string | null;
};

export interface ChooseOptions {
  /** The tester: decide without locking or moving any pointer, and write nothing. */
  dryRun?: boolean;
}

/**
 * Who gets a new lead or customer: the enabled rules in order, each with its conditions and method;
 * a rule whose candidates are all unavailable (disabled, on leave, at their cap) falls through to the
 * next; then the entity's fallback (a pool, nobody, or the creator). Round-robin pointers move in the
 * caller's transaction, locked until it commits, so concurrent creates take turns.
 */
export async function chooseOwner(
  trx: Executor,
  deps: AppDeps,
  entity: DistributionEntity,
  record: DistributionRecord,
  opts: ChooseOptions = {},
): Promise<DistributionDecision> {
  const ws = record.workspace_id;
  const workspace = await trx
    .selectFrom('workspaces')
    .select('timezone')
    .where('id', '=', ws)
    .executeTakeFirst();
  const timezone = workspace?.timezone ?? 'Asia/Shanghai';
  const now = deps.clock.now();
  const rules = (await loadRuleRows(trx, ws, entity)).filter((r) => r.enabled === 1);
  const catalog = rules.length > 0 ? await distributionCatalog(deps, ws, entity, trx) : {};
  const values = recordValues(record);
  const avail = availability(trx, ws, entity, now, timezone);
  const { dialect } = deps.database;
  const steps: DistributionStep[] = [];

  for (const rule of rules) {
    const conditions = dialect.readJson<ConditionNode | null>(rule.conditions);
    const step = { rule_id: rule.id, rule_name: rule.name };
    if (conditions) {
      let matches = false;
      try {
        matches = compileCondition(conditions, catalog)(values, { now, timezone });
      } catch {
        // A condition naming a field deleted since the rule was saved never matches.
        matches = false;
      }
      if (!matches) {
        steps.push({ ...step, outcome: 'no_match', reason: '条件不满足', reason_en: 'conditions not met' });
        continue;
      }
    }
    const method = dialect.readJson<DistributionMethod>(rule.method);
    const result = await runMethod(
      {
        trx,
        workspaceId: ws,
        entity,
        ruleId: rule.id,
        values,
        catalog,
        avail,
        lock: opts.dryRun ? null : dialect,
      },
      method,
    );
    if (result.userId) {
      steps.push({ ...step, outcome: 'chosen', reason: result.zh, reason_en: result.en });
      return {
        owner_id: result.userId,
        owner_name: await avail.name(result.userId),
        pool_id: null,
        pool_name: null,
        rule_id: rule.id,
        rule_name: rule.name,
        reason: result.zh,
        reason_en: result.en,
        steps,
      };
    }
    steps.push({ ...step, outcome: 'skipped', reason: result.zh, reason_en: result.en });
  }
  return fallback(trx, entity, record, steps);
}

async function fallback(
  trx: Executor,
  entity: DistributionEntity,
  record: DistributionRecord,
  steps: DistributionStep[],
): Promise<DistributionDecision> {
  const ws = record.workspace_id;
  const setting = (await loadSettings(trx, ws)).find((s) => s.entity === entity);
  const base = { rule_id: null, rule_name: null, steps };
  if (setting?.fallback === 'pool' && setting.pool_id && entity === 'customer') {
    const pool = await findPoolName(trx, ws, setting.pool_id);
    if (pool && pool.enabled === 1)
      return {
        ...base,
        owner_id: null,
        owner_name: null,
        pool_id: setting.pool_id,
        pool_name: pool.name,
        reason: `无人可分配，进入公海 ${pool.name}`,
        reason_en: `Nobody to assign: into the pool ${pool.name}`,
      };
  }
  const creator = typeof record.created_by === 'string' ? record.created_by : null;
  if (setting?.fallback !== 'unassigned' && setting?.fallback !== 'pool' && creator) {
    const name = (await loadUsers(trx, ws, [creator])).get(creator)?.name ?? creator;
    return {
      ...base,
      owner_id: creator,
      owner_name: name,
      pool_id: null,
      pool_name: null,
      reason: `无人可分配，归创建人 ${name}`,
      reason_en: `Nobody to assign: kept by its creator ${name}`,
    };
  }
  return {
    ...base,
    owner_id: null,
    owner_name: null,
    pool_id: null,
    pool_name: null,
    reason: '无人可分配，暂不分配',
    reason_en: 'Nobody to assign: left without an owner',
  };
}

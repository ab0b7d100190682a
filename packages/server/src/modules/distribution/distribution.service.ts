import type { z } from 'zod';
import type {
  ConditionNode,
  DistributionDecision,
  DistributionEntity,
  DistributionFallback,
  DistributionFallbackInput,
  DistributionLogEntry,
  DistributionMethod,
  DistributionRule,
  DistributionRuleCreate,
  DistributionRuleUpdate,
  DistributionStep,
  distributionReorderSchema,
  distributionTestSchema,
} from '@tideline/shared';
import { DISTRIBUTION_ENTITIES } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { logChange } from '../audit/change-log';
import { chooseOwner } from './distribution-choose';
import {
  deleteRuleRow,
  findPoolName,
  findRuleRow,
  insertRuleRow,
  loadRuleRows,
  loadSettings,
  loadUsers,
  logRowsFor,
  nextPosition,
  recordOwner,
  saveSetting,
  updateRuleRow,
} from './distribution.repository';
import type { RuleRow } from './distribution.repository';
import { validateRule } from './distribution.validate';

const RULE_AUDITED = ['name', 'enabled', 'position', 'conditions', 'method'] as const;

function toRule(dialect: Dialect, r: RuleRow): DistributionRule {
  return {
    id: r.id,
    entity: r.entity as DistributionEntity,
    name: r.name,
    position: r.position,
    enabled: r.enabled === 1,
    conditions: dialect.readJson<ConditionNode | null>(r.conditions) ?? null,
    method: dialect.readJson<DistributionMethod>(r.method),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

async function fallbacks(trx: Executor, workspaceId: string): Promise<DistributionFallback[]> {
  const rows = await loadSettings(trx, workspaceId);
  const out: DistributionFallback[] = [];
  for (const entity of DISTRIBUTION_ENTITIES) {
    const row = rows.find((r) => r.entity === entity);
    const pool = row?.pool_id ? await findPoolName(trx, workspaceId, row.pool_id) : null;
    out.push({
      entity,
      kind: (row?.fallback ?? 'creator') as DistributionFallback['kind'],
      pool_id: row?.pool_id ?? null,
      pool_name: pool?.name ?? null,
    });
  }
  return out;
}

export async function listRules(
  deps: AppDeps,
  actor: Actor,
  entity?: DistributionEntity,
): Promise<{ items: DistributionRule[]; fallbacks: DistributionFallback[] }> {
  requirePermission(actor, 'distribution:manage');
  const db = deps.database.db;
  const rows = await loadRuleRows(db, actor.workspaceId, entity);
  return {
    items: rows.map((r) => toRule(deps.database.dialect, r)),
    fallbacks: await fallbacks(db, actor.workspaceId),
  };
}

async function loadRule(trx: Executor, deps: AppDeps, actor: Actor, id: string) {
  const row = await findRuleRow(trx, actor.workspaceId, id);
  if (!row) throw new NotFoundError('distribution_rule', id);
  return toRule(deps.database.dialect, row);
}

export async function createRule(
  deps: AppDeps,
  actor: Actor,
  input: DistributionRuleCreate,
): Promise<DistributionRule> {
  requirePermission(actor, 'distribution:manage');
  return inTransaction(deps, async (trx) => {
    await validateRule(trx, deps, actor.workspaceId, input.entity, input);
    const { dialect } = deps.database;
    const now = deps.clock.now().toISOString();
    const id = newId();
    await insertRuleRow(trx, {
      workspace_id: actor.workspaceId,
      id,
      entity: input.entity,
      name: input.name,
      position: await nextPosition(trx, actor.workspaceId, input.entity),
      enabled: input.enabled ? 1 : 0,
      conditions: input.conditions ? dialect.writeJson(input.conditions) : null,
      method: dialect.writeJson(input.method),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    const rule = await loadRule(trx, deps, actor, id);
    await logChange(trx, deps, actor, {
      entity: 'distribution_rule',
      recordId: id,
      before: null,
      after: { ...rule },
      fields: RULE_AUDITED,
    });
    return rule;
  });
}

export async function updateRule(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: DistributionRuleUpdate,
): Promise<DistributionRule> {
  requirePermission(actor, 'distribution:manage');
  return inTransaction(deps, async (trx) => {
    const before = await loadRule(trx, deps, actor, id);
    await validateRule(trx, deps, actor.workspaceId, before.entity, patch);
    const { dialect } = deps.database;
    await updateRuleRow(trx, actor.workspaceId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      ...(patch.conditions !== undefined
        ? { conditions: patch.conditions ? dialect.writeJson(patch.conditions) : null }
        : {}),
      ...(patch.method !== undefined ? { method: dialect.writeJson(patch.method) } : {}),
      updated_at: deps.clock.now().toISOString(),
    });
    const after = await loadRule(trx, deps, actor, id);
    await logChange(trx, deps, actor, {
      entity: 'distribution_rule',
      recordId: id,
      before: { ...before },
      after: { ...after },
      fields: RULE_AUDITED,
    });
    return after;
  });
}

export async function deleteRule(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'distribution:manage');
  await inTransaction(deps, async (trx) => {
    const before = await loadRule(trx, deps, actor, id);
    await deleteRuleRow(trx, actor.workspaceId, id);
    await logChange(trx, deps, actor, {
      entity: 'distribution_rule',
      recordId: id,
      before: { ...before },
      after: null,
      fields: RULE_AUDITED,
    });
  });
}

/** Put an entity's rules in the order given; the list must name each of them once. */
export async function reorderRules(
  deps: AppDeps,
  actor: Actor,
  input: z.output<typeof distributionReorderSchema>,
): Promise<{ items: DistributionRule[] }> {
  requirePermission(actor, 'distribution:manage');
  return inTransaction(deps, async (trx) => {
    const rows = await loadRuleRows(trx, actor.workspaceId, input.entity);
    const known = new Set(rows.map((r) => r.id));
    input.ids.forEach((id, i) => {
      if (!known.has(id))
        throw ValidationError.field(`ids[${i}]`, `no ${input.entity} rule with this id`, 'not_found');
    });
    if (new Set(input.ids).size !== input.ids.length || input.ids.length !== rows.length)
      throw ValidationError.field('ids', 'list every rule of this entity exactly once', 'incomplete');
    const now = deps.clock.now().toISOString();
    for (const [position, id] of input.ids.entries()) {
      const row = rows.find((r) => r.id === id)!;
      if (row.position === position) continue;
      await updateRuleRow(trx, actor.workspaceId, id, { position, updated_at: now });
      await logChange(trx, deps, actor, {
        entity: 'distribution_rule',
        recordId: id,
        before: { position: row.position },
        after: { position },
        fields: ['position'],
      });
    }
    const after = await loadRuleRows(trx, actor.workspaceId, input.entity);
    return { items: after.map((r) => toRule(deps.database.dialect, r)) };
  });
}

export async function setFallback(
  deps: AppDeps,
  actor: Actor,
  input: DistributionFallbackInput,
): Promise<DistributionFallback> {
  requirePermission(actor, 'distribution:manage');
  return inTransaction(deps, async (trx) => {
    if (input.kind === 'pool') {
      if (input.entity !== 'customer')
        throw ValidationError.field('kind', 'only customers can fall back to a pool', 'pool_for_customers');
      if (!input.pool_id) throw ValidationError.field('pool_id', 'choose a pool', 'required');
      const pool = await findPoolName(trx, actor.workspaceId, input.pool_id);
      if (!pool) throw ValidationError.field('pool_id', 'no pool with this id', 'not_found');
      if (pool.enabled !== 1)
        throw ValidationError.field('pool_id', 'this pool is switched off', 'pool_disabled');
    }
    const before = (await fallbacks(trx, actor.workspaceId)).find((f) => f.entity === input.entity)!;
    await saveSetting(trx, {
      workspace_id: actor.workspaceId,
      entity: input.entity,
      fallback: input.kind,
      pool_id: input.kind === 'pool' ? (input.pool_id ?? null) : null,
      updated_at: deps.clock.now().toISOString(),
      updated_by: actor.userId,
    });
    const after = (await fallbacks(trx, actor.workspaceId)).find((f) => f.entity === input.entity)!;
    await logChange(trx, deps, actor, {
      entity: 'distribution_setting',
      recordId: actor.workspaceId,
      before: { ...before },
      after: { ...after },
      fields: ['kind', 'pool_id'],
    });
    return after;
  });
}

/**
 * "Who would get this lead?": the decision for a record that does not exist, with every rule's part.
 * Reads only: no pointer is locked or moved and no row is written.
 */
export async function testDistribution(
  deps: AppDeps,
  actor: Actor,
  input: z.output<typeof distributionTestSchema>,
): Promise<DistributionDecision> {
  requirePermission(actor, 'distribution:manage');
  const record = { ...input.record, workspace_id: actor.workspaceId, created_by: actor.userId };
  delete (record as Record<string, unknown>).id;
  return chooseOwner(deps.database.db, deps, input.entity, record, { dryRun: true });
}

/** Assignments of one record, newest first: readable by whoever may see the record's owner now. */
export async function distributionLog(
  deps: AppDeps,
  actor: Actor,
  recordId: string,
): Promise<{ items: DistributionLogEntry[] }> {
  const db = deps.database.db;
  const rows = await logRowsFor(db, actor.workspaceId, recordId);
  if (!actor.permissions.has('distribution:manage')) {
    const entity = rows[0]?.entity;
    const owner = entity ? await recordOwner(db, actor.workspaceId, entity, recordId) : undefined;
    if (!owner || !canSeeOwner(actor, owner.owner_id)) return { items: [] };
  }
  const names = await loadUsers(
    db,
    actor.workspaceId,
    rows.flatMap((r) => (r.owner_id ? [r.owner_id] : [])),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      entity: r.entity as DistributionEntity,
      record_id: r.record_id,
      rule_id: r.rule_id,
      rule_name: r.rule_name,
      owner_id: r.owner_id,
      owner_name: r.owner_id ? (names.get(r.owner_id)?.name ?? null) : null,
      pool_id: r.pool_id,
      reason: r.reason,
      reason_en: r.reason_en,
      steps: deps.database.dialect.readJson<DistributionStep[]>(r.steps) ?? [],
      actor_id: r.actor_id,
      created_at: r.created_at,
    })),
  };
}

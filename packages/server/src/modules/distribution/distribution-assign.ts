import type { DistributionDecision, DistributionEntity } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { notifyUsers } from '../notifications/notification.service';
import { chooseOwner } from './distribution-choose';
import { enterPool } from './distribution-pool.repository';
import { hasEnabledRules, insertLog } from './distribution.repository';

/** Fields of an assignment's audit entry: the timeline shows who got the record and why. */
export const DISTRIBUTION_AUDITED = [
  'owner_id',
  'pool_id',
  'distribution_rule',
  'distribution_reason',
] as const;

interface CreateInput {
  owner_id?: string | null | undefined;
  assign?: 'auto' | 'manual' | undefined;
  custom?: Record<string, unknown> | undefined;
}

/**
 * Whether a create is distributed, and to whom: `assign: 'auto'` always; an API or import create that
 * names no owner when the workspace has rules for the entity; never when an owner is named or
 * `assign: 'manual'`. Null means the create keeps its usual owner (the one named, or the creator).
 */
export async function distributeOnCreate(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: DistributionEntity,
  input: CreateInput,
  custom: Record<string, unknown>,
): Promise<DistributionDecision | null> {
  if (input.assign === 'manual') return null;
  if (input.assign === 'auto') {
    if (input.owner_id)
      throw ValidationError.field(
        'assign',
        'name an owner or ask for automatic assignment, not both',
        'conflict',
      );
  } else {
    if (input.owner_id !== undefined) return null;
    if (actor.source !== 'api' && actor.source !== 'import') return null;
    if (!(await hasEnabledRules(trx, actor.workspaceId, entity))) return null;
  }
  const { owner_id: _owner, assign: _assign, ...fields } = input;
  return chooseOwner(trx, deps, entity, {
    ...fields,
    custom,
    workspace_id: actor.workspaceId,
    created_by: actor.userId,
  });
}

/**
 * Record an automatic assignment in the create's transaction: the distribution log row, the pool
 * columns when the record went to a pool, an audit entry the timeline shows, and a notice to the new
 * owner. Returns the function that pushes the notice once the transaction has committed.
 */
export async function recordAssignment(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  entity: DistributionEntity,
  recordId: string,
  decision: DistributionDecision,
  recordName: string,
): Promise<() => void> {
  const at = deps.clock.now().toISOString();
  await insertLog(trx, {
    workspace_id: actor.workspaceId,
    id: newId(),
    entity,
    record_id: recordId,
    rule_id: decision.rule_id,
    rule_name: decision.rule_name,
    owner_id: decision.owner_id,
    pool_id: decision.pool_id,
    reason: decision.reason.slice(0, 500),
    reason_en: decision.reason_en.slice(0, 500),
    steps: deps.database.dialect.writeJson(decision.steps),
    actor_id: actor.userId,
    created_at: at,
  });
  if (decision.pool_id && entity === 'customer')
    await enterPool(trx, actor.workspaceId, recordId, decision.pool_id, decision.reason.slice(0, 500), at);
  await logChange(trx, deps, actor, {
    entity,
    recordId,
    customerId: entity === 'customer' ? recordId : null,
    action: 'assigned',
    before: { owner_id: null, pool_id: null, distribution_rule: null, distribution_reason: null },
    after: {
      owner_id: decision.owner_id,
      pool_id: decision.pool_id,
      distribution_rule: decision.rule_name,
      distribution_reason: decision.reason,
    },
    fields: DISTRIBUTION_AUDITED,
  });
  if (!decision.owner_id) return () => undefined;
  const noun = entity === 'lead' ? '线索' : '客户';
  return notifyUsers(trx, deps, actor, [
    {
      userId: decision.owner_id,
      kind: 'distribution_assigned',
      title: `新${noun}分配给你：${recordName}`,
      body: decision.reason,
      entity,
      recordId,
    },
  ]);
}

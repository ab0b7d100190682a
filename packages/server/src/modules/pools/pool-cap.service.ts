import type { z } from 'zod';
import type { ownerCapCreateSchema, ownerCapUpdateSchema } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { userPlacement } from './pool.repository';
import type { Placement } from './pool.repository';
import {
  capsForSubjects,
  deleteCapRow,
  findCapBySubject,
  insertCap,
  loadCaps,
  subjectName,
  updateCapRow,
} from './pool-cap.repository';
import type { CapRow } from './pool-cap.repository';

type CapCreate = z.output<typeof ownerCapCreateSchema>;
type CapUpdate = z.output<typeof ownerCapUpdateSchema>;

export interface OwnerCap {
  id: string;
  subject_type: 'user' | 'role' | 'department';
  subject_id: string;
  subject_name: string | null;
  max_customers: number;
  count_won: boolean;
  created_at: string;
  updated_at: string;
}

export interface EffectiveCap {
  cap_id: string;
  subject_type: OwnerCap['subject_type'];
  max_customers: number;
  count_won: boolean;
}

/**
 * The cap that applies to a user: their own, else the nearest department above them that has one,
 * else their role's. Null when none is set (no limit).
 */
export async function effectiveCap(
  trx: Executor,
  workspaceId: string,
  userId: string,
  known?: Placement | null,
): Promise<EffectiveCap | null> {
  const placement = known ?? (await userPlacement(trx, workspaceId, userId));
  if (!placement) return null;
  const caps = await capsForSubjects(trx, workspaceId, [
    userId,
    placement.roleId,
    ...placement.departmentIds,
  ]);
  const pick = (type: string, id: string) => caps.find((c) => c.subject_type === type && c.subject_id === id);
  const cap =
    pick('user', userId) ??
    placement.departmentIds.map((d) => pick('department', d)).find(Boolean) ??
    pick('role', placement.roleId);
  return cap
    ? {
        cap_id: cap.id,
        subject_type: cap.subject_type as OwnerCap['subject_type'],
        max_customers: cap.max_customers,
        count_won: cap.count_won === 1,
      }
    : null;
}

async function present(trx: Executor, workspaceId: string, rows: CapRow[]): Promise<OwnerCap[]> {
  const out: OwnerCap[] = [];
  for (const r of rows)
    out.push({
      id: r.id,
      subject_type: r.subject_type as OwnerCap['subject_type'],
      subject_id: r.subject_id,
      subject_name: await subjectName(trx, workspaceId, r.subject_type, r.subject_id),
      max_customers: r.max_customers,
      count_won: r.count_won === 1,
      created_at: r.created_at,
      updated_at: r.updated_at,
    });
  return out;
}

export async function listCaps(deps: AppDeps, actor: Actor): Promise<{ items: OwnerCap[] }> {
  requirePermission(actor, 'pools:manage');
  const db = deps.database.db;
  return { items: await present(db, actor.workspaceId, await loadCaps(db, actor.workspaceId)) };
}

export async function createCap(deps: AppDeps, actor: Actor, input: CapCreate): Promise<OwnerCap> {
  requirePermission(actor, 'pools:manage');
  return inTransaction(deps, async (trx) => {
    if (!(await subjectName(trx, actor.workspaceId, input.subject_type, input.subject_id)))
      throw ValidationError.field('subject_id', `no ${input.subject_type} with this id`, 'not_found');
    if (await findCapBySubject(trx, actor.workspaceId, input.subject_type, input.subject_id))
      throw ValidationError.field('subject_id', 'this subject already has a cap; edit that one', 'duplicate');
    const now = deps.clock.now().toISOString();
    const id = newId();
    await insertCap(trx, {
      workspace_id: actor.workspaceId,
      id,
      subject_type: input.subject_type,
      subject_id: input.subject_id,
      max_customers: input.max_customers,
      count_won: input.count_won ? 1 : 0,
      created_at: now,
      updated_at: now,
    });
    const [cap] = await present(trx, actor.workspaceId, await loadCaps(trx, actor.workspaceId, id));
    return cap!;
  });
}

export async function updateCap(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: CapUpdate,
): Promise<OwnerCap> {
  requirePermission(actor, 'pools:manage');
  return inTransaction(deps, async (trx) => {
    const [row] = await loadCaps(trx, actor.workspaceId, id);
    if (!row) throw new NotFoundError('owner_cap', id);
    await updateCapRow(trx, actor.workspaceId, id, {
      ...(input.max_customers !== undefined ? { max_customers: input.max_customers } : {}),
      ...(input.count_won !== undefined ? { count_won: input.count_won ? 1 : 0 } : {}),
      updated_at: deps.clock.now().toISOString(),
    });
    const [cap] = await present(trx, actor.workspaceId, await loadCaps(trx, actor.workspaceId, id));
    return cap!;
  });
}

export async function deleteCap(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'pools:manage');
  if ((await deleteCapRow(deps.database.db, actor.workspaceId, id)) === 0)
    throw new NotFoundError('owner_cap', id);
}

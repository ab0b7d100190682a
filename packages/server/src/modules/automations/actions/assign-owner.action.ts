import type { ActionParams } from '@tideline/shared';
import { ValidationError } from '../../../core/errors';
import { existingUserIds } from '../automation.repository';
import { openLoadByOwner } from '../automation-record.repository';
import { takeCounter } from '../automation-run.repository';
import type { StepContext } from '../run-context';
import type { ActionHandler } from './action-registry';
import { updateRunRecord } from './record-writer';
import { ownerOf } from './recipients';

type P = Extract<ActionParams, { action: 'assign_owner' }>;

/**
 * Pick the new owner: a named user; the next of a group in turn; the group member with the fewest open
 * records under a capacity; or a value → person table (region → rep). Disabled people are skipped.
 * Returns who was chosen and why, which the run shows.
 */
async function choose(ctx: StepContext, p: P): Promise<{ userId: string | null; reason: string }> {
  const db = ctx.trx ?? ctx.deps.database.db;
  const active = async (ids: string[]) => {
    const known = await existingUserIds(db, ctx.workspaceId, ids);
    return ids.filter((id) => known.has(id));
  };
  const fallback = async (why: string) => {
    const [f] = p.fallback_user_id ? await active([p.fallback_user_id]) : [];
    return f ? { userId: f, reason: `${why}; fallback` } : { userId: null, reason: why };
  };
  switch (p.strategy) {
    case 'user': {
      const [u] = await active([p.user_id!]);
      return u ? { userId: u, reason: 'named user' } : fallback('the named user is not active');
    }
    case 'round_robin': {
      const group = await active(p.user_ids ?? []);
      if (group.length === 0) return fallback('nobody in the group is active');
      // The counter is shared by every run of this step, so the group takes turns across runs.
      const turn = ctx.dryRun
        ? 0
        : await takeCounter(
            ctx.trx!,
            ctx.workspaceId,
            `rr:${ctx.automation.id}:${ctx.idempotencyKey.split(':').pop()}`,
          );
      return { userId: group[turn % group.length]!, reason: `round robin, turn ${turn + 1}` };
    }
    case 'least_loaded': {
      const group = await active(p.user_ids ?? []);
      const load = await openLoadByOwner(
        db,
        ctx.workspaceId,
        ctx.entity!,
        group.length ? group : ['00000000-0000-0000-0000-000000000000'],
      );
      const ranked = group
        .map((id, i) => ({ id, n: load.get(id) ?? 0, i }))
        .filter((u) => p.capacity === undefined || u.n < p.capacity)
        .sort((a, b) => a.n - b.n || a.i - b.i);
      return ranked[0]
        ? { userId: ranked[0].id, reason: `least loaded: ${ranked[0].n} open records` }
        : fallback('everyone in the group is at capacity');
    }
    case 'mapping': {
      const values = await ctx.values({ field: p.mapping_field!, op: 'not_empty' });
      const value = values[p.mapping_field!];
      const mapped = value === null || value === undefined ? undefined : p.mapping?.[String(value)];
      const [u] = mapped ? await active([mapped]) : [];
      return u
        ? { userId: u, reason: `${p.mapping_field} = ${String(value)}` }
        : fallback(`no active person for ${p.mapping_field} = ${String(value ?? '(empty)')}`);
    }
  }
}

export const assignOwnerAction: ActionHandler<P> = {
  external: () => false,
  async run(ctx, params) {
    const { userId, reason } = await choose(ctx, params);
    if (!userId) throw ValidationError.field('assign_owner', `nobody to assign: ${reason}`, 'no_assignee');
    const from = ownerOf(ctx);
    const field = ctx.entity === 'task' ? 'assignee_id' : 'owner_id';
    if (!ctx.dryRun && userId !== from) await updateRunRecord(ctx, { [field]: userId }, field);
    return { from, to: userId, reason };
  },
};

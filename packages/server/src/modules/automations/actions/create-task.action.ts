import type { ActionParams } from '@tideline/shared';
import { ValidationError } from '../../../core/errors';
import { createTask } from '../../tasks/task.service';
import { render, shiftTime } from '../run-values';
import type { ActionHandler } from './action-registry';
import { resolveRecipients } from './recipients';

type P = Extract<ActionParams, { action: 'create_task' }>;
const RELATED = new Set(['lead', 'customer', 'contact', 'deal']);

export const createTaskAction: ActionHandler<P> = {
  external: () => false,
  async run(ctx, params) {
    const [assignee] = await resolveRecipients(ctx, [params.assignee]);
    if (!assignee)
      throw ValidationError.field('assignee', `nobody fits "${params.assignee.type}" for this record`);
    const title = (await render(ctx, params.title)).slice(0, 300);
    const description = params.description ? await render(ctx, params.description) : null;
    const start = params.start_after ? await shiftTime(ctx, ctx.now, params.start_after) : null;
    const due = params.due_in ? await shiftTime(ctx, start ?? ctx.now, params.due_in) : null;
    const related = ctx.entity && RELATED.has(ctx.entity) && ctx.record ? ctx.entity : null;
    const input = {
      title,
      description,
      assignee_id: assignee,
      due_at: due?.toISOString() ?? null,
      start_at: start?.toISOString() ?? null,
      status: 'open' as const,
      related_type: related as 'lead' | 'customer' | 'contact' | 'deal' | null,
      related_id: related ? ctx.record!.id : null,
    };
    if (ctx.dryRun) return { would_create: input };
    const task = await createTask(ctx.deps, ctx.actor, input, ctx.trx!);
    return { task_id: task.id, title, assignee_id: assignee, due_at: input.due_at };
  },
};

import type { ActionParams } from '@tideline/shared';
import { ValidationError } from '../../../core/errors';
import { changeRecordTags, ensureTags } from '../../tags/tag.service';
import { findTagByName } from '../../tags/tag.repository';
import { automationCatalog } from '../automation.catalog';
import type { StepContext } from '../run-context';
import { evaluateValue } from '../run-values';
import type { ActionHandler } from './action-registry';
import { updateRunRecord } from './record-writer';

type P<K extends ActionParams['action']> = Extract<ActionParams, { action: K }>;

export const setFieldsAction: ActionHandler<P<'set_fields'>> = {
  external: () => false,
  async run(ctx, params) {
    const catalog = await automationCatalog(ctx.deps, ctx.workspaceId, ctx.entity!, ctx.trx ?? undefined);
    const patch: Record<string, unknown> = {};
    const custom: Record<string, unknown> = {};
    const written: Record<string, unknown> = {};
    for (const [field, expr] of Object.entries(params.values)) {
      const value = await evaluateValue(ctx, expr, catalog[field]?.type);
      written[field] = value;
      if (field.startsWith('custom.')) custom[field.slice('custom.'.length)] = value;
      else patch[field] = value;
    }
    if (Object.keys(custom).length) patch.custom = custom;
    if (!ctx.dryRun) await updateRunRecord(ctx, patch, 'values');
    return { set: written };
  },
};

function taggable(ctx: StepContext) {
  const type = ctx.entity;
  if (type !== 'lead' && type !== 'customer' && type !== 'contact' && type !== 'deal')
    throw ValidationError.field('tags', `${type} records carry no tags`);
  return type;
}

export const addTagsAction: ActionHandler<P<'add_tags'>> = {
  external: () => false,
  async run(ctx, params) {
    const type = taggable(ctx);
    if (ctx.dryRun) return { added: params.tags };
    // A tag the workspace does not have yet is created, as a person typing it would.
    const ids = await ensureTags(ctx.deps, ctx.actor, params.tags, ctx.trx!);
    await changeRecordTags(
      ctx.deps,
      ctx.actor,
      { record_type: type, record_ids: [ctx.record!.id], tag_ids: ids },
      'assign',
      ctx.trx!,
    );
    return { added: params.tags };
  },
};

export const removeTagsAction: ActionHandler<P<'remove_tags'>> = {
  external: () => false,
  async run(ctx, params) {
    const type = taggable(ctx);
    if (ctx.dryRun) return { removed: params.tags };
    const ids: string[] = [];
    for (const name of params.tags) {
      const tag = await findTagByName(ctx.trx!, ctx.workspaceId, name);
      if (tag) ids.push(tag.id);
    }
    if (ids.length)
      await changeRecordTags(
        ctx.deps,
        ctx.actor,
        { record_type: type, record_ids: [ctx.record!.id], tag_ids: ids },
        'unassign',
        ctx.trx!,
      );
    return { removed: params.tags };
  },
};

export const moveStageAction: ActionHandler<P<'move_stage'>> = {
  external: () => false,
  async run(ctx, params) {
    const from = ctx.record?.stage_id ?? null;
    if (!ctx.dryRun) await updateRunRecord(ctx, { stage_id: params.stage_id }, 'stage_id');
    return { from_stage_id: from, to_stage_id: params.stage_id };
  },
};

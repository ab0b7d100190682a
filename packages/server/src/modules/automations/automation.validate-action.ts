import type { ActionParams, AutomationEntity, FieldCatalog, Recipient, ValueExpr } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import { existingUserIds, findStageRef } from './automation.repository';
import { checkTemplate } from '@tideline/engine';

export interface ActionCheckContext {
  deps: AppDeps;
  workspaceId: string;
  entity: AutomationEntity | null;
  catalog: FieldCatalog;
  at: (path: string, message: string, code?: string) => void;
}

/** Actions that work on the run's record and so need a trigger that has one. */
const NEEDS_RECORD = new Set([
  'set_fields',
  'add_tags',
  'remove_tags',
  'assign_owner',
  'move_stage',
  'send_email',
]);
const TAGGABLE = new Set(['lead', 'customer', 'contact', 'deal']);
const EMAILABLE = new Set(['lead', 'customer', 'contact', 'deal']);

/** Check one action's parameters; problems go to ctx.at with the parameter's path. */
export async function validateAction(p: ActionParams, path: string, ctx: ActionCheckContext): Promise<void> {
  const { at, entity } = ctx;
  if (NEEDS_RECORD.has(p.action) && !entity) {
    at(`${path}.action`, `"${p.action}" needs a record, and this trigger has none`, 'needs_record');
    return;
  }
  const template = (sub: string, source: string | undefined) => {
    const problem = source ? templateIssue(source) : null;
    if (problem) at(`${path}.${sub}`, problem, 'invalid_template');
  };
  switch (p.action) {
    case 'set_fields':
      for (const [field, expr] of Object.entries(p.values))
        checkValue(field, expr, `${path}.values.${field}`, ctx);
      if (Object.keys(p.values).length === 0)
        at(`${path}.values`, 'name at least one field to set', 'required');
      return;
    case 'add_tags':
    case 'remove_tags':
      if (!TAGGABLE.has(entity!)) at(`${path}.action`, `${entity} records carry no tags`);
      return;
    case 'assign_owner':
      await checkAssign(p, path, ctx);
      return;
    case 'create_task':
      template('title', p.title);
      template('description', p.description);
      await checkRecipients([p.assignee], `${path}.assignee`, ctx, false);
      return;
    case 'notify':
      template('title', p.title);
      template('body', p.body);
      if (p.channel === 'robot') {
        if (!p.platform)
          at(`${path}.platform`, 'choose the robot platform: wecom, dingtalk or feishu', 'required');
        if (!p.url) at(`${path}.url`, "paste the group robot's webhook address", 'required');
      } else if (p.channel === 'webhook') {
        if (!p.url) at(`${path}.url`, 'give the address to call', 'required');
      } else if (p.recipients.length === 0) {
        at(`${path}.recipients`, 'name at least one person to notify', 'required');
      }
      await checkRecipients(p.recipients, `${path}.recipients`, ctx, true);
      return;
    case 'send_email':
      if (!EMAILABLE.has(entity!)) at(`${path}.to`, `${entity} records have no contact to e-mail`);
      template('subject', p.subject);
      template('body', p.body);
      return;
    case 'move_stage': {
      if (entity !== 'deal') at(`${path}.action`, 'only deals move between stages');
      const stage = await findStageRef(ctx.deps.database.db, ctx.workspaceId, p.stage_id);
      if (!stage) at(`${path}.stage_id`, `no stage with id ${p.stage_id}`, 'not_found');
      return;
    }
    case 'call_webhook':
      template('body', p.body);
      return;
  }
}

function checkValue(field: string, expr: ValueExpr, path: string, ctx: ActionCheckContext): void {
  const info = ctx.catalog[field];
  if (!info) return ctx.at(path, `unknown field "${field}"`, 'unknown_field');
  if (!info.writable) return ctx.at(path, `"${field}" cannot be set by an automation`, 'read_only');
  const dateLike = info.type === 'instant' || info.type === 'date';
  if ((expr.type === 'now' || expr.type === 'relative') && !dateLike)
    return ctx.at(`${path}.type`, `"${field}" is not a date or time field`, 'wrong_type');
  if (expr.type === 'template') {
    const problem = templateIssue(expr.template);
    if (problem) ctx.at(`${path}.template`, problem, 'invalid_template');
    return;
  }
  if (expr.type !== 'const' || expr.value === null) return;
  const v = expr.value;
  const ok =
    info.type === 'number' || info.type === 'money'
      ? typeof v === 'number' && (info.type !== 'money' || Number.isInteger(v))
      : info.type === 'boolean'
        ? typeof v === 'boolean'
        : info.type === 'multi'
          ? Array.isArray(v) && v.every((x) => !info.values || info.values.includes(x))
          : info.type === 'enum'
            ? typeof v === 'string' && (!info.values || info.values.includes(v))
            : info.type === 'date'
              ? typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
              : info.type === 'instant'
                ? typeof v === 'string' && !Number.isNaN(Date.parse(v))
                : typeof v === 'string';
  if (!ok) ctx.at(`${path}.value`, `not a valid ${info.type} value for "${field}"`, 'wrong_type');
}

async function checkAssign(
  p: Extract<ActionParams, { action: 'assign_owner' }>,
  path: string,
  ctx: ActionCheckContext,
): Promise<void> {
  const { at } = ctx;
  const users: [string, string][] = [];
  if (p.strategy === 'user') {
    if (!p.user_id) at(`${path}.user_id`, 'choose the new owner', 'required');
    else users.push([`${path}.user_id`, p.user_id]);
  }
  if (p.strategy === 'round_robin' || p.strategy === 'least_loaded') {
    if (!p.user_ids?.length) at(`${path}.user_ids`, 'choose the people to share records between', 'required');
    p.user_ids?.forEach((id, i) => users.push([`${path}.user_ids[${i}]`, id]));
  }
  if (p.strategy === 'mapping') {
    if (!p.mapping_field) at(`${path}.mapping_field`, 'choose the field that picks the owner', 'required');
    else if (!ctx.catalog[p.mapping_field])
      at(`${path}.mapping_field`, `unknown field "${p.mapping_field}"`, 'unknown_field');
    if (!p.mapping || Object.keys(p.mapping).length === 0)
      at(`${path}.mapping`, 'add at least one value → person row', 'required');
    for (const [value, id] of Object.entries(p.mapping ?? {})) users.push([`${path}.mapping.${value}`, id]);
  }
  if (p.fallback_user_id) users.push([`${path}.fallback_user_id`, p.fallback_user_id]);
  const known = await existingUserIds(
    ctx.deps.database.db,
    ctx.workspaceId,
    users.map(([, id]) => id),
  );
  for (const [at_, id] of users) if (!known.has(id)) at(at_, `no active user with id ${id}`, 'not_found');
}

async function checkRecipients(list: Recipient[], path: string, ctx: ActionCheckContext, isList: boolean) {
  const ids = list.flatMap((r, i) =>
    r.type === 'user' ? [[isList ? `${path}[${i}].user_id` : `${path}.user_id`, r.user_id] as const] : [],
  );
  const known = await existingUserIds(
    ctx.deps.database.db,
    ctx.workspaceId,
    ids.map(([, id]) => id),
  );
  for (const [p, id] of ids) if (!known.has(id)) ctx.at(p, `no active user with id ${id}`, 'not_found');
  if (!ctx.entity)
    list.forEach((r, i) => {
      if (r.type !== 'user')
        ctx.at(
          isList ? `${path}[${i}]` : path,
          'this trigger has no record, so it has no owner: name a user',
          'needs_record',
        );
    });
}

/** Why a Liquid template does not parse, with its line and column; null when it does. */
export function templateIssue(source: string): string | null {
  const check = checkTemplate(source);
  if (check.ok) return null;
  const where = check.line ? ` (line ${check.line}${check.column ? `, column ${check.column}` : ''})` : '';
  return `the template does not parse${where}: ${check.message}`;
}

import { Cron } from 'croner';
import type { AutomationDefinition, FieldCatalog, Step } from '@tideline/shared';
import { cursorPath, triggerEntity, validateCondition, walkSteps } from '@tideline/engine';
import type { FieldIssue } from '../../core/errors';
import type { AppDeps } from '../../core/deps';
import { automationCatalog } from './automation.catalog';
import { validateAction } from './automation.validate-action';
import type { ActionCheckContext } from './automation.validate-action';

/** Events a wait step may wait for: client events and the domain events of records. */
const WAITABLE =
  /^(client\.(email_opened|link_clicked|form_submitted|message_received)|(lead|customer|contact|deal|task)\.(updated|stage_changed|owner_changed|deleted))$/;

/**
 * Check a definition against the workspace before it is saved: every field, user, stage and template it
 * names must exist and fit, with the exact path of each problem (`definition.steps[2].then[0].params.title`).
 */
export async function validateDefinition(
  deps: AppDeps,
  workspaceId: string,
  def: AutomationDefinition,
  timezone: string,
): Promise<FieldIssue[]> {
  const root = 'definition';
  const issues: FieldIssue[] = [];
  const entity = triggerEntity(def.trigger);
  const catalog = entity ? await automationCatalog(deps, workspaceId, entity) : EVENT_ONLY;
  const at = (path: string, message: string, code = 'invalid') =>
    issues.push({ path: `${root}.${path}`, message, code });

  checkTrigger(def, catalog, timezone, at);
  if (def.conditions)
    for (const i of validateCondition(def.conditions, catalog, 'conditions'))
      issues.push({ path: `${root}.${i.path}`, message: i.message, code: 'invalid' });

  const ctx: ActionCheckContext = { deps, workspaceId, entity, catalog, at };
  const seen = new Map<string, string>();
  for (const { step, cursor } of walkSteps(def.steps)) {
    const path = cursorPath(cursor);
    const earlier = seen.get(step.id);
    if (earlier) at(`${path}.id`, `step id "${step.id}" is already used by ${earlier}`, 'duplicate');
    else seen.set(step.id, path);
    await checkStep(step, path, ctx);
  }
  return issues;
}

const EVENT_ONLY: FieldCatalog = {
  'event.type': { type: 'text' },
  'event.text': { type: 'text' },
  'event.url': { type: 'text' },
};

type At = (path: string, message: string, code?: string) => void;

function checkTrigger(def: AutomationDefinition, catalog: FieldCatalog, timezone: string, at: At): void {
  const t = def.trigger;
  if (t.type === 'record_updated') {
    t.fields.forEach((f, i) => {
      if (!catalog[f] && f !== 'tags') at(`trigger.fields[${i}]`, `unknown field "${f}"`, 'unknown_field');
    });
    if ((t.from !== undefined || t.to !== undefined) && t.fields.length !== 1)
      at('trigger.fields', '"from" and "to" need exactly one watched field');
  }
  if (t.type === 'relative_time') {
    const info = catalog[t.field];
    if (!info) at('trigger.field', `unknown field "${t.field}"`, 'unknown_field');
    else if (info.type !== 'instant' && info.type !== 'date')
      at('trigger.field', `"${t.field}" is not a date or time field`, 'wrong_type');
    if (t.offset.unit === 'business_hours' || t.offset.unit === 'minutes')
      at('trigger.offset.unit', 'time rules are checked every few minutes: use hours, days or business days');
  }
  if (t.type === 'schedule') {
    try {
      new Cron(t.cron, { timezone, paused: true, mode: '5-part' });
    } catch (e) {
      at('trigger.cron', `not a five-field cron expression: ${(e as Error).message}`, 'invalid_cron');
    }
  }
}

async function checkStep(step: Step, path: string, ctx: ActionCheckContext): Promise<void> {
  const { at, catalog } = ctx;
  switch (step.kind) {
    case 'action':
      await validateAction(step.params, `${path}.params`, ctx);
      return;
    case 'delay': {
      const modes = [step.duration, step.until_field, step.next_business_hour].filter(
        (m) => m !== undefined && m !== false,
      );
      if (modes.length !== 1)
        at(path, 'a delay waits for exactly one of: a duration, a date field, or the next business hour');
      if (step.until_field) {
        const info = catalog[step.until_field];
        if (!info) at(`${path}.until_field`, `unknown field "${step.until_field}"`, 'unknown_field');
        else if (info.type !== 'instant' && info.type !== 'date')
          at(`${path}.until_field`, `"${step.until_field}" is not a date or time field`, 'wrong_type');
      }
      if (step.offset && !step.until_field)
        at(`${path}.offset`, 'an offset belongs to a delay until a date field');
      return;
    }
    case 'branch':
      for (const i of validateCondition(step.condition, catalog, `${path}.condition`)) at(i.path, i.message);
      return;
    case 'wait':
      if (!WAITABLE.test(step.event))
        at(
          `${path}.event`,
          `cannot wait for "${step.event}": use a client event (client.email_opened…) or a record event (deal.stage_changed…)`,
          'unknown_event',
        );
      // A wait always ends: at the event or at its timeout, which must be in the future.
      if (step.timeout.amount <= 0) at(`${path}.timeout.amount`, 'a wait needs a timeout longer than zero');
      if (!ctx.entity) at(`${path}.event`, 'this trigger has no record whose events could be awaited');
      return;
  }
}

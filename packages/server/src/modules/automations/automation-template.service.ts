import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { NotFoundError, ValidationError } from '../../core/errors';
import { createAutomation } from './automation.service';
import { AUTOMATION_TEMPLATES } from './automation.templates';
import type { TemplateParams } from './automation.templates';

export function listTemplates(actor: Actor) {
  requirePermission(actor, 'automations:read');
  return {
    items: AUTOMATION_TEMPLATES.map((t) => ({
      key: t.key,
      name: t.name,
      description: t.description,
      needs: t.needs,
      definition: t.build({}),
    })),
  };
}

/** Create an automation from a template; what the template needs must be given, and is validated like any edit. */
export async function installTemplate(
  deps: AppDeps,
  actor: Actor,
  key: string,
  input: { name?: string | undefined; enabled?: boolean | undefined; params: TemplateParams },
) {
  requirePermission(actor, 'automations:manage');
  const template = AUTOMATION_TEMPLATES.find((t) => t.key === key);
  if (!template) throw new NotFoundError('template', key);
  const missing = template.needs.filter((n) => input.params[n] === undefined);
  if (missing.length)
    throw new ValidationError(
      missing.map((n) => ({ path: `params.${n}`, message: `this template needs ${n}`, code: 'required' })),
    );
  const locale = 'zh-CN';
  return createAutomation(
    deps,
    actor,
    {
      name: input.name ?? template.name[locale],
      notes: template.description[locale],
      enabled: input.enabled ?? false,
      definition: template.build(input.params),
    },
    { templateKey: key },
  );
}

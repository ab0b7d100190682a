import { DEDUPE_ENTITIES, DUPLICATE_RULE_FIELDS } from '@tideline/shared';
import type { DedupeEntity, DuplicateRule, DuplicateRules, DuplicateRulesInput } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange } from '../audit/change-log';
import { COMPANY_FIELDS, keyFieldsFor } from './dedupe.fields';
import { customFieldKeys, saveRuleRow } from './dedupe.repository';
import { loadRules } from './dedupe-rules';
import { rebuildEntityKeys } from './dedupe-rebuild';
import { forgetScans } from './dedupe-scan-cache';

/** Refuse rules that name a field the entity lacks, or ask for what the field cannot do. */
async function validateRules(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  rules: DuplicateRule[],
) {
  const custom = await customFieldKeys(trx, workspaceId, entity);
  const issues: FieldIssue[] = [];
  rules.forEach((r, i) => {
    const at = (part: string) => `${entity}[${i}].${part}`;
    const isCustom = r.field.startsWith('custom.');
    if (isCustom ? !custom.has(r.field.slice(7)) : !DUPLICATE_RULE_FIELDS[entity].includes(r.field)) {
      issues.push({ path: at('field'), message: `unknown field ${r.field}`, code: 'unknown_field' });
      return;
    }
    if (r.match === 'fuzzy' && r.field !== COMPANY_FIELDS[entity])
      issues.push({ path: at('match'), message: 'only company names match fuzzily', code: 'invalid' });
    if (r.threshold !== undefined && r.match !== 'fuzzy')
      issues.push({ path: at('threshold'), message: 'only fuzzy rules have a threshold', code: 'invalid' });
    if (r.normalize && !isCustom)
      issues.push({
        path: at('normalize'),
        message: 'built-in fields are compared by their kind',
        code: 'invalid',
      });
    const personName = !isCustom && r.field === 'name' && entity !== 'customer';
    if (personName && r.against?.some((e) => e !== entity))
      issues.push({
        path: at('against'),
        message: 'names of people are compared within their entity',
        code: 'invalid',
      });
  });
  if (issues.length) throw new ValidationError(issues);
}

export async function getDuplicateRules(deps: AppDeps, actor: Actor): Promise<DuplicateRules> {
  requirePermission(actor, 'fields:manage');
  return loadRules(deps.database.db, deps.database.dialect, actor.workspaceId);
}

/**
 * Replace the rules of the entities given. When a change asks for keys of other custom fields, the
 * entity's keys are rebuilt in the same transaction (so the next check already sees them).
 */
export async function putDuplicateRules(
  deps: AppDeps,
  actor: Actor,
  input: DuplicateRulesInput,
): Promise<DuplicateRules> {
  requirePermission(actor, 'fields:manage');
  const ws = actor.workspaceId;
  const result = await inTransaction(deps, async (trx) => {
    const before = await loadRules(trx, deps.database.dialect, ws);
    const after: DuplicateRules = { ...before };
    const now = deps.clock.now().toISOString();
    for (const entity of DEDUPE_ENTITIES) {
      const rules = input[entity];
      if (!rules) continue;
      await validateRules(trx, ws, entity, rules);
      after[entity] = rules;
      await saveRuleRow(trx, deps.database.dialect, {
        workspace_id: ws,
        entity,
        rules,
        updated_at: now,
        updated_by: actor.userId,
      });
      const keyed = (rs: DuplicateRule[]) =>
        keyFieldsFor(entity, rs)
          .map((f) => `${f.field}:${f.kind}`)
          .sort()
          .join(',');
      if (keyed(before[entity]) !== keyed(rules))
        await rebuildEntityKeys(trx, deps.database.dialect, ws, entity, keyFieldsFor(entity, rules));
    }
    await logChange(trx, deps, actor, {
      entity: 'duplicate_rules',
      recordId: ws,
      before: { ...before },
      after: { ...after },
      fields: DEDUPE_ENTITIES,
    });
    return after;
  });
  forgetScans(ws);
  return result;
}

import { DEDUPE_ENTITIES } from '@tideline/shared';
import type { DedupeEntity, DuplicateRule, DuplicateRules } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { findRuleRows, hasCustomField } from './dedupe.repository';

/**
 * The rules a workspace starts with: a customer's name (exact: block; similar: warn) and phone block,
 * its e-mail warns; so does a 统一社会信用代码 held in a customer custom field `uscc`. Contacts warn on
 * mobile and e-mail; leads warn on mobile and e-mail (against leads and contacts) and on a company
 * that is already a lead or a customer.
 */
export function defaultRules(hasUsccField: boolean): DuplicateRules {
  const customer: DuplicateRule[] = [
    { field: 'name', match: 'exact', action: 'block' },
    { field: 'name', match: 'fuzzy', action: 'warn' },
    { field: 'phone', match: 'exact', action: 'block' },
    { field: 'email', match: 'exact', action: 'warn' },
  ];
  if (hasUsccField)
    customer.push({ field: 'custom.uscc', match: 'exact', action: 'block', normalize: 'uscc' });
  return {
    customer,
    contact: [
      { field: 'mobile', match: 'exact', action: 'warn' },
      { field: 'email', match: 'exact', action: 'warn' },
    ],
    lead: [
      { field: 'mobile', match: 'exact', action: 'warn', against: ['lead', 'contact'] },
      { field: 'email', match: 'exact', action: 'warn', against: ['lead', 'contact'] },
      { field: 'company_name', match: 'fuzzy', action: 'warn', against: ['lead', 'customer'] },
    ],
  };
}

/** The rules in force for a workspace: stored per entity, the defaults for entities never set. */
export async function loadRules(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
): Promise<DuplicateRules> {
  const rows = await findRuleRows(trx, workspaceId);
  const stored = new Map(rows.map((r) => [r.entity, dialect.readJson<DuplicateRule[]>(r.rules)]));
  const defaults =
    stored.size === DEDUPE_ENTITIES.length
      ? null
      : defaultRules(await hasCustomField(trx, workspaceId, 'customer', 'uscc'));
  const pick = (e: DedupeEntity) => stored.get(e) ?? defaults![e];
  return { customer: pick('customer'), contact: pick('contact'), lead: pick('lead') };
}

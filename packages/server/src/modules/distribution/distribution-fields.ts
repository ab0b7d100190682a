import type { DistributionEntity, FieldCatalog } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { automationCatalog } from '../automations/automation.catalog';

/**
 * What a distribution rule may read of a record that is being created: its own and custom fields.
 * Related and computed fields (tags, deal counts, the owner's department, event data) do not exist yet.
 */
export async function distributionCatalog(
  deps: AppDeps,
  workspaceId: string,
  entity: DistributionEntity,
  trx: Executor,
): Promise<FieldCatalog> {
  const all = await automationCatalog(deps, workspaceId, entity, trx);
  const out: FieldCatalog = {};
  for (const [path, info] of Object.entries(all)) {
    if (path === 'tags' || path === 'owner_id' || path.endsWith('_deals_count')) continue;
    if (path.includes('.') && !path.startsWith('custom.')) continue;
    out[path] = info;
  }
  return out;
}

/** The flat field map conditions and mappings read: the record's fields plus `custom.<key>`. */
export function recordValues(record: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== 'custom') values[k] = v;
  let custom = record.custom;
  if (typeof custom === 'string') {
    try {
      custom = JSON.parse(custom) as unknown;
    } catch {
      custom = null;
    }
  }
  if (custom && typeof custom === 'object')
    for (const [k, v] of Object.entries(custom as Record<string, unknown>)) values[`custom.${k}`] = v;
  return values;
}

const FIELD_LABELS: Record<string, [string, string]> = {
  region: ['地区', 'region'],
  industry: ['行业', 'industry'],
  source: ['来源', 'source'],
  channel: ['渠道', 'channel'],
  level: ['级别', 'level'],
  size: ['规模', 'size'],
  grade: ['等级', 'grade'],
  status: ['状态', 'status'],
};

/** A field's name in reasons: built-in ones translated, custom ones by their label. */
export function fieldLabel(field: string, catalog: FieldCatalog | null): { zh: string; en: string } {
  const known = FIELD_LABELS[field];
  if (known) return { zh: known[0], en: known[1] };
  const label = catalog?.[field]?.label ?? field.replace(/^custom\./, '');
  return { zh: label, en: label };
}

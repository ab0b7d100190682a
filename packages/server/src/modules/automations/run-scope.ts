import type { AutomationEntity } from '@tideline/shared';
import type { ConditionValues } from '@tideline/engine';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import {
  countCustomerDeals,
  loadRecordRow,
  loadTagNames,
  loadUserBrief,
} from './automation-record.repository';
import type { RecordRow } from './automation-record.repository';

const TAGGABLE = new Set(['lead', 'customer', 'contact', 'deal']);

/**
 * The values conditions read, loaded lazily: only the related data the given paths need (a
 * customer's tags or deal counts cost queries, so they are fetched only when a condition names them).
 */
export async function loadConditionValues(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: AutomationEntity | null,
  record: RecordRow | null,
  event: Record<string, unknown>,
  paths: readonly string[],
): Promise<ConditionValues> {
  const values: ConditionValues = {};
  let customer: RecordRow | null | undefined;
  const customerOf = async () => {
    if (customer !== undefined) return customer;
    const id = entity === 'customer' ? record?.id : (record?.customer_id as string | undefined);
    customer = id ? ((await loadRecordRow(trx, dialect, workspaceId, 'customer', id)) ?? null) : null;
    return customer;
  };
  const counts = async () => {
    const c = await customerOf();
    return c ? countCustomerDeals(trx, workspaceId, c.id) : { won: 0, open: 0 };
  };
  for (const path of new Set(paths)) {
    if (path.startsWith('event.')) values[path] = event[path.slice('event.'.length)] ?? null;
    else if (!record) values[path] = null;
    else if (path === 'tags')
      values[path] = TAGGABLE.has(entity!) ? await loadTagNames(trx, workspaceId, entity!, record.id) : [];
    else if (path === 'owner.department_id') {
      const owner = await loadUserBrief(
        trx,
        workspaceId,
        (record.owner_id ?? record.assignee_id ?? null) as string | null,
      );
      values[path] = owner?.department_id ?? null;
    } else if (path === 'won_deals_count' || path === 'customer.won_deals_count')
      values[path] = (await counts()).won;
    else if (path === 'open_deals_count' || path === 'customer.open_deals_count')
      values[path] = (await counts()).open;
    else if (path === 'customer.tags') {
      const c = await customerOf();
      values[path] = c ? await loadTagNames(trx, workspaceId, 'customer', c.id) : [];
    } else if (path.startsWith('customer.')) {
      const c = await customerOf();
      values[path] = c ? fieldOf(c, path.slice('customer.'.length)) : null;
    } else values[path] = fieldOf(record, path);
  }
  return values;
}

function fieldOf(row: RecordRow, path: string): unknown {
  if (path.startsWith('custom.')) return row.custom?.[path.slice('custom.'.length)] ?? null;
  return row[path] ?? null;
}

/** What Liquid templates see: {{ record.name }}, {{ owner.name }}, {{ customer.name }}, {{ event.text }}. */
export async function templateScope(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: AutomationEntity | null,
  record: RecordRow | null,
  event: Record<string, unknown>,
  automation: { id: string; name: string },
): Promise<Record<string, unknown>> {
  const ownerId = (record?.owner_id ?? record?.assignee_id ?? null) as string | null;
  const owner = await loadUserBrief(trx, workspaceId, ownerId);
  const customerId = entity === 'customer' ? null : ((record?.customer_id as string | undefined) ?? null);
  const customer = customerId
    ? await loadRecordRow(trx, dialect, workspaceId, 'customer', customerId)
    : undefined;
  const tags =
    record && entity && TAGGABLE.has(entity) ? await loadTagNames(trx, workspaceId, entity, record.id) : [];
  return {
    record: record ? { ...record, tags } : null,
    entity,
    owner: owner ? { id: owner.id, name: owner.name, email: owner.email, phone: owner.phone } : null,
    customer: entity === 'customer' ? record : (customer ?? null),
    event,
    automation,
  };
}

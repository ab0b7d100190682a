import { sql } from 'kysely';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { CustomFieldEntity, CustomFieldType } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { CustomFieldTable } from '../../db/schema';
import type { CustomFieldDef } from './custom-field-values';

export async function loadCustomFieldDefs(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: string,
): Promise<CustomFieldDef[]> {
  const rows = await trx
    .selectFrom('custom_fields')
    .select(['key', 'label', 'type', 'options', 'required'])
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    type: r.type as CustomFieldType,
    options: dialect.readJson<{ value: string; label: string }[]>(r.options) ?? [],
    required: r.required === 1,
  }));
}

export type CustomFieldRow = Selectable<CustomFieldTable>;

export async function listCustomFieldRows(
  trx: Executor,
  workspaceId: string,
  entity?: string,
): Promise<CustomFieldRow[]> {
  let q = trx.selectFrom('custom_fields').selectAll().where('workspace_id', '=', workspaceId);
  if (entity) q = q.where('entity', '=', entity);
  return q.orderBy('entity').orderBy('position').orderBy('key').execute();
}

export async function findCustomField(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx
    .selectFrom('custom_fields')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findCustomFieldByKey(trx: Executor, workspaceId: string, entity: string, key: string) {
  return trx
    .selectFrom('custom_fields')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function insertCustomField(trx: Executor, row: Insertable<CustomFieldTable>) {
  await trx.insertInto('custom_fields').values(row).execute();
}

export async function updateCustomFieldRow(
  trx: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<CustomFieldTable>,
) {
  await trx
    .updateTable('custom_fields')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCustomFieldRow(trx: Executor, workspaceId: string, id: string) {
  await trx
    .deleteFrom('custom_fields')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The table that holds records of a custom-field entity. */
const ENTITY_TABLES: Record<CustomFieldEntity, string> = {
  lead: 'leads',
  customer: 'customers',
  contact: 'contacts',
  deal: 'deals',
  product: 'products',
};

/** How many live records hold `value` in a select (or multi-select) field. */
export async function countRecordsUsingOption(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: CustomFieldEntity,
  key: string,
  type: 'select' | 'multi_select',
  value: string,
): Promise<number> {
  const holds =
    type === 'select'
      ? sql<boolean>`${dialect.jsonText('custom', key)} = ${value}`
      : dialect.jsonArrayContains('custom', key, value);
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(ENTITY_TABLES[entity])}
    where workspace_id = ${workspaceId} and deleted_at is null and ${holds}`.execute(trx);
  return toCount(rows[0]?.n);
}

/** How many live records have no value in a field (reported when a field becomes required). */
export async function countRecordsMissing(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: CustomFieldEntity,
  key: string,
): Promise<number> {
  const text = dialect.jsonText('custom', key);
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(ENTITY_TABLES[entity])}
    where workspace_id = ${workspaceId} and deleted_at is null and (${text} is null or ${text} = '' or ${text} = '[]')`.execute(
    trx,
  );
  return toCount(rows[0]?.n);
}

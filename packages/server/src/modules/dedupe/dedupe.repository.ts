import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DedupeEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { chunkRows } from '../../core/chunk';
import type { Dialect } from '../../db/dialect/dialect';
import type { ContactTable, CustomerTable, DB, LeadTable } from '../../db/schema';
import type { MergedColumn } from '../../db/schema-dedupe';
import type { DedupeKey } from './dedupe-keys';
import { ENTITY_TABLES } from './dedupe.fields';
import { insertRows } from '../../db/insert-rows';

/** The database as the dedupe module sees it: with the merge column of customers, contacts and leads. */
export type DedupeDB = Omit<DB, 'customers' | 'contacts' | 'leads'> & {
  customers: CustomerTable & MergedColumn;
  contacts: ContactTable & MergedColumn;
  leads: LeadTable & MergedColumn;
};
export const dedupeDb = (trx: Executor): Kysely<DedupeDB> => trx as unknown as Kysely<DedupeDB>;

/** Replace the keys of these records (in the transaction that writes them). */
export async function replaceKeys(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  records: { id: string; keys: DedupeKey[] }[],
) {
  if (records.length === 0) return;
  await deleteKeys(
    trx,
    dialect,
    workspaceId,
    entity,
    records.map((r) => r.id),
  );
  await insertKeys(trx, dialect, workspaceId, entity, records);
}

/** The keys of records that have none yet (created in this transaction): no delete to make first. */
export async function insertKeys(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  records: { id: string; keys: DedupeKey[] }[],
) {
  const rows = records.flatMap((r) =>
    r.keys.map((k) => ({ workspace_id: workspaceId, entity, record_id: r.id, ...k })),
  );
  await insertRows(trx, dialect, 'dedupe_keys', rows);
}

export async function deleteKeys(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  ids: string[],
) {
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10)) {
    await trx
      .deleteFrom('dedupe_keys')
      .where('workspace_id', '=', workspaceId)
      .where('entity', '=', entity)
      .where('record_id', 'in', part)
      .execute();
  }
}

/** SQL: the record `alias`.id of this entity is live (not deleted or merged; a contact's customer too). */
function liveJoin(entity: DedupeEntity, keyAlias: string) {
  const k = sql.raw(keyAlias);
  if (entity === 'contact')
    return sql`join contacts r on r.workspace_id = ${k}.workspace_id and r.id = ${k}.record_id and r.deleted_at is null
      join customers rc on rc.workspace_id = r.workspace_id and rc.id = r.customer_id and rc.deleted_at is null`;
  return sql`join ${sql.table(ENTITY_TABLES[entity])} r on r.workspace_id = ${k}.workspace_id and r.id = ${k}.record_id and r.deleted_at is null`;
}

export interface KeyHit {
  record_id: string;
  field: string;
  key: string;
}

/** Live records of `entity` holding any of these keys of one kind, leaving out `exceptId`. */
export async function findKeyHits(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  kind: string,
  keys: readonly string[],
  exceptId: string | null,
  limit = 200,
): Promise<KeyHit[]> {
  if (keys.length === 0) return [];
  const { rows } =
    await sql<KeyHit>`select k.record_id, k.field, k.key from dedupe_keys k ${liveJoin(entity, 'k')}
    where k.workspace_id = ${workspaceId} and k.entity = ${entity} and k.kind = ${kind}
      and k.key in (${sql.join([...keys])}) ${exceptId ? sql`and k.record_id <> ${exceptId}` : sql``}
    limit ${limit}`.execute(trx);
  return rows;
}

/**
 * Records under each of these keys, at most `perKey` per key (a common block such as the halves
 * 网络科技 holds thousands; it must not crowd out the rare one that holds the real neighbour). Not
 * filtered for liveness: the caller checks the few it keeps.
 */
export async function findBlockHits(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  kind: string,
  keys: readonly string[],
  perKey: number,
): Promise<KeyHit[]> {
  if (keys.length === 0) return [];
  const parts = keys.map(
    (key) => sql`select * from (select record_id, field, key from dedupe_keys
      where workspace_id = ${workspaceId} and entity = ${entity} and kind = ${kind} and key = ${key} limit ${perKey}) b`,
  );
  const { rows } = await sql<KeyHit>`${sql.join(parts, sql` union all `)}`.execute(trx);
  return rows;
}

/** The keys of one kind these records hold (e.g. their company-name cores). */
export async function keysOfRecords(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  kind: string,
  ids: readonly string[],
): Promise<{ record_id: string; key: string; field: string }[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('dedupe_keys')
    .select(['record_id', 'key', 'field'])
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('kind', '=', kind)
    .where('record_id', 'in', [...ids])
    .execute();
}

export interface RecordSummary {
  id: string;
  name: string;
  owner_id: string | null;
  owner_name: string | null;
  pool_id: string | null;
}

/** Name, owner and pool of records, whatever the reader may see (callers decide what to show). */
export async function recordSummaries(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  ids: readonly string[],
): Promise<Map<string, RecordSummary>> {
  if (ids.length === 0) return new Map();
  const list = sql.join([...new Set(ids)]);
  const { rows } =
    entity === 'contact'
      ? await sql<RecordSummary>`select ct.id, ct.name, c.owner_id, u.name as owner_name, c.pool_id
          from contacts ct join customers c on c.workspace_id = ct.workspace_id and c.id = ct.customer_id
          left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
          where ct.workspace_id = ${workspaceId} and ct.id in (${list})`.execute(trx)
      : entity === 'customer'
        ? await sql<RecordSummary>`select c.id, c.name, c.owner_id, u.name as owner_name, c.pool_id from customers c
          left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
          where c.workspace_id = ${workspaceId} and c.id in (${list})`.execute(trx)
        : await sql<RecordSummary>`select l.id, coalesce(l.company_name, l.name) as name, l.owner_id,
            u.name as owner_name, null as pool_id from leads l
          left join users u on u.workspace_id = l.workspace_id and u.id = l.owner_id
          where l.workspace_id = ${workspaceId} and l.id in (${list})`.execute(trx);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function findRuleRows(trx: Executor, workspaceId: string) {
  return trx.selectFrom('duplicate_rules').selectAll().where('workspace_id', '=', workspaceId).execute();
}

export async function saveRuleRow(
  trx: Executor,
  dialect: Dialect,
  row: {
    workspace_id: string;
    entity: DedupeEntity;
    rules: unknown;
    updated_at: string;
    updated_by: string | null;
  },
) {
  const rules = dialect.writeJson(row.rules);
  await trx
    .insertInto('duplicate_rules')
    .values({ ...row, rules })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'entity'])
        .doUpdateSet({ rules, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/** Whether the workspace defines a custom field of this entity with this key. */
export async function hasCustomField(trx: Executor, workspaceId: string, entity: DedupeEntity, key: string) {
  const row = await trx
    .selectFrom('custom_fields')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

export async function customFieldKeys(trx: Executor, workspaceId: string, entity: DedupeEntity) {
  const rows = await trx
    .selectFrom('custom_fields')
    .select('key')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .execute();
  return new Set(rows.map((r) => r.key));
}

export interface KeyRow {
  kind: string;
  key: string;
  record_id: string;
  field: string;
}

/**
 * Records of an entity that are no longer live (deleted, merged, a contact of a deleted customer): a
 * handful, so the finder reads keys without joining the records and drops these instead.
 */
export async function deadRecordIds(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
): Promise<Set<string>> {
  const { rows } =
    entity === 'contact'
      ? await sql<{ id: string }>`select ct.id from contacts ct where ct.workspace_id = ${workspaceId}
          and (ct.deleted_at is not null or ct.customer_id in
            (select c.id from customers c where c.workspace_id = ${workspaceId} and c.deleted_at is not null))`.execute(
          trx,
        )
      : await sql<{ id: string }>`select id from ${sql.table(ENTITY_TABLES[entity])}
          where workspace_id = ${workspaceId} and deleted_at is not null`.execute(trx);
  return new Set(rows.map((r) => r.id));
}

/** Every key of one kind (company cores, person names) of an entity, read straight off the key index. */
export async function keysOfKind(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  kind: string,
): Promise<{ key: string; record_id: string }[]> {
  return trx
    .selectFrom('dedupe_keys')
    .select(['key', 'record_id'])
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .where('kind', '=', kind)
    .execute();
}

/**
 * Keys (other than fuzzy blocks and `skip`) that at least two and at most `cap(kind)` records hold, with
 * those records — one ordered pass over the key index with a window count; and how many keys more
 * records hold (placeholders such as 13800000000 or sales@ of a common domain, which say nothing).
 */
export async function sharedKeys(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  skip: readonly string[],
  cap: (kind: string) => number,
): Promise<{ rows: KeyRow[]; common: number }> {
  const kinds = sql`kind not in (${sql.join(['company_block', ...skip])})`;
  const { rows } = await sql<KeyRow & { n: number | string }>`select kind, key, record_id, field, n from (
      select kind, key, record_id, field, count(*) over (partition by kind, key) as n from dedupe_keys
      where workspace_id = ${workspaceId} and entity = ${entity} and ${kinds}
    ) t where n > 1`.execute(trx);
  const common = new Set<string>();
  const shared: KeyRow[] = [];
  for (const r of rows) {
    if (Number(r.n) > cap(r.kind)) common.add(`${r.kind}\u0000${r.key}`);
    else shared.push({ kind: r.kind, key: r.key, record_id: r.record_id, field: r.field });
  }
  return { rows: shared, common: common.size };
}

export interface DuplicateRecordRow {
  id: string;
  name: string;
  owner_id: string | null;
  owner_name: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  status: string | null;
  company_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  created_at: string;
  updated_at: string;
  live: number;
}

/** What the finder shows of each record of a group; `live` is 0 once deleted or merged. */
export async function duplicateRecordRows(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  ids: readonly string[],
): Promise<Map<string, DuplicateRecordRow>> {
  if (ids.length === 0) return new Map();
  const list = sql.join([...new Set(ids)]);
  const { rows } =
    entity === 'customer'
      ? await sql<DuplicateRecordRow>`select c.id, c.name, c.owner_id, u.name as owner_name, c.phone,
            null as mobile, c.email, c.status, null as company_name, null as customer_id, null as customer_name,
            c.created_at, c.updated_at, case when c.deleted_at is null then 1 else 0 end as live
          from customers c left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
          where c.workspace_id = ${workspaceId} and c.id in (${list})`.execute(trx)
      : entity === 'contact'
        ? await sql<DuplicateRecordRow>`select ct.id, ct.name, c.owner_id, u.name as owner_name, ct.phone,
            ct.mobile, ct.email, null as status, null as company_name, ct.customer_id, c.name as customer_name,
            ct.created_at, ct.updated_at,
            case when ct.deleted_at is null and c.deleted_at is null then 1 else 0 end as live
          from contacts ct join customers c on c.workspace_id = ct.workspace_id and c.id = ct.customer_id
          left join users u on u.workspace_id = c.workspace_id and u.id = c.owner_id
          where ct.workspace_id = ${workspaceId} and ct.id in (${list})`.execute(trx)
        : await sql<DuplicateRecordRow>`select l.id, l.name, l.owner_id, u.name as owner_name, l.phone, l.mobile,
            l.email, l.status, l.company_name, null as customer_id, null as customer_name, l.created_at,
            l.updated_at, case when l.deleted_at is null then 1 else 0 end as live
          from leads l left join users u on u.workspace_id = l.workspace_id and u.id = l.owner_id
          where l.workspace_id = ${workspaceId} and l.id in (${list})`.execute(trx);
  return new Map(rows.map((r) => [r.id, { ...r, live: Number(r.live) }]));
}

/** Owners deciding who may see each record (a contact's is its customer's). */
export async function ownersOf(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  ids: readonly string[],
) {
  const out = new Map<string, string | null>();
  for (const part of chunkRows([...ids], 1, 5_000)) {
    const list = sql.join(part);
    const { rows } =
      entity === 'contact'
        ? await sql<{ id: string; owner_id: string | null }>`select ct.id, c.owner_id from contacts ct
            join customers c on c.workspace_id = ct.workspace_id and c.id = ct.customer_id
            where ct.workspace_id = ${workspaceId} and ct.id in (${list})`.execute(trx)
        : await sql<{
            id: string;
            owner_id: string | null;
          }>`select id, owner_id from ${sql.table(ENTITY_TABLES[entity])}
            where workspace_id = ${workspaceId} and id in (${list})`.execute(trx);
    for (const r of rows) out.set(r.id, r.owner_id);
  }
  return out;
}

/** Which of these records are live (not deleted or merged; a contact's customer too). */
export async function liveIds(
  trx: Executor,
  workspaceId: string,
  entity: DedupeEntity,
  ids: readonly string[],
) {
  if (ids.length === 0) return new Set<string>();
  const list = sql.join([...new Set(ids)]);
  const { rows } =
    entity === 'contact'
      ? await sql<{ id: string }>`select ct.id from contacts ct
          join customers c on c.workspace_id = ct.workspace_id and c.id = ct.customer_id and c.deleted_at is null
          where ct.workspace_id = ${workspaceId} and ct.id in (${list}) and ct.deleted_at is null`.execute(
          trx,
        )
      : await sql<{ id: string }>`select id from ${sql.table(ENTITY_TABLES[entity])}
          where workspace_id = ${workspaceId} and id in (${list}) and deleted_at is null`.execute(trx);
  return new Set(rows.map((r) => r.id));
}

import { sql } from 'kysely';
import { DEDUPE_ENTITIES } from '@tideline/shared';
import type { DedupeEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import type { Database } from '../../db/database';
import type { Dialect } from '../../db/dialect/dialect';
import { bulkTable, openBulkWriter, rowsFor } from '../../db/bulk-insert';
import type { DedupeKeyTable } from '../../db/schema-dedupe';
import { keysOf } from './dedupe-keys';
import type { KeyField } from './dedupe.fields';
import { ENTITY_TABLES, keyFieldsFor } from './dedupe.fields';
import { loadRules } from './dedupe-rules';

const BATCH = 5_000;

/** Records of an entity in id order, a batch at a time: the columns keys are made of. Merged records have none. */
async function* recordBatches(trx: Executor, dialect: Dialect, workspaceId: string, entity: DedupeEntity) {
  const table = sql.table(ENTITY_TABLES[entity]);
  const columns =
    entity === 'customer'
      ? sql`id, name, phone, email, custom`
      : entity === 'contact'
        ? sql`id, customer_id, name, mobile, phone, email, custom`
        : sql`id, name, company_name, mobile, phone, email, custom`;
  let after: string | null = null;
  for (;;) {
    const { rows } = await sql<Record<string, unknown> & { id: string }>`select ${columns} from ${table}
      where workspace_id = ${workspaceId} and merged_into_id is null ${after ? sql`and id > ${after}` : sql``}
      order by id limit ${BATCH}`.execute(trx);
    if (rows.length === 0) return;
    yield rows.map((r) => ({ ...r, custom: dialect.readJson(r.custom) ?? {} }));
    after = rows[rows.length - 1]!.id;
    if (rows.length < BATCH) return;
  }
}

/**
 * Write the keys of every record of one entity into `into` (dedupe_keys, or the migration's staging
 * table), inside the caller's transaction. Deleted records keep keys, so a restore needs no rebuild;
 * checks and the finder skip them.
 */
export async function writeEntityKeys(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  fields: readonly KeyField[],
  into = 'dedupe_keys',
): Promise<{ records: number; keys: number }> {
  let records = 0;
  let keys = 0;
  const per = Math.floor(dialect.maxParameters / 6);
  for await (const batch of recordBatches(trx, dialect, workspaceId, entity)) {
    const rows: DedupeKeyTable[] = [];
    for (const r of batch)
      for (const k of keysOf(entity, r, fields))
        rows.push({ workspace_id: workspaceId, entity, record_id: r.id, ...k });
    for (let i = 0; i < rows.length; i += per)
      await trx
        .insertInto(into as 'dedupe_keys')
        .values(rows.slice(i, i + per))
        .execute();
    records += batch.length;
    keys += rows.length;
  }
  return { records, keys };
}

/** Make the keys of one entity again in the caller's transaction (a rule now keys another field). */
export async function rebuildEntityKeys(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: DedupeEntity,
  fields: readonly KeyField[],
) {
  await trx
    .deleteFrom('dedupe_keys')
    .where('workspace_id', '=', workspaceId)
    .where('entity', '=', entity)
    .execute();
  return writeEntityKeys(trx, dialect, workspaceId, entity, fields);
}

const KEY_TABLE = bulkTable<DedupeKeyTable>(
  'dedupe_keys',
  ['workspace_id', 'entity', 'kind', 'key', 'record_id', 'field'],
  ['workspace_id', 'entity', 'kind', 'key', 'record_id', 'field'],
);

export interface RebuildReport {
  entity: DedupeEntity;
  records: number;
  keys: number;
  ms: number;
}

/**
 * Rebuild the duplicate keys of a workspace through the bulk writer (COPY on PostgreSQL, prepared
 * multi-row inserts on SQLite, indexes built once at the end): for seeding, restores and after a
 * normaliser changes. The old keys are cleared first, in their own transaction; during the rebuild a
 * check may miss a duplicate, so run it in a quiet hour.
 */
export async function rebuildDuplicateKeys(
  database: Database,
  workspaceId: string,
  opts: { entities?: readonly DedupeEntity[]; large?: boolean } = {},
): Promise<RebuildReport[]> {
  const rules = await loadRules(database.db, database.dialect, workspaceId);
  const reports: RebuildReport[] = [];
  for (const entity of opts.entities ?? DEDUPE_ENTITIES) {
    const started = performance.now();
    const fields = keyFieldsFor(entity, rules[entity]);
    await database.db
      .deleteFrom('dedupe_keys')
      .where('workspace_id', '=', workspaceId)
      .where('entity', '=', entity)
      .execute();
    const writer = await openBulkWriter(
      database,
      opts.large ? { large: { tables: ['dedupe_keys'], sorted: [KEY_TABLE as never] } } : {},
    );
    let records = 0;
    let keys = 0;
    try {
      for await (const batch of recordBatches(database.db, database.dialect, workspaceId, entity)) {
        const rows: DedupeKeyTable[] = [];
        for (const r of batch)
          for (const k of keysOf(entity, r, fields))
            rows.push({ workspace_id: workspaceId, entity, record_id: r.id, ...k });
        await writer.write([rowsFor(KEY_TABLE, rows)]);
        records += batch.length;
        keys += rows.length;
      }
      await writer.finish();
    } finally {
      await writer.close();
    }
    reports.push({ entity, records, keys, ms: Math.round(performance.now() - started) });
  }
  return reports;
}

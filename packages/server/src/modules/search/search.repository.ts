import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { chunkRows } from '../../core/chunk';
import { searchGrams } from './search-grams';
import type { Probe, Searchable, SearchPlan } from './search-grams';
import { insertRows } from '../../db/insert-rows';

export interface IndexedRecord {
  id: string;
  values: Searchable[];
}

/** Replace the grams of these records (call in the transaction that writes them). */
export async function reindex(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: string,
  records: IndexedRecord[],
) {
  if (records.length === 0) return;
  await removeFromIndex(
    trx,
    dialect,
    workspaceId,
    entity,
    records.map((r) => r.id),
  );
  await addToIndex(trx, dialect, workspaceId, entity, records);
}

/** The grams of records not in the index yet (created in this transaction): no delete to make first. */
export async function addToIndex(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: string,
  records: IndexedRecord[],
) {
  const rows = records.flatMap((r) =>
    searchGrams(r.values).map((gram) => ({ workspace_id: workspaceId, entity, gram, record_id: r.id })),
  );
  await insertRows(trx, dialect, 'search_grams', rows);
}

export async function removeFromIndex(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  entity: string,
  ids: string[],
) {
  for (const part of chunkRows(ids, 1, dialect.maxParameters - 10)) {
    await trx
      .deleteFrom('search_grams')
      .where('workspace_id', '=', workspaceId)
      .where('entity', '=', entity)
      .where('record_id', 'in', part)
      .execute();
  }
}

/** SQL test that a search_grams row `g` satisfies a probe. */
function probeSql(probe: Probe, alias = 'g'): RawBuilder<boolean> {
  const gram = sql.ref(`${alias}.gram`);
  if ('exact' in probe) return sql<boolean>`${gram} = ${probe.exact}`;
  // A prefix range keeps the primary-key index usable on both dialects.
  return sql<boolean>`(${sql.join(
    probe.prefixes.map((p) => sql`(${gram} >= ${p} and ${gram} < ${p + '\uffff'})`),
    sql` or `,
  )})`;
}

/**
 * The record ids a probe matches, as a set query. Each prefix is its own range scan of the primary
 * key: OR-ed ranges in one WHERE make both planners fall back to scanning the workspace's whole index.
 */
function probeRows(workspaceId: string, entity: string, probe: Probe, beforeId: string | null = null) {
  const before = beforeId ? sql`and record_id < ${beforeId}` : sql``;
  const ranges =
    'exact' in probe
      ? [{ from: probe.exact, to: null }]
      : probe.prefixes.map((p) => ({ from: p, to: p + '\uffff' }));
  return sql.join(
    ranges.map((r) =>
      r.to === null
        ? sql`select record_id from search_grams where workspace_id = ${workspaceId} and entity = ${entity} and gram = ${r.from} ${before}`
        : sql`select record_id from search_grams where workspace_id = ${workspaceId} and entity = ${entity} and gram >= ${r.from} and gram < ${r.to} ${before}`,
    ),
    sql` union all `,
  );
}

/** How many records a probe matches, counting no further than `cap`. */
async function estimate(
  trx: Executor,
  workspaceId: string,
  entity: string,
  probe: Probe,
  cap: number,
): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from (
      select 1 from (${probeRows(workspaceId, entity, probe)}) p limit ${cap}
    ) t`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/** The rarest probe drives the scan; the others are checked per candidate. */
export async function orderProbes(
  trx: Executor,
  workspaceId: string,
  entity: string,
  plan: SearchPlan,
  cap = 5000,
) {
  const sized = await Promise.all(
    plan.probes.map(async (probe) => ({ probe, n: await estimate(trx, workspaceId, entity, probe, cap) })),
  );
  return sized.sort((a, b) => a.n - b.n);
}

/**
 * A window of candidate ids from the driving probe, newest first, strictly older than `beforeId`,
 * already checked against the other probes.
 */
export async function candidateWindow(
  trx: Executor,
  workspaceId: string,
  entity: string,
  driving: Probe,
  others: Probe[],
  beforeId: string | null,
  size: number,
): Promise<string[]> {
  const othersSql = others.map(
    (p) =>
      sql<boolean>`exists (select 1 from search_grams g where g.workspace_id = ${workspaceId} and g.entity = ${entity} and g.record_id = d.record_id and ${probeSql(p)})`,
  );
  const alsoMatches = othersSql.length ? sql`and ${sql.join(othersSql, sql` and `)}` : sql``;
  // An exact gram reads newest-first straight from the index; a prefix probe's few ranges are sorted.
  const { rows } =
    'exact' in driving
      ? await sql<{ record_id: string }>`select d.record_id from search_grams d
          where d.workspace_id = ${workspaceId} and d.entity = ${entity} and d.gram = ${driving.exact}
          ${beforeId ? sql`and d.record_id < ${beforeId}` : sql``} ${alsoMatches}
          order by d.record_id desc limit ${size}`.execute(trx)
      : await sql<{
          record_id: string;
        }>`select distinct d.record_id from (${probeRows(workspaceId, entity, driving, beforeId)}) d
          where 1 = 1 ${alsoMatches}
          order by d.record_id desc limit ${size}`.execute(trx);
  return rows.map((r) => r.record_id);
}

/** The same check for a given set of records (used when scanning a small scoped set instead). */
export function matchesAllProbes(
  workspaceId: string,
  entity: string,
  probes: Probe[],
  idColumn: string,
): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    probes.map(
      (p) =>
        sql`exists (select 1 from search_grams g where g.workspace_id = ${workspaceId} and g.entity = ${entity} and g.record_id = ${sql.ref(idColumn)} and ${probeSql(p)})`,
    ),
    sql` and `,
  )})`;
}

/** Display rows for search hits, in the order of `ids`. */
export async function displayRows(
  trx: Executor,
  workspaceId: string,
  table: string,
  columns: readonly string[],
  ids: string[],
) {
  if (ids.length === 0) return [];
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
    where workspace_id = ${workspaceId} and id in (${sql.join(ids)})`.execute(trx);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is Record<string, unknown> => r !== undefined);
}

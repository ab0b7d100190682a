import { sql } from 'kysely';
import type { Insertable, RawBuilder, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import { toCount } from '../../db/dialect/dialect';
import type { DealItemTable, DealTable } from '../../db/schema';
import { afterCursor, orderByClause } from '../../db/list-query';
import type { Cursor, SortSpec } from '../../db/list-query';
import { insertRows } from '../../db/insert-rows';

export type DealRow = Selectable<DealTable>;
export type DealInsert = Insertable<DealTable>;
export type DealPatch = Updateable<DealTable>;
export type DealItemRow = Selectable<DealItemTable>;
export type Deal = Omit<DealRow, 'custom'> & { custom: Record<string, unknown> };

export function toDeal(dialect: Dialect, row: DealRow): Deal {
  return { ...row, custom: dialect.readJson<Record<string, unknown>>(row.custom) ?? {} };
}

export async function findDeal(
  trx: Executor,
  workspaceId: string,
  id: string,
  opts: { lock?: Dialect } = {},
) {
  let q = trx.selectFrom('deals').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

export async function findDeals(
  trx: Executor,
  workspaceId: string,
  ids: readonly string[],
  opts: { lock?: Dialect } = {},
) {
  if (ids.length === 0) return [];
  let q = trx
    .selectFrom('deals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids]);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.execute();
}

export interface ListDealsSql {
  workspaceId: string;
  where: RawBuilder<boolean>[];
  sort: SortSpec;
  cursor: Cursor | null;
  limit: number;
}

export async function listDealRows(trx: Executor, q: ListDealsSql): Promise<DealRow[]> {
  const where = [...q.where];
  if (q.cursor) where.push(afterCursor(q.sort, q.cursor));
  const { rows } = await sql<DealRow>`select * from deals
    where workspace_id = ${q.workspaceId} and ${sql.join(where, sql` and `)}
    order by ${orderByClause(q.sort)} limit ${q.limit}`.execute(trx);
  return rows;
}

export async function insertDeal(trx: Executor, row: DealInsert) {
  await trx.insertInto('deals').values(row).execute();
}

export async function updateDealRow(trx: Executor, workspaceId: string, id: string, patch: DealPatch) {
  await trx
    .updateTable('deals')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Names shown beside a deal: its customer, contact, pipeline and stage. */
export interface DealNames {
  customers: Map<string, string>;
  contacts: Map<string, string>;
  stages: Map<string, { name: string; kind: string; probability: number; pipeline_name: string }>;
}

export async function loadDealNames(
  trx: Executor,
  workspaceId: string,
  rows: readonly DealRow[],
): Promise<DealNames> {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => x !== null))];
  const customerIds = uniq(rows.map((r) => r.customer_id));
  const contactIds = uniq(rows.map((r) => r.contact_id));
  const stageIds = uniq(rows.map((r) => r.stage_id));
  const [customers, contacts, stages] = await Promise.all([
    customerIds.length
      ? trx
          .selectFrom('customers')
          .select(['id', 'name'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', customerIds)
          .execute()
      : [],
    contactIds.length
      ? trx
          .selectFrom('contacts')
          .select(['id', 'name'])
          .where('workspace_id', '=', workspaceId)
          .where('id', 'in', contactIds)
          .execute()
      : [],
    stageIds.length
      ? trx
          .selectFrom('stages as s')
          .innerJoin('pipelines as p', (j) =>
            j.onRef('p.workspace_id', '=', 's.workspace_id').onRef('p.id', '=', 's.pipeline_id'),
          )
          .select(['s.id', 's.name', 's.kind', 's.probability', 'p.name as pipeline_name'])
          .where('s.workspace_id', '=', workspaceId)
          .where('s.id', 'in', stageIds)
          .execute()
      : [],
  ]);
  return {
    customers: new Map(customers.map((c) => [c.id, c.name])),
    contacts: new Map(contacts.map((c) => [c.id, c.name])),
    stages: new Map(stages.map((s) => [s.id, s])),
  };
}

export function listDealItems(trx: Executor, workspaceId: string, dealId: string) {
  return trx
    .selectFrom('deal_items as i')
    .leftJoin('products as p', (j) =>
      j.onRef('p.workspace_id', '=', 'i.workspace_id').onRef('p.id', '=', 'i.product_id'),
    )
    .select([
      'i.id',
      'i.product_id',
      'p.name as product_name',
      'i.position',
      'i.quantity',
      'i.unit_price',
      'i.discount_percent',
      'i.amount',
    ])
    .where('i.workspace_id', '=', workspaceId)
    .where('i.deal_id', '=', dealId)
    .orderBy('i.position')
    .execute();
}

export async function replaceDealItemRows(
  trx: Executor,
  dialect: Dialect,
  workspaceId: string,
  dealId: string,
  rows: DealItemRow[],
) {
  await trx
    .deleteFrom('deal_items')
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .execute();
  await insertRows(trx, dialect, 'deal_items', rows);
}

export async function countDealItems(trx: Executor, workspaceId: string, dealId: string): Promise<number> {
  const row = await trx
    .selectFrom('deal_items')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('deal_id', '=', dealId)
    .executeTakeFirst();
  return toCount(row?.n);
}

/** Products that may go on a deal: of this workspace and not deleted. */
export async function findProducts(trx: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return trx
    .selectFrom('products')
    .select(['id', 'name', 'price', 'currency'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
}

export interface BoardStageTotals {
  stage_id: string;
  n: number;
  total: number;
}

/** Count and sum of amount per stage for the deals matching `where` (columns unqualified). */
export async function boardTotals(
  trx: Executor,
  workspaceId: string,
  pipelineId: string,
  where: RawBuilder<boolean>[],
) {
  const { rows } = await sql<{ stage_id: string; n: number | string; total: number | string | null }>`
    select stage_id, count(*) as n, sum(amount) as total from deals
    where workspace_id = ${workspaceId} and pipeline_id = ${pipelineId} and ${sql.join(where, sql` and `)}
    group by stage_id`.execute(trx);
  return rows.map((r): BoardStageTotals => ({
    stage_id: r.stage_id,
    n: toCount(r.n),
    total: Number(r.total ?? 0),
  }));
}

/** The first `perStage` deals of every stage, most recently entered first, in one query. */
export async function boardDeals(
  trx: Executor,
  workspaceId: string,
  pipelineId: string,
  where: RawBuilder<boolean>[],
  perStage: number,
) {
  const { rows } = await sql<DealRow & { rn: number }>`select * from (
      select d.*, row_number() over (partition by stage_id order by stage_entered_at desc, id desc) as rn from deals d
      where workspace_id = ${workspaceId} and pipeline_id = ${pipelineId} and ${sql.join(where, sql` and `)}
    ) t where rn <= ${perStage} order by stage_id, rn`.execute(trx);
  return rows.map(({ rn: _rn, ...row }) => row as DealRow);
}

import { sql } from 'kysely';
import type { z } from 'zod';
import type { ListQuery, Page, productCreateSchema, productUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { listRecords } from '../records/record-list';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { ListContext } from '../../db/list-query';
import { notDeleted } from '../../db/scope';
import { logChange, logChanges } from '../audit/change-log';
import { checkCustomValues } from '../custom-fields/custom-field.check';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { reindex, removeFromIndex } from '../search/search.repository';
import type { SearchTarget } from '../search/search.service';
import { PRODUCT_AUDITED, PRODUCT_FIELDS } from './product.fields';
import {
  findProduct,
  findProductBySku,
  findProducts,
  insertProduct,
  isUniqueViolation,
  listProductRows,
  toProduct,
  updateProductRow,
} from './product.repository';
import type { Product, ProductInsert, ProductPatch, ProductRow } from './product.repository';

type ProductCreate = z.infer<typeof productCreateSchema>;
type ProductUpdate = z.infer<typeof productUpdateSchema>;

/** The catalogue is workspace-wide: anyone with products:read sees every live product. */
export const PRODUCT_SEARCH: SearchTarget = {
  entity: 'product',
  table: 'products',
  visible: () => notDeleted(),
  scoped: () => false,
  phraseColumns: ['name'],
};

const searchable = (p: Pick<ProductRow, 'name' | 'sku'>) => [
  { kind: 'text' as const, value: p.name },
  { kind: 'text' as const, value: p.sku },
];

const skuTaken = () =>
  new ConflictError('sku_taken', 'Another product already uses this SKU', [
    { path: 'sku', message: 'another product already uses this SKU', code: 'taken' },
  ]);

async function assertSkuFree(
  trx: Executor,
  workspaceId: string,
  sku: string | null | undefined,
  exceptId?: string,
) {
  if (sku && (await findProductBySku(trx, workspaceId, sku, exceptId))) throw skuTaken();
}

/** Turn a lost race on the unique SKU index into the same answer as the check above. */
async function guardSku<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw skuTaken();
    throw e;
  }
}

/** Load a product of the actor's workspace, or answer 404. */
export async function loadProduct(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  id: string,
  opts: { lock?: boolean; includeDeleted?: boolean } = {},
): Promise<ProductRow> {
  const row = await findProduct(trx, actor.workspaceId, id, opts.lock ? { lock: deps.database.dialect } : {});
  if (!row || (row.deleted_at && !opts.includeDeleted)) throw new NotFoundError('product', id);
  return row;
}

export async function listProducts(
  deps: AppDeps,
  actor: Actor,
  query: ListQuery,
): Promise<Page<Product> & { partial?: boolean }> {
  requirePermission(actor, 'products:read');
  const db = deps.database.db;
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: PRODUCT_FIELDS,
    customDefs: await cachedFieldDefs(deps, actor.workspaceId, 'product'),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  return listRecords(deps, actor, query, {
    ctx,
    scope: sql<boolean>`1 = 1`,
    search: PRODUCT_SEARCH,
    rows: (q) => listProductRows(db, q),
    present: async (rows) => rows.map((r) => toProduct(deps.database.dialect, r)),
  });
}

export async function getProduct(deps: AppDeps, actor: Actor, id: string): Promise<Product> {
  requirePermission(actor, 'products:read');
  return toProduct(
    deps.database.dialect,
    await loadProduct(deps.database.db, deps, actor, id, { includeDeleted: true }),
  );
}

export async function createProduct(
  deps: AppDeps,
  actor: Actor,
  input: ProductCreate,
  outer?: Executor,
): Promise<Product> {
  requirePermission(actor, 'products:write');
  return inTransaction(
    deps,
    (trx) =>
      guardSku(async () => {
        const sku = input.sku || null;
        await assertSkuFree(trx, actor.workspaceId, sku);
        const custom = await checkCustomValues(trx, deps, actor.workspaceId, 'product', input.custom, null);
        const now = deps.clock.now().toISOString();
        const row: ProductRow & ProductInsert = {
          id: newId(),
          workspace_id: actor.workspaceId,
          name: input.name,
          sku,
          unit: input.unit ?? null,
          price: input.price,
          currency: input.currency,
          description: input.description ?? null,
          active: input.active ? 1 : 0,
          custom: deps.database.dialect.writeJson(custom),
          created_at: now,
          updated_at: now,
          deleted_at: null,
          deleted_by: null,
        };
        await insertProduct(trx, row);
        await reindex(trx, deps.database.dialect, actor.workspaceId, 'product', [
          { id: row.id, values: searchable(row) },
        ]);
        const view = toProduct(deps.database.dialect, row);
        await logChange(trx, deps, actor, {
          entity: 'product',
          recordId: row.id,
          before: null,
          after: view,
          fields: PRODUCT_AUDITED,
        });
        return view;
      }),
    outer,
  );
}

async function applyPatch(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  row: ProductRow,
  patch: ProductUpdate,
): Promise<Product> {
  const before = toProduct(deps.database.dialect, row);
  const { custom: customInput, active, sku: skuInput, ...fields } = patch;
  const sku = skuInput === undefined ? undefined : skuInput || null;
  if (sku !== undefined && sku !== row.sku) await assertSkuFree(trx, actor.workspaceId, sku, row.id);
  const custom = customInput
    ? await checkCustomValues(trx, deps, actor.workspaceId, 'product', customInput, before.custom)
    : before.custom;
  const set: ProductPatch = { updated_at: deps.clock.now().toISOString() };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
  if (sku !== undefined) set.sku = sku;
  if (active !== undefined) set.active = active ? 1 : 0;
  if (customInput) set.custom = deps.database.dialect.writeJson(custom);
  const after: Product = { ...before, ...(set as Partial<Product>), active: active ?? before.active, custom };
  const changes = await logChange(trx, deps, actor, {
    entity: 'product',
    recordId: row.id,
    before,
    after,
    fields: PRODUCT_AUDITED,
  });
  if (Object.keys(changes).length === 0) return before;
  await updateProductRow(trx, actor.workspaceId, row.id, set);
  if ('name' in changes || 'sku' in changes) {
    await reindex(trx, deps.database.dialect, actor.workspaceId, 'product', [
      { id: row.id, values: searchable(after) },
    ]);
  }
  return after;
}

export async function updateProduct(
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: ProductUpdate,
): Promise<Product> {
  requirePermission(actor, 'products:write');
  return inTransaction(deps, (trx) =>
    guardSku(async () =>
      applyPatch(trx, deps, actor, await loadProduct(trx, deps, actor, id, { lock: true }), patch),
    ),
  );
}

/** Load every id or fail naming the first that does not exist; nothing is written on failure. */
async function loadAll(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  ids: string[],
  includeDeleted = false,
  single = false,
) {
  if (single && ids.length === 1)
    return [await loadProduct(trx, deps, actor, ids[0]!, { lock: true, includeDeleted: true })];
  const rows = await findProducts(trx, actor.workspaceId, [...new Set(ids)], { lock: deps.database.dialect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || (r.deleted_at && !includeDeleted)) {
      throw new ValidationError([
        { path: `ids[${i}]`, message: `no product with id ${id}`, code: 'not_found' },
      ]);
    }
  });
  return [...byId.values()];
}

export async function bulkUpdateProducts(deps: AppDeps, actor: Actor, ids: string[], patch: ProductUpdate) {
  requirePermission(actor, 'products:write');
  if (patch.name !== undefined)
    throw ValidationError.field('patch.name', 'names cannot be set in bulk', 'not_bulk_editable');
  if (patch.sku !== undefined)
    throw ValidationError.field(
      'patch.sku',
      'SKUs are unique and cannot be set in bulk',
      'not_bulk_editable',
    );
  return inTransaction(deps, async (trx) => {
    const rows = await loadAll(trx, deps, actor, ids);
    for (const row of rows) await applyPatch(trx, deps, actor, row, patch);
    return { updated: rows.length };
  });
}

async function setDeleted(deps: AppDeps, actor: Actor, ids: string[], deleted: boolean, single: boolean) {
  requirePermission(actor, 'products:delete');
  return inTransaction(deps, (trx) =>
    guardSku(async () => {
      const rows = await loadAll(trx, deps, actor, ids, !deleted, single);
      const now = deps.clock.now().toISOString();
      const targets = rows.filter((r) => (r.deleted_at === null) === deleted);
      // A restored product must not share its SKU with one created while it was deleted.
      if (!deleted) for (const r of targets) await assertSkuFree(trx, actor.workspaceId, r.sku, r.id);
      const patch = deleted
        ? { deleted_at: now, deleted_by: actor.userId, updated_at: now }
        : { deleted_at: null, deleted_by: null, updated_at: now };
      for (const r of targets) await updateProductRow(trx, actor.workspaceId, r.id, patch);
      await logChanges(
        trx,
        deps,
        actor,
        targets.map((r) => ({
          entity: 'product',
          recordId: r.id,
          action: deleted ? 'deleted' : 'restored',
          before: toProduct(deps.database.dialect, r),
          after: { ...toProduct(deps.database.dialect, r), ...patch },
          fields: ['deleted_at'],
        })),
      );
      const ws = actor.workspaceId;
      if (deleted)
        await removeFromIndex(
          trx,
          deps.database.dialect,
          ws,
          'product',
          targets.map((r) => r.id),
        );
      else
        await reindex(
          trx,
          deps.database.dialect,
          ws,
          'product',
          targets.map((r) => ({ id: r.id, values: searchable(r) })),
        );
      return { [deleted ? 'deleted' : 'restored']: targets.length };
    }),
  );
}

/** Bulk forms name the first bad id as a field error; single forms answer 404. */
export const deleteProducts = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, true, false);
export const restoreProducts = (deps: AppDeps, actor: Actor, ids: string[]) =>
  setDeleted(deps, actor, ids, false, false);
export const deleteProduct = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], true, true);
export const restoreProduct = (deps: AppDeps, actor: Actor, id: string) =>
  setDeleted(deps, actor, [id], false, true);

import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import { normalizeForKey } from '@tideline/engine';
import type { DuplicateMatch, ImportRowStatus } from '@tideline/shared';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import { keyOf } from '../dedupe/dedupe-keys';
import { ruleKeyField } from '../dedupe/dedupe.fields';
import { changeRecordTags } from '../tags/tag.service';
import { liveKeyHolders, placeInPool } from './import.repository';
import { fileKeys } from './import-context';
import type { ImportContext } from './import-context';
import { askDistribution, chooseImportOwner } from './import-owner';
import { columnOf, rowInput } from './import-rows';
import type { SourceRecord } from './import-source';
import { WRITERS } from './import-writers';
import { bulkCreateCustomers } from './import-bulk';

/** A row on its way through a batch: its input once valid, its outcome once decided. */
export interface BatchRow {
  row: number;
  cells: string[];
  values?: Record<string, unknown>;
  given?: string[];
  /** The record an update will change. */
  targetId?: string;
  status?: ImportRowStatus;
  message?: string | null;
  recordId?: string | null;
}

const NOUN = { customer: 'customer', lead: 'lead', contact: 'contact' } as const;

const done = (
  r: BatchRow,
  status: ImportRowStatus,
  message: string | null = null,
  recordId: string | null = null,
) => {
  r.status = status;
  r.message = message;
  r.recordId = recordId;
};

/** Validate the rows and find their owner (or customer); invalid rows are decided here and never written. */
export function prepareRows(ctx: ImportContext, records: SourceRecord[]): BatchRow[] {
  const rows: BatchRow[] = [];
  for (const rec of records) {
    if ('error' in rec) {
      rows.push({
        row: rec.row,
        cells: [],
        status: 'failed',
        message: `The row cannot be read: ${rec.error}`,
      });
      continue;
    }
    const r: BatchRow = { row: rec.row, cells: rec.cells };
    rows.push(r);
    const extra = rec.cells.slice(ctx.headers.length).filter((c) => c.trim() !== '');
    if (extra.length) {
      done(
        r,
        'failed',
        `The row has ${rec.cells.length} cells but the header has ${ctx.headers.length} columns`,
      );
      continue;
    }
    const input = rowInput(ctx.entity, ctx.columns, rec.cells, ctx.customDefs, ctx.users);
    if (!input.ok) {
      done(r, 'failed', input.message);
      continue;
    }
    const values: Record<string, unknown> = { ...input.values };
    if (Object.keys(input.custom).length) values.custom = input.custom;
    if (ctx.entity !== 'contact') {
      const owner = chooseImportOwner(ctx, input.extras.owner);
      if ('error' in owner) {
        done(r, 'failed', owner.error);
        continue;
      }
      values.owner_id = owner.ownerId;
    } else values.customer_name = input.extras.customer_name;
    r.values = values;
    r.given = [
      ...input.given,
      ...(values.custom ? ['custom'] : []),
      ...(input.extras.owner ? ['owner_id'] : []),
    ];
  }
  return rows;
}

/** Rows whose phone, company or e-mail an earlier row of the file already had are reported, not written. */
export function markFileDuplicates(ctx: ImportContext, rows: BatchRow[]): void {
  for (const r of rows) {
    const keys = fileKeys(ctx, r.cells);
    const first = r.status ? undefined : keys.find((k) => ctx.seen.has(k.id));
    if (first) {
      const status = ctx.options.mode === 'skip_duplicates' ? 'skipped' : 'failed';
      done(r, status, `Same 「${first.field}」 as row ${ctx.seen.get(first.id)} of this file`);
      continue;
    }
    if (r.status === 'failed' && !r.values) continue;
    for (const k of keys) if (!ctx.seen.has(k.id)) ctx.seen.set(k.id, r.row);
  }
}

/** Rows still open, with their values. */
const open = (rows: BatchRow[]) =>
  rows.filter((r): r is BatchRow & { values: Record<string, unknown> } => !r.status && !!r.values);

/**
 * The duplicate rules' exact keys, looked up for the whole batch at once (one query per rule and
 * entity, not per row). Skip-duplicates leaves every row that matches a rule; create reports rows a
 * blocking rule refuses without asking the service. The service still runs the full check (fuzzy names
 * too) on every row it writes.
 */
async function precheckDuplicates(trx: Transaction<DB>, ctx: ImportContext, rows: BatchRow[]) {
  const skip = ctx.options.mode === 'skip_duplicates';
  for (const rule of ctx.rules) {
    if (rule.match !== 'exact' || (rule.action !== 'block' && !skip)) continue;
    const f = ruleKeyField(ctx.entity, rule);
    if (!f || f.kind === 'person') continue;
    const pending = open(rows).filter((r) => !r.targetId);
    const keyed = pending
      .map((r) => ({ r, key: keyOf(ctx.entity, r.values, f) }))
      .filter((x): x is { r: (typeof pending)[number]; key: string } => x.key !== null);
    if (!keyed.length) continue;
    for (const target of rule.against ?? [ctx.entity]) {
      const hits = await liveKeyHolders(
        trx,
        ctx.deps.database.dialect,
        ctx.imp.workspace_id,
        target,
        f.kind,
        [...new Set(keyed.map((x) => x.key))],
      );
      const hitKeys = new Set(hits.map((h) => h.key));
      for (const { r, key } of keyed)
        if (!r.status && hitKeys.has(key))
          done(
            r,
            skip ? 'skipped' : 'failed',
            `A ${NOUN[target]} with this 「${columnOf(ctx.columns, rule.field) ?? rule.field}」 already exists`,
          );
    }
  }
}

/** Update mode: the record each row's key finds (one look-up per batch); rows it finds none for are created. */
async function findTargets(trx: Transaction<DB>, ctx: ImportContext, rows: BatchRow[]) {
  const f = ctx.updateKey;
  if (!f) return;
  const keyed = open(rows)
    .map((r) => ({ r, key: keyOf(ctx.entity, r.values, f) }))
    .filter((x) => x.key !== null);
  const hits = await liveKeyHolders(
    trx,
    ctx.deps.database.dialect,
    ctx.imp.workspace_id,
    ctx.entity,
    f.kind,
    [...new Set(keyed.map((x) => x.key!))],
  );
  const byKey = new Map<string, Set<string>>();
  for (const h of hits) byKey.set(h.key, (byKey.get(h.key) ?? new Set()).add(h.record_id));
  for (const { r, key } of keyed) {
    const ids = [...(byKey.get(key!) ?? [])];
    if (ids.length > 1)
      done(
        r,
        'failed',
        `${ids.length} records have this 「${columnOf(ctx.columns, f.field)}」: the key must find one`,
      );
    else if (ids.length === 1) r.targetId = ids[0];
  }
}

/** A contact's customer, found by its name the way duplicate checks compare names (one look-up per batch). */
async function findCustomers(trx: Transaction<DB>, ctx: ImportContext, rows: BatchRow[]) {
  if (ctx.entity !== 'contact') return;
  const column = columnOf(ctx.columns, 'customer_name') ?? 'customer';
  const keyed = open(rows).map((r) => ({ r, key: normalizeForKey('company', r.values.customer_name) }));
  const keys = [...new Set(keyed.map((x) => x.key).filter((k): k is string => k !== null))];
  const hits = await liveKeyHolders(
    trx,
    ctx.deps.database.dialect,
    ctx.imp.workspace_id,
    'customer',
    'company',
    keys,
  );
  const byKey = new Map<string, Set<string>>();
  for (const h of hits) byKey.set(h.key, (byKey.get(h.key) ?? new Set()).add(h.record_id));
  for (const { r, key } of keyed) {
    const ids = [...(key ? (byKey.get(key) ?? []) : [])];
    const name = String(r.values.customer_name ?? '');
    delete r.values.customer_name;
    if (ids.length === 1) r.values.customer_id = ids[0];
    else if (ids.length === 0) done(r, 'failed', `「${column}」: no customer named ${name}`);
    else
      done(
        r,
        'failed',
        `「${column}」: ${ids.length} customers are named ${name}; import the contact by hand`,
      );
  }
}

function describeError(ctx: ImportContext, error: AppError): string {
  if (!error.fields.length) return error.message;
  return error.fields
    .map((f) => {
      const column = columnOf(ctx.columns, f.path);
      return column ? `「${column}」: ${f.message}` : `${f.path}: ${f.message}`;
    })
    .join('; ');
}

const warningsOf = (w: DuplicateMatch[] | undefined) =>
  w?.length
    ? `Possible duplicate of ${w.map((m) => (m.name ? `「${m.name}」` : `a ${m.entity}`) + (m.owner_name ? ` (owner: ${m.owner_name})` : '')).join(', ')}`
    : null;

/**
 * Write the open rows of a batch in the caller's transaction, each row behind a savepoint: a row the
 * service refuses (validation, a blocking duplicate) is undone alone and reported; anything else
 * fails the whole batch.
 */
export async function writeRows(trx: Transaction<DB>, ctx: ImportContext, rows: BatchRow[]): Promise<void> {
  await findCustomers(trx, ctx, rows);
  if (ctx.options.mode === 'update') await findTargets(trx, ctx, rows);
  await precheckDuplicates(trx, ctx, rows);
  const writer = WRITERS[ctx.entity];
  const { deps, actor } = ctx;
  const creates = open(rows).filter((r) => !r.targetId);
  if (ctx.options.owner.from === 'distribution' && ctx.entity !== 'contact')
    for (const r of creates) askDistribution(r.values);
  // New customers go in bulk when the batched duplicate check finds nothing for them; the rest, and
  // leads and contacts, go through their record service one by one.
  if (ctx.entity === 'customer' && creates.length) {
    const bulk = await bulkCreateCustomers(trx, ctx, creates);
    for (const r of creates) {
      const id = bulk.created.get(r.row);
      if (id) done(r, 'created', null, id);
    }
  }
  for (const r of open(rows)) {
    await sql`savepoint import_row`.execute(trx);
    try {
      if (r.targetId) {
        const patch: Record<string, unknown> = {};
        for (const k of r.given ?? []) if (k in r.values) patch[k] = r.values[k];
        const written = await writer.update(deps, actor, r.targetId, patch, trx);
        done(r, 'updated', warningsOf(written.duplicate_warnings), written.id);
      } else {
        const written = await writer.create(deps, ctx.createActor, r.values, trx);
        done(r, 'created', warningsOf(written.duplicate_warnings), written.id);
      }
      await sql`release savepoint import_row`.execute(trx);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await sql`rollback to savepoint import_row`.execute(trx);
      await sql`release savepoint import_row`.execute(trx);
      const duplicate = error.code === 'duplicate' || error.code === 'duplicate_warning';
      done(
        r,
        duplicate && ctx.options.mode === 'skip_duplicates' ? 'skipped' : 'failed',
        describeError(ctx, error),
      );
    }
  }
  const created = rows.filter((r) => r.status === 'created').map((r) => r.recordId!);
  if (created.length && ctx.options.owner.from === 'pool' && ctx.options.owner.pool_id)
    await placeInPool(
      trx,
      deps.database.dialect,
      ctx.imp.workspace_id,
      ctx.options.owner.pool_id,
      created,
      deps.clock.now().toISOString(),
    );
  if (created.length && ctx.options.tags?.length)
    await changeRecordTags(
      deps,
      actor,
      { record_type: ctx.entity, record_ids: created, tag_ids: ctx.options.tags },
      'assign',
      trx,
    );
}

import { rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { IMPORT_OWNER_FIELD } from '@tideline/shared';
import type { ImportEntity, ImportStart, ImportUpload, ImportView } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import type { JobQueue } from '../../jobs/job-queue';
import { loadCustomFieldDefs } from '../custom-fields/custom-field.repository';
import { loadRules } from '../dedupe/dedupe-rules';
import { findPool } from '../pools/pool.repository';
import { assertAssignableOwner } from '../users/owner-check';
import { importFields, presentField, suggestMapping } from './import.fields';
import { keyableFields } from './import-context';
import {
  findImport,
  findTagIds,
  insertImport,
  listImportRows,
  toImportView,
  updateImport,
} from './import.repository';
import type { ImportRow } from './import.repository';
import { IMPORT_JOB_KIND } from './import-runner';
import { previewFile, saveUpload } from './import-upload';

const WRITE = { customer: 'customers:write', lead: 'leads:write', contact: 'contacts:write' } as const;

function authorize(actor: Actor, entity: ImportEntity) {
  requirePermission(actor, 'imports:run');
  requirePermission(actor, WRITE[entity]);
}

/** An import the actor may see: their own, or any when they see every owner's records. 404 otherwise. */
export async function loadVisibleImport(
  trx: Executor,
  actor: Actor,
  id: string,
  lock?: AppDeps,
): Promise<ImportRow> {
  const row = await findImport(trx, actor.workspaceId, id, lock?.database.dialect);
  if (!row || !(row.created_by === actor.userId || canSeeOwner(actor, row.created_by)))
    throw new NotFoundError('import', id);
  return row;
}

async function fieldsOf(trx: Executor, deps: AppDeps, workspaceId: string, entity: ImportEntity) {
  return importFields(entity, await loadCustomFieldDefs(trx, deps.database.dialect, workspaceId, entity));
}

/** Keep the upload, look at it, and answer with its headers, first rows and a suggested mapping. */
export async function uploadImport(
  deps: AppDeps,
  actor: Actor,
  config: { importDir: string; importMaxBytes: number },
  query: { entity: ImportEntity; filename: string },
  body: Readable,
): Promise<ImportUpload> {
  authorize(actor, query.entity);
  const id = newId();
  const ext = extname(query.filename)
    .toLowerCase()
    .replace(/[^.a-z0-9]/g, '')
    .slice(0, 10);
  const file = await saveUpload(
    body,
    join(config.importDir, actor.workspaceId),
    `${id}${ext}`,
    config.importMaxBytes,
  );
  let preview;
  try {
    preview = await previewFile(file.path);
  } catch (error) {
    await rm(file.path, { force: true });
    throw error;
  }
  const fields = await fieldsOf(deps.database.db, deps, actor.workspaceId, query.entity);
  const now = deps.clock.now().toISOString();
  await insertImport(deps.database.db, {
    workspace_id: actor.workspaceId,
    id,
    entity: query.entity,
    filename: query.filename,
    format: preview.info.format,
    encoding: preview.info.encoding,
    file_path: file.path,
    file_size: file.size,
    headers: deps.database.dialect.writeJson(preview.headers),
    row_estimate: preview.rowEstimate,
    status: 'uploaded',
    options: null,
    total_rows: null,
    processed_rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    error: null,
    started_at: null,
    finished_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  });
  return {
    id,
    entity: query.entity,
    filename: query.filename,
    format: preview.info.format,
    encoding: preview.info.encoding,
    status: 'uploaded',
    headers: preview.headers,
    sample_rows: preview.sample,
    row_estimate: preview.rowEstimate,
    suggested_mapping: suggestMapping(preview.headers, fields),
    fields: fields.map(presentField),
  };
}

/** Check a start request against the file and the workspace: every problem, each naming its field. */
async function checkStart(trx: Executor, deps: AppDeps, actor: Actor, imp: ImportRow, input: ImportStart) {
  const entity = imp.entity as ImportEntity;
  const headers = new Set(deps.database.dialect.readJson<string[]>(imp.headers));
  const fields = await fieldsOf(trx, deps, actor.workspaceId, entity);
  const known = new Map(fields.map((f) => [f.key, f]));
  const issues: FieldIssue[] = [];
  const mapped = new Map<string, string>();
  for (const [header, key] of Object.entries(input.mapping)) {
    const path = `mapping.${header}`;
    if (!headers.has(header)) {
      issues.push({ path, message: 'the file has no such column', code: 'unknown_column' });
      continue;
    }
    if (key === null) continue;
    if (!known.has(key)) issues.push({ path, message: `unknown field ${key}`, code: 'unknown_field' });
    else if (mapped.has(key))
      issues.push({
        path,
        message: `${key} is already filled from 「${mapped.get(key)}」`,
        code: 'mapped_twice',
      });
    else mapped.set(key, header);
  }
  const owner = input.owner;
  if (owner.from === 'column' && entity !== 'contact') {
    if (owner.column !== undefined && !headers.has(owner.column))
      issues.push({ path: 'owner.column', message: 'the file has no such column', code: 'unknown_column' });
    else if (owner.column === undefined && !mapped.has(IMPORT_OWNER_FIELD))
      issues.push({
        path: 'owner.column',
        message: 'name the column that holds the owner',
        code: 'required',
      });
    if (owner.column) mapped.set(IMPORT_OWNER_FIELD, owner.column);
  }
  for (const f of fields)
    if (f.required && !mapped.has(f.key))
      issues.push({
        path: 'mapping',
        message: `${f.label_zh} (${f.key}) is required: map a column to it`,
        code: 'required_unmapped',
      });
  if (input.mode === 'update') {
    const keyable = keyableFields(
      entity,
      (await loadRules(trx, deps.database.dialect, actor.workspaceId))[entity],
    );
    if (!input.key)
      issues.push({
        path: 'key',
        message: 'an update needs the field that finds each record',
        code: 'required',
      });
    else if (!keyable.some((k) => k.field === input.key))
      issues.push({
        path: 'key',
        message: `must be one of ${keyable.map((k) => k.field).join(', ')}`,
        code: 'invalid_key',
      });
    else if (!mapped.has(input.key))
      issues.push({ path: 'key', message: `map a column to ${input.key} first`, code: 'key_unmapped' });
  }
  if (owner.from === 'user' && owner.user_id) {
    try {
      await assertAssignableOwner(trx, actor, owner.user_id, 'owner.user_id');
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.fields);
      else throw error;
    }
  }
  if (owner.from === 'pool') {
    if (entity !== 'customer')
      issues.push({ path: 'owner.from', message: 'only customers can go into a pool', code: 'invalid' });
    else if (!owner.pool_id)
      issues.push({ path: 'owner.pool_id', message: 'choose the pool', code: 'required' });
    else {
      const pool = await findPool(trx, actor.workspaceId, owner.pool_id);
      if (!pool) issues.push({ path: 'owner.pool_id', message: 'no pool with this id', code: 'not_found' });
      else if (pool.enabled !== 1)
        issues.push({ path: 'owner.pool_id', message: 'this pool is switched off', code: 'pool_disabled' });
    }
  }
  if (input.tags?.length) {
    const found = new Set(await findTagIds(trx, actor.workspaceId, input.tags));
    input.tags.forEach((t, i) => {
      if (!found.has(t))
        issues.push({ path: `tags[${i}]`, message: `no tag with id ${t}`, code: 'not_found' });
    });
  }
  if (issues.length) throw new ValidationError(issues, 'The import cannot start');
}

/** Start an uploaded import: checked, then queued as a job that any worker may run. */
export async function startImport(
  deps: AppDeps,
  queue: JobQueue,
  actor: Actor,
  id: string,
  input: ImportStart,
  opts: { enqueue?: boolean } = {},
): Promise<ImportView> {
  requirePermission(actor, 'imports:run');
  return inTransaction(deps, async (trx) => {
    const imp = await loadVisibleImport(trx, actor, id, deps);
    authorize(actor, imp.entity as ImportEntity);
    if (imp.status !== 'uploaded')
      throw new ConflictError('import_started', `This import is ${imp.status} already`);
    await checkStart(trx, deps, actor, imp, input);
    const now = deps.clock.now().toISOString();
    await updateImport(trx, actor.workspaceId, id, {
      status: 'queued',
      options: deps.database.dialect.writeJson(input),
      total_rows: imp.row_estimate,
      updated_at: now,
    });
    if (opts.enqueue !== false)
      await queue.enqueue(trx, [
        {
          kind: IMPORT_JOB_KIND,
          workspaceId: actor.workspaceId,
          payload: { workspaceId: actor.workspaceId, importId: id },
          dedupeKey: `import:${id}:0`,
          maxAttempts: 5,
        },
      ]);
    return toImportView(deps.database.dialect, (await findImport(trx, actor.workspaceId, id))!);
  });
}

export async function getImport(deps: AppDeps, actor: Actor, id: string): Promise<ImportView> {
  requirePermission(actor, 'imports:run');
  return toImportView(deps.database.dialect, await loadVisibleImport(deps.database.db, actor, id));
}

/** The workspace's imports, newest first: those of the users inside the actor's data scope (a rep: their own). */
export async function listImports(
  deps: AppDeps,
  actor: Actor,
  limit: number,
): Promise<{ items: ImportView[] }> {
  requirePermission(actor, 'imports:run');
  const rows = await listImportRows(
    deps.database.db,
    actor.workspaceId,
    actor.visibleOwnerIds === null ? null : [...actor.visibleOwnerIds],
    limit,
  );
  return { items: rows.map((r) => toImportView(deps.database.dialect, r)) };
}

/** Stop an import: the batch in flight rolls back, batches committed before stay (the report lists them). */
export async function cancelImport(deps: AppDeps, actor: Actor, id: string): Promise<ImportView> {
  requirePermission(actor, 'imports:run');
  return inTransaction(deps, async (trx) => {
    const imp = await loadVisibleImport(trx, actor, id, deps);
    if (!['uploaded', 'queued', 'running'].includes(imp.status))
      throw new ConflictError('import_finished', `This import is ${imp.status} already`);
    const now = deps.clock.now().toISOString();
    await updateImport(trx, actor.workspaceId, id, {
      status: 'cancelled',
      finished_at: now,
      updated_at: now,
    });
    return toImportView(deps.database.dialect, (await findImport(trx, actor.workspaceId, id))!);
  });
}

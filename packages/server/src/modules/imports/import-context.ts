import { normalizeForKey } from '@tideline/engine';
import type { DuplicateRule, ImportEntity, ImportStart } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { loadCustomFieldDefs } from '../custom-fields/custom-field.repository';
import type { CustomFieldDef } from '../custom-fields/custom-field-values';
import { keyFieldsFor } from '../dedupe/dedupe.fields';
import type { KeyField } from '../dedupe/dedupe.fields';
import { loadRules } from '../dedupe/dedupe-rules';
import { activeUsers } from './import.repository';
import type { ImportRow } from './import.repository';
import type { MappedColumn, UserLookup } from './import-rows';

/** Everything a batch needs to know about its import, built once per job run. */
export interface ImportContext {
  deps: AppDeps;
  actor: Actor;
  /** Who creates records: the actor, or for a pool import one that may leave records without owner. */
  createActor: Actor;
  imp: ImportRow;
  entity: ImportEntity;
  options: ImportStart;
  headers: string[];
  columns: MappedColumn[];
  customDefs: Map<string, CustomFieldDef>;
  users: UserLookup;
  rules: DuplicateRule[];
  /** Keys compared between rows of the file itself (company core, phone, e-mail, codes). */
  fileKeyFields: KeyField[];
  /** The key an update finds its record by. */
  updateKey: KeyField | null;
  /** Keys seen in earlier rows of the file → the first row that had it. */
  seen: Map<string, number>;
}

/** Columns in file order with the field each fills; the owner column of `owner.column` counts as mapped. */
export function mappedColumns(headers: readonly string[], options: ImportStart): MappedColumn[] {
  const columns: MappedColumn[] = [];
  headers.forEach((header, index) => {
    const field =
      options.owner.from === 'column' && options.owner.column === header ? 'owner' : options.mapping[header];
    if (field) columns.push({ index, header, field });
  });
  return columns;
}

/** The fields that can find a record to update: those duplicate keys are kept for. */
export function keyableFields(entity: ImportEntity, rules: readonly DuplicateRule[]): KeyField[] {
  return keyFieldsFor(entity, rules).filter((f) => f.kind !== 'person');
}

export async function buildContext(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  imp: ImportRow,
  options: ImportStart,
): Promise<ImportContext> {
  const { dialect } = deps.database;
  const entity = imp.entity as ImportEntity;
  const headers = dialect.readJson<string[]>(imp.headers);
  const columns = mappedColumns(headers, options);
  const defs = await loadCustomFieldDefs(trx, dialect, imp.workspace_id, entity);
  const users: UserLookup = new Map();
  for (const u of await activeUsers(trx, imp.workspace_id)) {
    users.set(u.email.toLowerCase(), u.id);
    if (!users.has(u.name.toLowerCase())) users.set(u.name.toLowerCase(), u.id);
  }
  const rules = (await loadRules(trx, dialect, imp.workspace_id))[entity];
  const mapped = new Set(columns.map((c) => c.field));
  const keyable = keyableFields(entity, rules);
  return {
    deps,
    actor,
    createActor: options.owner.from === 'pool' ? { ...actor, visibleOwnerIds: null } : actor,
    imp,
    entity,
    options,
    headers,
    columns,
    customDefs: new Map(defs.map((d) => [d.key, d])),
    users,
    rules,
    fileKeyFields: keyable.filter((f) => mapped.has(f.field)),
    updateKey: options.key ? (keyable.find((f) => f.field === options.key) ?? null) : null,
    seen: new Map(),
  };
}

/**
 * The keys of one row for the in-file duplicate check, straight from its cells (so a resumed job can
 * rebuild them for the rows it skips without validating them again).
 */
export function fileKeys(ctx: ImportContext, cells: readonly string[]): { id: string; field: string }[] {
  const out: { id: string; field: string }[] = [];
  for (const f of ctx.fileKeyFields) {
    const column = ctx.columns.find((c) => c.field === f.field);
    if (!column) continue;
    const key = normalizeForKey(f.normalizer, cells[column.index] ?? '');
    if (key !== null) out.push({ id: `${f.kind}\u0000${key}`, field: column.header });
  }
  return out;
}

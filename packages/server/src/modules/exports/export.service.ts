import { z } from 'zod';
import { LIST_LIMIT_MAX, listQuerySchema } from '@tideline/shared';
import type { ListQuery, Page } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { parseFilterParam } from '../../core/list-request';
import { insertAudit } from '../audit/audit.repository';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { cellOf, instantFormatter } from './export.cells';
import type { Cell, CellContext, NameLookup } from './export.cells';
import { BUILTIN_COLUMNS, EXPORT_LANGS } from './export.columns';
import type { ExportColumn, ExportEntity, ExportLang } from './export.columns';
import { customerNames, userLocale, userNames } from './export.repository';
import { EXPORT_SOURCES, listPage } from './export.sources';
import { EXPORT_FORMATS } from './export.writers';
import type { ExportFormat } from './export.writers';

/** `GET /<records>/export`: the list's own query (no paging) plus the file's format, columns and language. */
export const exportQuerySchema = listQuerySchema.omit({ cursor: true, limit: true }).extend({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  /** Column keys, comma-separated, in order: `name,owner_id,custom.budget`. Default: every column. */
  columns: z.string().max(4000).optional(),
  /** Header and label language; default the user's own. */
  lang: z.enum(EXPORT_LANGS).optional(),
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

type Item = Record<string, unknown> & { id: string };

export interface ExportPlan {
  entity: ExportEntity;
  format: ExportFormat;
  lang: ExportLang;
  columns: ExportColumn[];
  header: string[];
  query: ListQuery;
  first: Page<Item>;
  filename: string;
}

/** Every column the entity offers: built-in ones, then custom fields by their labels. */
async function columnsOf(deps: AppDeps, actor: Actor, entity: ExportEntity): Promise<ExportColumn[]> {
  const defs = await cachedFieldDefs(deps, actor.workspaceId, entity);
  const custom = defs.map((d): ExportColumn => ({
    key: `custom.${d.key}`,
    label: { 'zh-CN': d.label, 'en-US': d.label },
    kind: 'custom',
    ...(d.options.length ? { options: Object.fromEntries(d.options.map((o) => [o.value, o.label])) } : {}),
  }));
  return [...BUILTIN_COLUMNS[entity], ...custom];
}

function pickColumns(all: ExportColumn[], raw: string | undefined): ExportColumn[] {
  if (!raw?.trim()) return all;
  const byKey = new Map(all.map((c) => [c.key, c]));
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const unknown = keys.filter((k) => !byKey.has(k));
  if (unknown.length)
    throw ValidationError.field(
      'columns',
      `unknown column ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known: ${[...byKey.keys()].join(', ')}`,
      'unknown_column',
    );
  return [...new Set(keys)].map((k) => byKey.get(k)!);
}

/**
 * Check everything that can be wrong before the first byte is sent — permission, columns, filter,
 * sort — by reading the first page: once streaming starts, an error can no longer be a 400.
 */
export async function planExport(
  deps: AppDeps,
  actor: Actor,
  entity: ExportEntity,
  input: ExportQuery,
): Promise<ExportPlan> {
  requirePermission(actor, 'records:export');
  requirePermission(actor, EXPORT_SOURCES[entity].read);
  const columns = pickColumns(await columnsOf(deps, actor, entity), input.columns);
  const stored = await userLocale(deps.database.db, actor.workspaceId, actor.userId);
  const lang: ExportLang = input.lang ?? (stored === 'en-US' ? 'en-US' : 'zh-CN');
  const { format, columns: _c, lang: _l, ...list } = input;
  const query: ListQuery = { ...list, limit: LIST_LIMIT_MAX };
  const first = await listPage(deps, actor, entity, query);
  const stamp = instantFormatter(actor.timezone)(deps.clock.now().toISOString()).replace(/[-: ]/g, '');
  return {
    entity,
    format,
    lang,
    columns,
    header: columns.map((c) => c.label[lang]),
    query,
    first,
    filename: `${EXPORT_SOURCES[entity].path}-${stamp.slice(0, 8)}-${stamp.slice(8, 12)}.${format}`,
  };
}

/** Owner, creator and customer names of a page, cached across pages (users are few). */
async function namesFor(deps: AppDeps, actor: Actor, plan: ExportPlan, items: Item[], names: NameLookup) {
  const ids = (key: string) => [
    ...new Set(items.map((i) => i[key]).filter((v): v is string => typeof v === 'string')),
  ];
  const kinds = new Set(plan.columns.map((c) => c.kind));
  if (kinds.has('user')) {
    const wanted = plan.columns.filter((c) => c.kind === 'user').flatMap((c) => ids(c.key));
    const missing = [...new Set(wanted)].filter((id) => !names.users.has(id));
    for (const [id, name] of await userNames(deps.database.db, actor.workspaceId, missing))
      names.users.set(id, name);
  }
  if (kinds.has('customer')) {
    names.customers = await customerNames(deps.database.db, actor.workspaceId, ids('customer_id'));
  }
}

/**
 * The rows of an export, page by page on the list's keyset cursor, so a million rows never sit in
 * memory. When the reader finishes or stops, one audit entry says who exported what, with which
 * filter, how many rows, and whether the file was sent whole.
 */
export async function* exportPages(deps: AppDeps, actor: Actor, plan: ExportPlan): AsyncGenerator<Cell[][]> {
  const names: NameLookup = { users: new Map(), customers: new Map() };
  const ctx: CellContext = { lang: plan.lang, names, instant: instantFormatter(actor.timezone) };
  let page = plan.first;
  let rows = 0;
  let complete = false;
  try {
    for (;;) {
      await namesFor(deps, actor, plan, page.items, names);
      rows += page.items.length;
      yield page.items.map((item) => plan.columns.map((c) => cellOf(c, item, ctx)));
      if (!page.next_cursor) break;
      page = await listPage(deps, actor, plan.entity, { ...plan.query, cursor: page.next_cursor });
    }
    complete = true;
  } finally {
    await auditExport(deps, actor, plan, rows, complete);
  }
}

async function auditExport(deps: AppDeps, actor: Actor, plan: ExportPlan, rows: number, complete: boolean) {
  const { query } = plan;
  await inTransaction(deps, async (trx) => {
    await insertAudit(trx, deps.database.dialect, actor, deps.clock.now().toISOString(), [
      {
        action: 'exported',
        entity: plan.entity,
        recordId: newId(),
        changes: {
          format: plan.format,
          rows,
          complete,
          filter: parseFilterParam(query.filter),
          ...(query.sort ? { sort: query.sort } : {}),
          ...(query.q ? { q: query.q } : {}),
          ...(query.include_deleted ? { include_deleted: query.include_deleted } : {}),
          columns: plan.columns.map((c) => c.key),
        },
      },
    ]);
  });
}

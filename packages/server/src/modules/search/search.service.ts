import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Actor } from '../../core/actor';
import { ValidationError } from '../../core/errors';
import { planSearch } from './search-grams';
import type { Probe } from './search-grams';
import { candidateWindow, matchesAllProbes, orderProbes } from './search.repository';

/** How an entity takes part in search. */
export interface SearchTarget {
  entity: string;
  table: string;
  /** Rows the actor may see (not deleted, inside the data scope); columns unqualified. */
  visible(actor: Actor): RawBuilder<boolean>;
  /** Whether `visible` narrows by owner, so scanning the actor's own rows may be cheaper. */
  scoped(actor: Actor): boolean;
  /** Text columns that must contain a Chinese phrase of the query. */
  phraseColumns: readonly string[];
  /** Phone columns, matched by their digits when a scoped actor's own records are scanned. */
  phoneColumns?: readonly string[];
  /** Columns shown in global search results; id and name when omitted. */
  displayColumns?: readonly string[];
}

export interface SearchOptions {
  limit: number;
  /** Stop after looking at this many index entries; the answer then says it is partial. */
  scanCap?: number;
}

export interface SearchHits {
  ids: string[];
  partial: boolean;
}

const WINDOW = 400;
/** Up to this many visible records, a scoped actor's search scans them instead of the gram index. */
const SCOPED_SCAN_LIMIT = 20_000;

function phraseSql(
  target: SearchTarget,
  phrases: string[],
  exec: (c: string, p: string) => RawBuilder<boolean>,
) {
  if (!phrases.length) return sql<boolean>`1 = 1`;
  return sql<boolean>`(${sql.join(
    phrases.map(
      (p) =>
        sql`(${sql.join(
          target.phraseColumns.map((c) => exec(c, p)),
          sql` or `,
        )})`,
    ),
    sql` and `,
  )})`;
}

/** Digits typed anywhere in a phone column (formatting stripped), or in a name as a number. */
function phoneSql(target: SearchTarget, probes: Probe[]): RawBuilder<boolean> {
  if (!probes.length) return sql<boolean>`1 = 1`;
  const digitsOf = (column: string) =>
    sql`replace(replace(replace(replace(replace(coalesce(${sql.ref(column)}, ''), '-', ''), ' ', ''), '+', ''), '(', ''), ')', '')`;
  return sql<boolean>`(${sql.join(
    probes.map((p) => {
      const digits = 'prefixes' in p ? (p.prefixes[0] ?? '').slice(2) : '';
      return sql`(${sql.join(
        (target.phoneColumns ?? []).map((c) => sql`${digitsOf(c)} like ${'%' + digits + '%'}`),
        sql` or `,
      )})`;
    }),
    sql` and `,
  )})`;
}

/**
 * Ids of records matching `query` that the actor may see, newest first. The rarest gram drives the
 * scan; when the actor's own records are fewer, those are scanned instead.
 */
export async function searchIds(
  trx: Executor,
  containsText: (expr: RawBuilder<unknown>, needle: string) => RawBuilder<boolean>,
  actor: Actor,
  target: SearchTarget,
  query: string,
  options: SearchOptions,
): Promise<SearchHits> {
  const plan = planSearch(query);
  if (!plan) throw ValidationError.field('q', 'type at least two characters to search', 'query_too_short');
  const ws = actor.workspaceId;
  const table = sql.table(target.table);
  const phrases = phraseSql(target, plan.phrases, (c, p) => containsText(sql.ref(c), p));
  const cap = options.scanCap ?? 100_000;
  // A Chinese phrase checked with LIKE already implies its bigrams, and phone digits can be matched on
  // the phone columns themselves; only the other probes need the gram index in a scoped scan.
  const phoneProbes = target.phoneColumns?.length
    ? plan.probes.filter((p) => 'prefixes' in p && p.prefixes[0]?.startsWith('t:'))
    : [];
  const residual = plan.probes.filter(
    (p) => !phoneProbes.includes(p) && (!('exact' in p) || [...p.exact].length < 2),
  );
  const phones = phoneSql(target, phoneProbes);

  if (target.scoped(actor)) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from (select 1 from ${table}
      where workspace_id = ${ws} and ${target.visible(actor)} limit ${SCOPED_SCAN_LIMIT}) t`.execute(trx);
    const scopedCount = Number(rows[0]?.n ?? 0);
    // A rep's own records are few and already hot in the cache: scanning them beats the gram index.
    if (scopedCount < SCOPED_SCAN_LIMIT) {
      // Materialised so the planner reads the actor's rows by owner first; ordering by id straight
      // away would walk the whole table's primary key looking for the few that match.
      const { rows: hits } = await sql<{ id: string }>`with scoped as materialized (select id from ${table}
        where workspace_id = ${ws} and ${target.visible(actor)} and ${phrases} and ${phones}
          ${residual.length ? sql`and ${matchesAllProbes(ws, target.entity, residual, 'id')}` : sql``})
        select id from scoped order by id desc limit ${options.limit}`.execute(trx);
      return { ids: hits.map((h) => h.id), partial: false };
    }
  }

  const sized = await orderProbes(trx, ws, target.entity, plan);
  const [driving, ...rest] = sized.map((s) => s.probe);
  if (!driving) return { ids: [], partial: false };
  const ids: string[] = [];
  let before: string | null = null;
  let scanned = 0;
  for (;;) {
    const window = await candidateWindow(trx, ws, target.entity, driving, rest, before, WINDOW);
    if (window.length === 0) return { ids, partial: false };
    const { rows: hits } = await sql<{ id: string }>`select id from ${table}
      where workspace_id = ${ws} and id in (${sql.join(window)}) and ${target.visible(actor)} and ${phrases}
      order by id desc`.execute(trx);
    for (const h of hits) {
      ids.push(h.id);
      if (ids.length >= options.limit) return { ids, partial: false };
    }
    scanned += window.length;
    before = window[window.length - 1] ?? null;
    if (window.length < WINDOW) return { ids, partial: false };
    if (scanned >= cap) return { ids, partial: true };
  }
}

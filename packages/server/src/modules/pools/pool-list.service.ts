import { sql } from 'kysely';
import type { z } from 'zod';
import type { Page, poolCustomerQuerySchema, poolMovesQuerySchema } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { DAY_MS } from '../../core/clock';
import type { AppDeps } from '../../core/deps';
import { ForbiddenError, NotFoundError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import type { FieldMap, ListContext } from '../../db/list-query';
import { CUSTOMER_FIELDS } from '../customers/customer.fields';
import { listCustomerRows } from '../customers/customer.repository';
import { cachedFieldDefs } from '../custom-fields/custom-field-defs.cache';
import { listRecords } from '../records/record-list';
import type { SearchTarget } from '../search/search.service';
import { loadTagsFor } from '../tags/record-tags.repository';
import type { TagRef } from '../tags/record-tags.repository';
import { poolAccess, requireMember } from './pool-access';
import type { PoolAccess } from './pool-access';
import {
  customerNames,
  findPoolCustomers,
  latestMoves,
  listMoves,
  userNames,
} from './pool-customer.repository';
import type { PoolCustomerRow } from './pool-customer.repository';

type PoolCustomerQuery = z.output<typeof poolCustomerQuerySchema>;
type MovesQuery = z.output<typeof poolMovesQuerySchema>;
type Person = { id: string; name: string | null } | null;

export interface PoolCustomerView {
  id: string;
  name: string;
  industry: string | null;
  region: string | null;
  size: string | null;
  level: string | null;
  source: string | null;
  status: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  description: string | null;
  custom: Record<string, unknown>;
  tags: TagRef[];
  created_at: string;
  pool_id: string;
  pool_entered_at: string | null;
  days_in_pool: number;
  times_dropped: number;
  /** Fields this reader cannot see until they claim the customer (shown as null). */
  masked: string[];
  /** Pool admins only: who had it, why and when it came to the pool, and the move that brought it. */
  previous_owner?: Person;
  recycle_reason?: string | null;
  released_at?: string | null;
  last_move?: {
    kind: string;
    at: string;
    actor: Person;
    reason: string | null;
    rule_id: string | null;
  } | null;
}

const BASE_FIELDS = ['phone', 'email', 'website', 'address', 'description'] as const;

/** Fields of the pool list: a customer's, without its owner columns, plus the pool's own. */
function poolFields(hidden: Set<string>, admin: boolean): FieldMap {
  const { owner_id: _o, created_by: _c, deleted_at: _d, ...fields } = CUSTOMER_FIELDS;
  const out: FieldMap = {
    ...fields,
    pool_entered_at: { type: 'instant', sortable: true },
    times_dropped: { type: 'number', sortable: true },
    released_at: { type: 'instant', sortable: true },
    ...(admin ? { previous_owner_id: { type: 'id' } } : {}),
  };
  // What a member may not see, they may not filter or sort by either.
  for (const f of hidden) delete out[f];
  return out;
}

/** The hidden fields that apply to this reader: none for pool admins. */
const hiddenFor = (access: PoolAccess) => new Set(access.admin ? [] : access.pool.hidden_fields);

function maskCustom(custom: Record<string, unknown>, hidden: Set<string>) {
  if (hidden.has('custom')) return {};
  return Object.fromEntries(Object.entries(custom).filter(([k]) => !hidden.has(`custom.${k}`)));
}

async function present(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  access: PoolAccess,
  rows: PoolCustomerRow[],
): Promise<PoolCustomerView[]> {
  const ws = actor.workspaceId;
  const hidden = hiddenFor(access);
  const now = deps.clock.now().getTime();
  const ids = rows.map((r) => r.id);
  const [tags, moves] = await Promise.all([
    loadTagsFor(trx, ws, 'customer', ids),
    access.admin ? latestMoves(trx, ws, access.pool.id, ids) : Promise.resolve(null),
  ]);
  const names = access.admin
    ? await userNames(trx, ws, [
        ...rows.map((r) => r.previous_owner_id),
        ...[...(moves?.values() ?? [])].map((m) => m.actor_id),
      ])
    : new Map<string, string>();
  const person = (id: string | null): Person => (id ? { id, name: names.get(id) ?? null } : null);
  return rows.map((r) => {
    const masked = [...hidden];
    const view: PoolCustomerView = {
      id: r.id,
      name: r.name,
      industry: r.industry,
      region: r.region,
      size: r.size,
      level: r.level,
      source: r.source,
      status: r.status,
      phone: r.phone,
      email: r.email,
      website: r.website,
      address: r.address,
      description: r.description,
      custom: maskCustom(deps.database.dialect.readJson<Record<string, unknown>>(r.custom) ?? {}, hidden),
      tags: tags.get(r.id) ?? [],
      created_at: r.created_at,
      pool_id: r.pool_id!,
      pool_entered_at: r.pool_entered_at,
      days_in_pool: r.pool_entered_at ? Math.floor((now - Date.parse(r.pool_entered_at)) / DAY_MS) : 0,
      times_dropped: r.times_dropped,
      masked,
    };
    for (const f of BASE_FIELDS) if (hidden.has(f)) view[f] = null;
    if (access.admin) {
      const m = moves?.get(r.id);
      view.previous_owner = person(r.previous_owner_id);
      view.recycle_reason = r.recycle_reason;
      view.released_at = r.released_at;
      view.last_move = m
        ? { kind: m.kind, at: m.at, actor: person(m.actor_id), reason: m.reason, rule_id: m.rule_id }
        : null;
    }
    return view;
  });
}

/**
 * The customers waiting in a pool, for its members (hidden fields masked) and admins (everything, with
 * how each got there). `q` matches names only, so a hidden phone cannot be found by typing its digits.
 */
export async function listPoolCustomers(
  deps: AppDeps,
  actor: Actor,
  poolId: string,
  query: PoolCustomerQuery,
): Promise<Page<PoolCustomerView>> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const access = await poolAccess(db, deps, actor, poolId);
  requireMember(access);
  const hidden = hiddenFor(access);
  const defs = await cachedFieldDefs(deps, actor.workspaceId, 'customer');
  const ctx: ListContext = {
    dialect: deps.database.dialect,
    fields: poolFields(hidden, access.admin),
    customDefs: hidden.has('custom') ? [] : defs.filter((d) => !hidden.has(`custom.${d.key}`)),
    now: deps.clock.now(),
    timezone: actor.timezone,
  };
  const scope = [sql<boolean>`pool_id = ${poolId}`];
  if (query.q) scope.push(deps.database.dialect.containsText(sql.ref('name'), query.q));
  const search: SearchTarget = {
    entity: 'customer',
    table: 'customers',
    visible: () => sql<boolean>`pool_id = ${poolId}`,
    scoped: () => true,
    phraseColumns: ['name'],
  };
  const { q: _q, ...rest } = query;
  return listRecords(
    deps,
    actor,
    { ...rest, sort: query.sort ?? '-pool_entered_at' },
    {
      tagType: 'customer',
      ctx,
      scope: sql<boolean>`${sql.join(scope, sql` and `)}`,
      search,
      rows: (q) => listCustomerRows(db, q) as Promise<PoolCustomerRow[]>,
      present: (rows) => present(db, deps, actor, access, rows as PoolCustomerRow[]),
    },
  );
}

export async function getPoolCustomer(
  deps: AppDeps,
  actor: Actor,
  poolId: string,
  customerId: string,
): Promise<PoolCustomerView> {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  const access = await poolAccess(db, deps, actor, poolId);
  requireMember(access);
  const [row] = await findPoolCustomers(db, actor.workspaceId, [customerId]);
  if (!row || row.deleted_at || row.pool_id !== poolId || row.owner_id)
    throw new NotFoundError('customer', customerId);
  const [view] = await present(db, deps, actor, access, [row]);
  return view!;
}

/** Every move in and out of the pool, newest first: for its admins. */
export async function listPoolMoves(deps: AppDeps, actor: Actor, poolId: string, query: MovesQuery) {
  const db = deps.database.db;
  const access = await poolAccess(db, deps, actor, poolId);
  if (!access.admin) throw new ForbiddenError('Only pool admins see its history', 'not_pool_admin');
  const rows = await listMoves(db, actor.workspaceId, poolId, { ...query, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const [people, customers] = await Promise.all([
    userNames(
      db,
      actor.workspaceId,
      page.flatMap((m) => [m.actor_id, m.from_owner_id, m.to_owner_id]),
    ),
    customerNames(
      db,
      actor.workspaceId,
      page.map((m) => m.customer_id),
    ),
  ]);
  const person = (id: string | null): Person => (id ? { id, name: people.get(id) ?? null } : null);
  return {
    items: page.map((m) => ({
      id: m.id,
      kind: m.kind,
      at: m.at,
      customer: { id: m.customer_id, name: customers.get(m.customer_id) ?? null },
      actor: person(m.actor_id),
      from_owner: person(m.from_owner_id),
      to_owner: person(m.to_owner_id),
      reason: m.reason,
      rule_id: m.rule_id,
    })),
    next_cursor: rows.length > query.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

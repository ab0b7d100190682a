import { sql } from 'kysely';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ValidationError } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { ownerScope } from '../../db/scope';
import { loadVisibleCustomer } from '../customers/customer.service';
import { loadUserNames } from '../activities/linked-record.repository';
import { activityEntries, changeEntries, namesOf, RANK, taskEntries } from './timeline.repository';
import type { ActivityEntry, ChangeEntry, TaskEntry, TimelinePos } from './timeline.repository';

type Person = { id: string; name: string | null } | null;
type Changes = Record<string, { before: unknown; after: unknown }>;
type StageRef = { id: string; name: string | null; kind: string | null } | null;

export type TimelineItem = { key: string; at: string; actor: Person } & (
  | {
      type: 'activity';
      activity_id: string;
      kind: string;
      content: string;
      contact_id: string | null;
      deal_id: string | null;
      lead_id: string | null;
    }
  | {
      type: 'change';
      entity: string;
      record_id: string;
      record_name: string | null;
      action: string;
      changes: Changes;
    }
  | {
      type: 'deal';
      deal_id: string;
      deal_name: string | null;
      from_stage: StageRef;
      to_stage: StageRef;
      changes: Changes;
    }
  | {
      type: 'task';
      event: 'created' | 'completed';
      task_id: string;
      title: string;
      status: string;
      due_at: string | null;
      assignee: Person;
    }
);

export interface TimelinePage {
  items: TimelineItem[];
  next_cursor: string | null;
}

/** One entry of any source, before names are attached. */
type Raw =
  | { rank: typeof RANK.activity; row: ActivityEntry }
  | { rank: typeof RANK.change; row: ChangeEntry & { changes: Changes } }
  | { rank: typeof RANK.task_created | typeof RANK.task_completed; row: TaskEntry };

const posOf = (r: Raw): TimelinePos => ({ at: r.row.at, id: r.row.id, rank: r.rank });

/** Newest first; equal instants fall back to id, then to the source. */
function newer(a: TimelinePos, b: TimelinePos): boolean {
  if (a.at !== b.at) return a.at > b.at;
  if (a.id !== b.id) return a.id > b.id;
  return a.rank > b.rank;
}

/** Dates a follow-up or a won deal moves on the customer: their own timeline entries already say so. */
const DERIVED = new Set(['last_contact_at', 'last_won_at', 'last_purchase_at']);
const worthShowing = (r: Raw) =>
  r.rank !== RANK.change ||
  r.row.action !== 'updated' ||
  r.row.entity !== 'customer' ||
  Object.keys(r.row.changes).some((k) => !DERIVED.has(k));

/** A source read lazily, in batches, for the merge. */
class Stream {
  private buf: Raw[] = [];
  private done = false;
  constructor(
    private readonly fetch: (after: TimelinePos | null, limit: number) => Promise<Raw[]>,
    private pos: TimelinePos | null,
    private readonly batch: number,
  ) {}
  async peek(): Promise<Raw | undefined> {
    if (this.buf.length === 0 && !this.done) {
      this.buf = await this.fetch(this.pos, this.batch);
      this.done = this.buf.length < this.batch;
      const last = this.buf[this.buf.length - 1];
      if (last) this.pos = posOf(last);
    }
    return this.buf[0];
  }
  take(): void {
    this.buf.shift();
  }
}

export function encodeTimelineCursor(p: TimelinePos): string {
  return Buffer.from(JSON.stringify([p.at, p.id, p.rank])).toString('base64url');
}

function decodeTimelineCursor(raw: string): TimelinePos {
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string' &&
      typeof v[2] === 'number'
    ) {
      return { at: v[0], id: v[1], rank: v[2] };
    }
  } catch {
    // fall through
  }
  throw ValidationError.field('cursor', 'is not a cursor of this timeline', 'invalid_cursor');
}

/**
 * One page of a customer's timeline: follow-ups, changes (stage moves shown as deal entries), tasks
 * created and completed, merged newest first across sources read lazily in batches.
 */
export async function timelinePage(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  customerId: string,
  query: { cursor?: string | undefined; limit: number },
): Promise<TimelinePage> {
  const ws = actor.workspaceId;
  const start = query.cursor ? decodeTimelineCursor(query.cursor) : null;
  const batch = Math.max(query.limit + 1, 20);
  const { dialect } = deps.database;
  // Deals keep their own owner-based visibility inside a visible customer.
  const dealVisible = actor.permissions.has('deals:read')
    ? ownerScope(actor, 'd.owner_id')
    : sql<boolean>`1 = 0`;
  const streams: Stream[] = [
    new Stream(
      async (p, n) =>
        (await changeEntries(trx, ws, customerId, dealVisible, p, n)).map((row) => ({
          rank: RANK.change,
          row: { ...row, changes: dialect.readJson<Changes>(row.changes) ?? {} },
        })),
      start,
      batch,
    ),
  ];
  if (actor.permissions.has('activities:read')) {
    streams.push(
      new Stream(
        async (p, n) =>
          (await activityEntries(trx, ws, customerId, p, n)).map((row) => ({ rank: RANK.activity, row })),
        start,
        batch,
      ),
    );
  }
  if (actor.permissions.has('tasks:read')) {
    for (const event of ['created', 'completed'] as const) {
      const rank = event === 'created' ? RANK.task_created : RANK.task_completed;
      streams.push(
        new Stream(
          async (p, n) => (await taskEntries(trx, ws, customerId, event, p, n)).map((row) => ({ rank, row })),
          start,
          batch,
        ),
      );
    }
  }
  const picked: Raw[] = [];
  while (picked.length <= query.limit) {
    let best: { s: Stream; r: Raw } | null = null;
    for (const s of streams) {
      const r = await s.peek();
      if (r && (!best || newer(posOf(r), posOf(best.r)))) best = { s, r };
    }
    if (!best) break;
    best.s.take();
    if (worthShowing(best.r)) picked.push(best.r);
  }
  const page = picked.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: await describe(trx, ws, page),
    next_cursor: picked.length > query.limit && last ? encodeTimelineCursor(posOf(last)) : null,
  };
}

const stageIdsOf = (c: Changes) =>
  [c.stage_id?.before, c.stage_id?.after].filter((x): x is string => typeof x === 'string');

/** Attach the names of people, deals, contacts and stages to the picked entries. */
async function describe(trx: Executor, ws: string, page: Raw[]): Promise<TimelineItem[]> {
  const people: (string | null)[] = [];
  const deals: string[] = [];
  const contacts: string[] = [];
  const stages: string[] = [];
  for (const r of page) {
    if (r.rank === RANK.activity) people.push(r.row.author_id);
    else if (r.rank === RANK.change) {
      people.push(r.row.actor_id);
      if (r.row.entity === 'deal') deals.push(r.row.record_id);
      if (r.row.entity === 'contact') contacts.push(r.row.record_id);
      stages.push(...stageIdsOf(r.row.changes));
    } else people.push(r.row.assignee_id, r.row.created_by);
  }
  const [users, dealNames, contactNames, stageNames] = await Promise.all([
    loadUserNames(trx, ws, people),
    namesOf(trx, ws, 'deals', [...new Set(deals)]),
    namesOf(trx, ws, 'contacts', [...new Set(contacts)]),
    namesOf(trx, ws, 'stages', [...new Set(stages)]),
  ]);
  const person = (id: string | null): Person => (id ? { id, name: users.get(id) ?? null } : null);
  const stage = (id: unknown): StageRef =>
    typeof id === 'string'
      ? { id, name: stageNames.get(id)?.name ?? null, kind: stageNames.get(id)?.kind ?? null }
      : null;
  return page.map((r): TimelineItem => {
    if (r.rank === RANK.activity) {
      const a = r.row;
      return {
        key: `activity:${a.id}`,
        type: 'activity',
        at: a.at,
        actor: person(a.author_id),
        activity_id: a.id,
        kind: a.kind,
        content: a.content,
        contact_id: a.contact_id,
        deal_id: a.deal_id,
        lead_id: a.lead_id,
      };
    }
    if (r.rank === RANK.change) {
      const c = r.row;
      const base = { key: `change:${c.id}`, at: c.at, actor: person(c.actor_id) };
      if (c.entity === 'deal' && c.action === 'updated' && c.changes.stage_id) {
        const { stage_id, ...rest } = c.changes;
        return {
          ...base,
          type: 'deal',
          deal_id: c.record_id,
          deal_name: dealNames.get(c.record_id)?.name ?? null,
          from_stage: stage(stage_id.before),
          to_stage: stage(stage_id.after),
          changes: rest,
        };
      }
      const names = c.entity === 'deal' ? dealNames : c.entity === 'contact' ? contactNames : null;
      return {
        ...base,
        type: 'change',
        entity: c.entity,
        record_id: c.record_id,
        record_name: names?.get(c.record_id)?.name ?? null,
        action: c.action,
        changes: c.changes,
      };
    }
    const t = r.row;
    const event = r.rank === RANK.task_created ? 'created' : 'completed';
    return {
      key: `task-${event}:${t.id}`,
      type: 'task',
      event,
      at: t.at,
      // Who completed a task is not stored apart from the audit trail; the assignee is who did it.
      actor: person(event === 'created' ? t.created_by : t.assignee_id),
      task_id: t.id,
      title: t.title,
      status: t.status,
      due_at: t.due_at,
      assignee: person(t.assignee_id),
    };
  });
}

export async function customerTimeline(
  deps: AppDeps,
  actor: Actor,
  customerId: string,
  query: { cursor?: string | undefined; limit: number },
) {
  requirePermission(actor, 'customers:read');
  const db = deps.database.db;
  await loadVisibleCustomer(db, deps, actor, customerId, { includeDeleted: true });
  return timelinePage(db, deps, actor, customerId, query);
}

import { sql } from 'kysely';
import type { DedupeEntity } from '@tideline/shared';
import type { Executor } from '../../core/transaction';
import { ENTITY_TABLES } from './dedupe.fields';
import { dedupeDb } from './dedupe.repository';

export interface Moved {
  contacts?: number;
  deals?: number;
  activities?: number;
  tasks?: number;
  tags?: number;
  leads?: number;
}

const count = (r: { numUpdatedRows?: bigint; numInsertedOrUpdatedRows?: bigint } | undefined) =>
  Number(r?.numUpdatedRows ?? r?.numInsertedOrUpdatedRows ?? 0);

/** Point `column` of `table` from any of `from` to `to`. */
async function repoint(
  trx: Executor,
  ws: string,
  table: 'contacts' | 'deals' | 'activities' | 'tasks' | 'leads',
  column: string,
  from: readonly string[],
  to: string,
  now: string | null,
) {
  const set = now ? sql`${sql.ref(column)} = ${to}, updated_at = ${now}` : sql`${sql.ref(column)} = ${to}`;
  const res = await sql`update ${sql.table(table)} set ${set}
    where workspace_id = ${ws} and ${sql.ref(column)} in (${sql.join([...from])})`.execute(trx);
  return Number(res.numAffectedRows ?? 0);
}

/** Tags of the merged records go to the survivor (once each); the merged records keep none. */
async function moveTags(
  trx: Executor,
  ws: string,
  type: DedupeEntity,
  from: readonly string[],
  to: string,
  now: string,
) {
  const tagsOf = async (ids: readonly string[]) =>
    (
      await trx
        .selectFrom('record_tags')
        .select('tag_id')
        .distinct()
        .where('workspace_id', '=', ws)
        .where('record_type', '=', type)
        .where('record_id', 'in', [...ids])
        .execute()
    ).map((r) => r.tag_id);
  const has = new Set(await tagsOf([to]));
  const moving = (await tagsOf(from)).filter((t) => !has.has(t));
  if (moving.length)
    await trx
      .insertInto('record_tags')
      .values(
        moving.map((tag_id) => ({
          workspace_id: ws,
          record_type: type,
          record_id: to,
          tag_id,
          created_at: now,
        })),
      )
      .execute();
  await trx
    .deleteFrom('record_tags')
    .where('workspace_id', '=', ws)
    .where('record_type', '=', type)
    .where('record_id', 'in', [...from])
    .execute();
  return moving.length;
}

/**
 * Move everything that hangs from the merged records to the survivor: a customer's contacts, deals,
 * follow-ups, tasks, tags and the leads converted into it; a contact's deals, follow-ups, tasks and
 * tags; a lead's follow-ups, tasks and tags. Moved primary contacts step down when the survivor has one.
 */
export async function moveChildren(
  trx: Executor,
  ws: string,
  entity: DedupeEntity,
  from: readonly string[],
  to: string,
  now: string,
): Promise<Moved> {
  const tasks = async (type: string) =>
    count(
      await dedupeDb(trx)
        .updateTable('tasks')
        .set({ related_id: to, updated_at: now })
        .where('workspace_id', '=', ws)
        .where('related_type', '=', type)
        .where('related_id', 'in', [...from])
        .executeTakeFirst(),
    );
  if (entity === 'customer') {
    const survivorPrimary = await trx
      .selectFrom('contacts')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('customer_id', '=', to)
      .where('is_primary', '=', 1)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (survivorPrimary)
      await trx
        .updateTable('contacts')
        .set({ is_primary: 0 })
        .where('workspace_id', '=', ws)
        .where('customer_id', 'in', [...from])
        .execute();
    const contacts = await repoint(trx, ws, 'contacts', 'customer_id', from, to, now);
    const deals = await repoint(trx, ws, 'deals', 'customer_id', from, to, now);
    const activities = await repoint(trx, ws, 'activities', 'customer_id', from, to, now);
    await repoint(trx, ws, 'tasks', 'customer_id', from, to, now);
    const related = await tasks('customer');
    const leads = await repoint(trx, ws, 'leads', 'converted_customer_id', from, to, null);
    const tags = await moveTags(trx, ws, 'customer', from, to, now);
    return { contacts, deals, activities, tasks: related, tags, leads };
  }
  if (entity === 'contact') {
    const deals = await repoint(trx, ws, 'deals', 'contact_id', from, to, now);
    const activities = await repoint(trx, ws, 'activities', 'contact_id', from, to, now);
    const related = await tasks('contact');
    const leads = await repoint(trx, ws, 'leads', 'converted_contact_id', from, to, null);
    const tags = await moveTags(trx, ws, 'contact', from, to, now);
    return { deals, activities, tasks: related, tags, leads };
  }
  const activities = await repoint(trx, ws, 'activities', 'lead_id', from, to, now);
  const related = await tasks('lead');
  const tags = await moveTags(trx, ws, 'lead', from, to, now);
  return { activities, tasks: related, tags };
}

/** Soft-delete merged records, pointing each at the survivor. */
export async function markMerged(
  trx: Executor,
  ws: string,
  entity: DedupeEntity,
  ids: readonly string[],
  survivorId: string,
  actorId: string | null,
  now: string,
) {
  await sql`update ${sql.table(ENTITY_TABLES[entity])}
    set deleted_at = ${now}, deleted_by = ${actorId}, merged_into_id = ${survivorId}, updated_at = ${now}
    where workspace_id = ${ws} and id in (${sql.join([...ids])})`.execute(trx);
}

/** The contacts now under a customer (their name keys carry the customer and must be made again). */
export async function contactsOf(trx: Executor, ws: string, customerId: string) {
  return trx
    .selectFrom('contacts')
    .selectAll()
    .where('workspace_id', '=', ws)
    .where('customer_id', '=', customerId)
    .execute();
}

import type { Insertable, Selectable } from 'kysely';
import type { Executor } from '../../core/transaction';
import type { Dialect } from '../../db/dialect/dialect';
import type { BusinessCalendarTable } from '../../db/schema';

export type CalendarRow = Selectable<BusinessCalendarTable>;

export async function findCalendarRow(
  db: Executor,
  workspaceId: string,
  opts: { lock?: Dialect } = {},
): Promise<CalendarRow | undefined> {
  let q = db.selectFrom('business_calendars').selectAll().where('workspace_id', '=', workspaceId);
  if (opts.lock) q = opts.lock.forUpdate(q);
  return q.executeTakeFirst();
}

/** Insert the workspace's calendar or replace the one it has. */
export async function upsertCalendarRow(
  trx: Executor,
  row: Insertable<BusinessCalendarTable>,
): Promise<void> {
  await trx
    .insertInto('business_calendars')
    .values(row)
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({
        definition: row.definition,
        updated_at: row.updated_at,
        updated_by: row.updated_by ?? null,
      }),
    )
    .execute();
}

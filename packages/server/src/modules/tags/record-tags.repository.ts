import type { Executor } from '../../core/transaction';

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

/** Tags of many records at once, for list pages and record views. */
export async function loadTagsFor(trx: Executor, workspaceId: string, recordType: string, ids: readonly string[]) {
  const out = new Map<string, TagRef[]>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom('record_tags as rt')
    .innerJoin('tags as t', (j) => j.onRef('t.workspace_id', '=', 'rt.workspace_id').onRef('t.id', '=', 'rt.tag_id'))
    .select(['rt.record_id', 't.id', 't.name', 't.color'])
    .where('rt.workspace_id', '=', workspaceId)
    .where('rt.record_type', '=', recordType)
    .where('rt.record_id', 'in', ids as string[])
    .orderBy('t.name')
    .execute();
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.color });
    out.set(r.record_id, list);
  }
  return out;
}

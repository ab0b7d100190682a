import type { z } from 'zod';
import type { tagAssignSchema, tagCreateSchema, tagUpdateSchema } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import type { Actor } from '../../core/actor';
import { requirePermission } from '../../core/actor';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import type { Executor } from '../../core/transaction';
import { logChange, logChanges } from '../audit/change-log';
import {
  deleteAssignmentsOfTag,
  deleteRecordTags,
  insertRecordTags,
  loadTagsFor,
} from './record-tags.repository';
import {
  deleteTagRow,
  findTag,
  findTagByName,
  findTags,
  insertTagUnlessNamed,
  listTagRows,
  updateTagRow,
} from './tag.repository';
import type { TagRow } from './tag.repository';
import { findVisibleTargets } from './tag-targets.repository';
import { TAG_WRITE_PERMISSION } from './tag.types';

type TagCreate = z.infer<typeof tagCreateSchema>;
type TagUpdate = z.infer<typeof tagUpdateSchema>;
type TagAssign = z.infer<typeof tagAssignSchema>;

const TAG_AUDITED = ['name', 'color'] as const;

/** Every tag of the workspace, with how many records carry it. Anyone signed in may read tags. */
export async function listTags(deps: AppDeps, actor: Actor) {
  return { items: await listTagRows(deps.database.db, actor.workspaceId) };
}

export async function getTag(deps: AppDeps, actor: Actor, id: string): Promise<TagRow> {
  const row = await findTag(deps.database.db, actor.workspaceId, id);
  if (!row) throw new NotFoundError('tag', id);
  return row;
}

const nameTaken = (name: string) =>
  new ConflictError('tag_name_taken', `A tag named ${name} already exists`, [
    { path: 'name', message: 'a tag with this name already exists', code: 'taken' },
  ]);

async function assertNameFree(trx: Executor, workspaceId: string, name: string, exceptId?: string) {
  const clash = await findTagByName(trx, workspaceId, name, exceptId);
  if (clash) throw nameTaken(clash.name);
}

/**
 * Insert and audit a new tag. Null when a tag of exactly this name exists or is being committed by a
 * transaction racing this one (PostgreSQL waits for it), so neither path ever fails on the constraint.
 */
async function insertNewTag(
  trx: Executor,
  deps: AppDeps,
  actor: Actor,
  name: string,
  color: string,
): Promise<TagRow | null> {
  const now = deps.clock.now().toISOString();
  const row: TagRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    name,
    color: color.toLowerCase(),
    created_at: now,
    updated_at: now,
  };
  if (!(await insertTagUnlessNamed(trx, row))) return null;
  await logChange(trx, deps, actor, {
    entity: 'tag',
    recordId: row.id,
    before: null,
    after: row,
    fields: TAG_AUDITED,
  });
  return row;
}

export async function createTag(
  deps: AppDeps,
  actor: Actor,
  input: TagCreate,
  outer?: Executor,
): Promise<TagRow> {
  requirePermission(actor, 'tags:manage');
  return inTransaction(
    deps,
    async (trx) => {
      await assertNameFree(trx, actor.workspaceId, input.name);
      const row = await insertNewTag(trx, deps, actor, input.name, input.color);
      if (!row) throw nameTaken(input.name);
      return row;
    },
    outer,
  );
}

/**
 * The ids of tags by name, creating the missing ones (automations tag records as a person typing a
 * new tag would). Safe when two runs create the same tag at once: the loser takes the winner's row.
 */
export async function ensureTags(
  deps: AppDeps,
  actor: Actor,
  names: readonly string[],
  trx: Executor,
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const tag = await findTagByName(trx, actor.workspaceId, name);
    if (tag) {
      ids.push(tag.id);
      continue;
    }
    requirePermission(actor, 'tags:manage');
    const created = await insertNewTag(trx, deps, actor, name, '#1677ff');
    const winner = created ?? (await findTagByName(trx, actor.workspaceId, name));
    if (!winner) throw nameTaken(name);
    ids.push(winner.id);
  }
  return ids;
}

export async function updateTag(deps: AppDeps, actor: Actor, id: string, patch: TagUpdate): Promise<TagRow> {
  requirePermission(actor, 'tags:manage');
  return inTransaction(deps, async (trx) => {
    const row = await findTag(trx, actor.workspaceId, id);
    if (!row) throw new NotFoundError('tag', id);
    if (patch.name !== undefined) await assertNameFree(trx, actor.workspaceId, patch.name, id);
    const after: TagRow = {
      ...row,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.color !== undefined ? { color: patch.color.toLowerCase() } : {}),
    };
    const changes = await logChange(trx, deps, actor, {
      entity: 'tag',
      recordId: id,
      before: row,
      after,
      fields: TAG_AUDITED,
    });
    if (Object.keys(changes).length === 0) return row;
    after.updated_at = deps.clock.now().toISOString();
    await updateTagRow(trx, actor.workspaceId, id, {
      name: after.name,
      color: after.color,
      updated_at: after.updated_at,
    });
    return after;
  });
}

/** Delete a tag and take it off every record; the audit entry says how many records carried it. */
export async function deleteTag(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'tags:manage');
  await inTransaction(deps, async (trx) => {
    const row = await findTag(trx, actor.workspaceId, id);
    if (!row) throw new NotFoundError('tag', id);
    const removed = await deleteAssignmentsOfTag(trx, actor.workspaceId, id);
    await deleteTagRow(trx, actor.workspaceId, id);
    await logChange(trx, deps, actor, {
      entity: 'tag',
      recordId: id,
      // `records` tells the audit reader how many records lost this tag with it.
      before: { ...row, records: removed },
      after: null,
      fields: [...TAG_AUDITED, 'records'],
    });
  });
}

/** Each id at most once, keeping the first position for error paths. */
function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Put tags on records, or take them off, in one transaction. Every record must be visible to the
 * actor and writable by them; each record whose tags change gets an audit entry and an
 * `<entity>.updated` event with `changed: ['tags']`.
 */
export async function changeRecordTags(
  deps: AppDeps,
  actor: Actor,
  input: TagAssign,
  mode: 'assign' | 'unassign',
  outer?: Executor,
): Promise<{ updated: number }> {
  requirePermission(actor, TAG_WRITE_PERMISSION[input.record_type]);
  const type = input.record_type;
  return inTransaction(
    deps,
    async (trx) => {
      const ws = actor.workspaceId;
      const tagIds = uniqueIds(input.tag_ids);
      const tags = new Map((await findTags(trx, ws, tagIds)).map((t) => [t.id, t]));
      const issues: FieldIssue[] = [];
      input.tag_ids.forEach((id, i) => {
        if (!tags.has(id))
          issues.push({ path: `tag_ids[${i}]`, message: `no tag with id ${id}`, code: 'not_found' });
      });
      const recordIds = uniqueIds(input.record_ids);
      const targets = new Map((await findVisibleTargets(trx, actor, type, recordIds)).map((r) => [r.id, r]));
      input.record_ids.forEach((id, i) => {
        if (!targets.has(id))
          issues.push({ path: `record_ids[${i}]`, message: `no ${type} with id ${id}`, code: 'not_found' });
      });
      if (issues.length) throw new ValidationError(issues);

      const before = await loadTagsFor(trx, ws, type, recordIds);
      const now = deps.clock.now().toISOString();
      if (mode === 'assign') {
        const rows = recordIds.flatMap((recordId) => {
          const has = new Set((before.get(recordId) ?? []).map((t) => t.id));
          return tagIds
            .filter((t) => !has.has(t))
            .map((tagId) => ({
              workspace_id: ws,
              tag_id: tagId,
              record_type: type,
              record_id: recordId,
              created_at: now,
            }));
        });
        await insertRecordTags(trx, deps.database.dialect, rows);
      } else {
        await deleteRecordTags(trx, deps.database.dialect, ws, type, recordIds, tagIds);
      }
      const after = await loadTagsFor(trx, ws, type, recordIds);
      const names = (m: Map<string, { name: string }[]>, id: string) => (m.get(id) ?? []).map((t) => t.name);
      const diffs = await logChanges(
        trx,
        deps,
        actor,
        recordIds.map((id) => ({
          entity: type,
          recordId: id,
          customerId: targets.get(id)?.customer_id ?? null,
          before: { tags: names(before, id) },
          after: { tags: names(after, id) },
          fields: ['tags'],
        })),
      );
      return { updated: diffs.filter((d) => Object.keys(d).length > 0).length };
    },
    outer,
  );
}

import type { DedupeEntity } from '@tideline/shared';
import type { z } from 'zod';
import type { duplicateBulkMergeSchema, duplicateListQuerySchema } from '@tideline/shared';
import type { Actor } from '../../core/actor';
import { canSeeOwner, requirePermission } from '../../core/actor';
import type { AppDeps } from '../../core/deps';
import { AppError } from '../../core/errors';
import { duplicateRecordRows, ownersOf } from './dedupe.repository';
import type { DuplicateRecordRow } from './dedupe.repository';
import { mergeDuplicates } from './dedupe-merge.service';
import { groupsAt, scanDuplicates } from './dedupe-scan';
import type { GroupMatch, ScanGroup, ScanResult } from './dedupe-scan';
import { cachedScan, forgetScans, keepScan } from './dedupe-scan-cache';

const READ = { customer: 'customers:read', contact: 'contacts:read', lead: 'leads:read' } as const;
/** Groups below this are not kept by a scan; the finder's own default is 0.8. */
const SCAN_FLOOR = 0.6;

async function scanFor(
  deps: AppDeps,
  actor: Actor,
  entity: DedupeEntity,
  refresh: boolean,
): Promise<ScanResult> {
  const now = deps.clock.now().getTime();
  const hit = refresh ? null : cachedScan(actor.workspaceId, entity, now);
  if (hit) return hit;
  const result = await scanDuplicates(deps.database.db, actor.workspaceId, entity, {
    minConfidence: SCAN_FLOOR,
  });
  keepScan(actor.workspaceId, entity, result, now);
  return result;
}

/** The groups as the actor may see them: members outside their data scope left out, groups of one dropped. */
async function visibleGroups(deps: AppDeps, actor: Actor, entity: DedupeEntity, groups: ScanGroup[]) {
  if (actor.visibleOwnerIds === null) return groups;
  const owners = await ownersOf(
    deps.database.db,
    actor.workspaceId,
    entity,
    groups.flatMap((g) => g.record_ids),
  );
  return groups.flatMap((g) => {
    const ids = g.record_ids.filter((id) => owners.has(id) && canSeeOwner(actor, owners.get(id)!));
    if (ids.length < 2) return [];
    const keep = new Set(ids);
    const matches = g.matches
      .map((m) => ({ ...m, record_ids: m.record_ids.filter((id) => keep.has(id)) }))
      .filter((m) => m.record_ids.length >= 2);
    return [{ ...g, record_ids: ids, matches }];
  });
}

export interface DuplicateGroupView {
  /** The group's oldest record: stable while the group lasts. */
  id: string;
  confidence: number;
  matches: GroupMatch[];
  records: DuplicateRecordRow[];
}

/** Records of the page's groups, live ones only; a group that lost all but one since the scan is dropped. */
async function present(deps: AppDeps, actor: Actor, entity: DedupeEntity, groups: ScanGroup[]) {
  const rows = await duplicateRecordRows(
    deps.database.db,
    actor.workspaceId,
    entity,
    groups.flatMap((g) => g.record_ids),
  );
  return groups.flatMap((g): DuplicateGroupView[] => {
    const records = g.record_ids
      .map((id) => rows.get(id))
      .filter((r): r is DuplicateRecordRow => !!r && r.live === 1);
    if (records.length < 2) return [];
    const live = new Set(records.map((r) => r.id));
    const matches = g.matches
      .map((m) => ({ ...m, record_ids: m.record_ids.filter((id) => live.has(id)) }))
      .filter((m) => m.record_ids.length >= 2);
    return [{ id: records[0]!.id, confidence: g.confidence, matches, records }];
  });
}

/**
 * The duplicate finder: groups of records that are probably one, with what they share and a confidence,
 * most certain first, paged. Admins and managers (records:merge) see the groups inside their data scope.
 */
export async function listDuplicates(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof duplicateListQuerySchema>,
) {
  requirePermission(actor, 'records:merge');
  requirePermission(actor, READ[query.entity]);
  const scan = await scanFor(deps, actor, query.entity, query.refresh === 'true');
  const groups = await visibleGroups(deps, actor, query.entity, groupsAt(scan, query.min_confidence));
  const from = Number(query.cursor ?? 0);
  const page = groups.slice(from, from + query.limit);
  const items = await present(deps, actor, query.entity, page);
  const next = from + query.limit < groups.length ? String(from + query.limit) : null;
  return { items, next_cursor: next, total: groups.length, stats: scan.stats };
}

/**
 * Merge every group at or above `min_confidence` (0.95 by default: the same normalised name, code, or a
 * shared phone or e-mail with alike names), each in its own transaction: the oldest record survives and
 * takes the others' values where it has none. Preview (the default) says what would happen.
 */
export async function bulkMergeDuplicates(
  deps: AppDeps,
  actor: Actor,
  input: z.infer<typeof duplicateBulkMergeSchema>,
) {
  requirePermission(actor, 'records:merge');
  requirePermission(actor, READ[input.entity]);
  const scan = await scanFor(deps, actor, input.entity, true);
  const candidates = groupsAt(scan, input.min_confidence);
  // Only groups the actor sees whole: merging part of a group would hide the rest.
  const visible = (await visibleGroups(deps, actor, input.entity, candidates)).filter(
    (g) =>
      g.record_ids.length === candidates.find((c) => c.record_ids[0] === g.record_ids[0])?.record_ids.length,
  );
  const groups = (await present(deps, actor, input.entity, visible.slice(0, input.limit))).map((g) => ({
    survivor_id: g.records[0]!.id,
    merged_ids: g.records.slice(1).map((r) => r.id),
    confidence: g.confidence,
    matches: g.matches,
    names: g.records.map((r) => r.name),
  }));
  if (input.preview) return { preview: true, groups, total: visible.length };
  const merged: typeof groups = [];
  const failed: { survivor_id: string; code: string; message: string }[] = [];
  for (const g of groups) {
    try {
      await mergeDuplicates(deps, actor, {
        entity: input.entity,
        survivor_id: g.survivor_id,
        merged_ids: g.merged_ids,
        fields: {},
      });
      merged.push(g);
    } catch (e) {
      // One group that cannot merge (a record changed meanwhile, a rule refuses) does not stop the rest.
      if (!(e instanceof AppError)) throw e;
      failed.push({ survivor_id: g.survivor_id, code: e.code, message: e.message });
    }
  }
  forgetScans(actor.workspaceId);
  return {
    preview: false,
    merged_groups: merged.length,
    merged_records: merged.reduce((n, g) => n + g.merged_ids.length, 0),
    groups: merged,
    failed,
  };
}

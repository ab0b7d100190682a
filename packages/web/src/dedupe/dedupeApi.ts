import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DedupeEntity, DuplicateRule, DuplicateRules } from '@tideline/shared';
import { api } from '../api/client';

/** One thing a group's records share (see docs/data-quality.md#finder). */
export interface GroupMatch {
  kind: string;
  fields: string[];
  record_ids: string[];
  similarity?: number;
}

/** A record of a duplicate group, as the finder lists it. */
export interface GroupRecord {
  id: string;
  name: string;
  owner_id: string | null;
  owner_name: string | null;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  status: string | null;
  company_name: string | null;
  customer_name: string | null;
  created_at: string;
}

export interface DuplicateGroup {
  id: string;
  confidence: number;
  matches: GroupMatch[];
  records: GroupRecord[];
}

export interface DuplicatePage {
  items: DuplicateGroup[];
  next_cursor: string | null;
  total: number;
}

export interface Moved {
  contacts?: number;
  deals?: number;
  activities?: number;
  tasks?: number;
  tags?: number;
  leads?: number;
}

export interface MergeResult {
  survivor: { id: string; name: string };
  merged_ids: string[];
  moved: Moved;
}

export interface BulkPreview {
  preview: true;
  total: number;
  groups: { survivor_id: string; merged_ids: string[]; confidence: number; names: string[] }[];
}

export interface BulkResult {
  preview: false;
  merged_groups: number;
  merged_records: number;
  failed: { survivor_id: string; code: string; message: string }[];
}

export const PLURAL: Record<DedupeEntity, string> = {
  customer: 'customers',
  contact: 'contacts',
  lead: 'leads',
};

const RULES_KEY = ['duplicate-rules'];

export function useDuplicateRules() {
  return useQuery({ queryKey: RULES_KEY, queryFn: () => api<DuplicateRules>('/settings/duplicate-rules') });
}

export function useSaveDuplicateRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: Record<DedupeEntity, DuplicateRule[]>) =>
      api<DuplicateRules>('/settings/duplicate-rules', { method: 'PUT', body: rules }),
    onSuccess: (saved) => client.setQueryData(RULES_KEY, saved),
  });
}

/**
 * One page of groups. `scan` counts the scans the user started: the first query of each asks the
 * server to scan again (refresh=true) instead of answering from its ten-minute cache.
 */
export function useDuplicateGroups(
  entity: DedupeEntity,
  minConfidence: number,
  cursor: string,
  scan: number,
) {
  return useQuery({
    queryKey: ['duplicates', entity, minConfidence, cursor, scan],
    queryFn: () =>
      api<DuplicatePage>('/duplicates', {
        query: {
          entity,
          min_confidence: minConfidence,
          limit: 20,
          cursor: cursor || undefined,
          refresh: scan > 0 && !cursor ? 'true' : undefined,
        },
      }),
    enabled: scan > 0,
    staleTime: Infinity,
  });
}

export function mergeDuplicates(body: {
  entity: DedupeEntity;
  survivor_id: string;
  merged_ids: string[];
  fields: Record<string, string>;
}) {
  return api<MergeResult>('/duplicates/merge', { method: 'POST', body });
}

export function bulkMerge(entity: DedupeEntity, preview: boolean) {
  return api<BulkPreview | BulkResult>('/duplicates/merge-bulk', {
    method: 'POST',
    body: { entity, preview, min_confidence: 0.95 },
  });
}

/** A whole record, for the merge screen's choice of values. */
export function fetchRecord(entity: DedupeEntity, id: string) {
  return api<Record<string, unknown> & { id: string; custom?: Record<string, unknown> }>(
    `/${PLURAL[entity]}/${id}`,
  );
}

import type { ScanResult } from './dedupe-scan';

const TTL_MS = 10 * 60_000;
const scans = new Map<string, { result: ScanResult; until: number }>();

/**
 * The last scan of a workspace's entity, kept for a few minutes so paging through the finder does not
 * scan again; merges and rule changes drop it (other processes keep theirs until it expires, and pages
 * re-check every record they show).
 */
export function cachedScan(workspaceId: string, entity: string, nowMs: number): ScanResult | null {
  const hit = scans.get(`${workspaceId}:${entity}`);
  return hit && hit.until > nowMs ? hit.result : null;
}

export function keepScan(workspaceId: string, entity: string, result: ScanResult, nowMs: number) {
  if (scans.size > 1_000) scans.clear();
  scans.set(`${workspaceId}:${entity}`, { result, until: nowMs + TTL_MS });
}

export function forgetScans(workspaceId: string) {
  for (const key of scans.keys()) if (key.startsWith(`${workspaceId}:`)) scans.delete(key);
}

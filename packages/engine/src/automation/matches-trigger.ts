import type { AutomationEntity, Trigger } from '@tideline/shared';

/** A domain or client event as the dispatcher reads it from the events table. */
export interface TriggerEvent {
  /** `<entity>.<kind>` for record events (customer.updated, deal.stage_changed); `client.<type>` for client events. */
  type: string;
  entity: string;
  recordId: string;
  payload: Record<string, unknown>;
}

export type TriggerDecision =
  | { match: false }
  /** debounceSeconds > 0: start one run after the burst of edits ends. */
  | { match: true; debounceSeconds: number };

const NO: TriggerDecision = { match: false };
const YES: TriggerDecision = { match: true, debounceSeconds: 0 };

/** Whether an event starts a run of an automation with this trigger. */
export function matchesTrigger(trigger: Trigger, event: TriggerEvent): TriggerDecision {
  const [entity, kind] = splitType(event.type);
  switch (trigger.type) {
    case 'record_created':
      return entity === trigger.entity && kind === 'created' ? YES : NO;
    case 'record_updated': {
      if (entity !== trigger.entity || kind !== 'updated') return NO;
      const changed = asStrings(event.payload.changed);
      const watched = trigger.fields;
      if (watched.length > 0 && !watched.some((f) => changed.includes(f))) return NO;
      if (watched.length === 1 && (trigger.from !== undefined || trigger.to !== undefined)) {
        const change = changeOf(event.payload, watched[0]!);
        if (!change) return NO;
        if (trigger.from !== undefined && !sameValue(change.before, trigger.from)) return NO;
        if (trigger.to !== undefined && !sameValue(change.after, trigger.to)) return NO;
      }
      return { match: true, debounceSeconds: trigger.debounce_seconds };
    }
    case 'stage_changed': {
      if (event.type !== 'deal.stage_changed') return NO;
      const p = event.payload;
      if (trigger.pipeline_id && p.pipeline_id !== trigger.pipeline_id) return NO;
      if (trigger.from_stage_ids.length > 0 && !trigger.from_stage_ids.includes(String(p.from_stage_id)))
        return NO;
      if (trigger.to_stage_ids.length > 0 && !trigger.to_stage_ids.includes(String(p.to_stage_id))) return NO;
      return YES;
    }
    case 'owner_changed':
      return entity === trigger.entity && kind === 'owner_changed' ? YES : NO;
    case 'client_event': {
      if (event.type !== `client.${trigger.event}`) return NO;
      if (trigger.entity && event.entity !== trigger.entity) return NO;
      if (trigger.keywords.length === 0) return YES;
      const text = String(event.payload.text ?? '').toLowerCase();
      return trigger.keywords.some((k) => text.includes(k.toLowerCase())) ? YES : NO;
    }
    // Time triggers are found by sweeps and schedules, webhooks by their own endpoint.
    case 'relative_time':
    case 'schedule':
    case 'webhook':
      return NO;
  }
}

/** The event types an automation with this trigger listens to, for indexing candidates. */
export function triggerEventTypes(trigger: Trigger): string[] {
  switch (trigger.type) {
    case 'record_created':
      return [`${trigger.entity}.created`];
    case 'record_updated':
      return [`${trigger.entity}.updated`];
    case 'stage_changed':
      return ['deal.stage_changed'];
    case 'owner_changed':
      return [`${trigger.entity}.owner_changed`];
    case 'client_event':
      return [`client.${trigger.event}`];
    default:
      return [];
  }
}

function splitType(type: string): [string, string] {
  const dot = type.indexOf('.');
  return dot < 0 ? [type, ''] : [type.slice(0, dot), type.slice(dot + 1)];
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function changeOf(
  payload: Record<string, unknown>,
  field: string,
): { before: unknown; after: unknown } | null {
  const changes = payload.changes as Record<string, { before?: unknown; after?: unknown }> | undefined;
  const c = changes?.[field];
  return c ? { before: c.before ?? null, after: c.after ?? null } : null;
}

/** Loose equality for trigger values: 1 equals '1' equals true-ish 1 from SQLite booleans. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'boolean' || typeof b === 'boolean') return truthy(a) === truthy(b);
  return String(a) === String(b);
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

/** The kind of record a run of this trigger works on; null when runs have no record (webhooks, plain schedules). */
export function triggerEntity(trigger: Trigger): AutomationEntity | null {
  switch (trigger.type) {
    case 'stage_changed':
      return 'deal';
    case 'webhook':
      return null;
    case 'schedule':
    case 'client_event':
      return trigger.entity ?? null;
    default:
      return trigger.entity;
  }
}

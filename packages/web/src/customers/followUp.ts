import type { ActivityKind } from '@tideline/shared';
import type { Customer360, TimelineData, TimelineItem } from './customer360Api';

/** The quick follow-up box's pure parts: the entry shown before the server answers, and cache edits. */

export interface FollowUpInput {
  kind: ActivityKind;
  content: string;
  contact_id?: string | null;
}

/** POST /activities answers with the stored follow-up. */
export interface ActivityView {
  id: string;
  kind: string;
  content: string;
  contact_id: string | null;
  deal_id: string | null;
  lead_id: string | null;
  occurred_at: string;
  author_id: string | null;
  author_name: string | null;
}

/** The entry that stands on the timeline while the follow-up is being saved. */
export function pendingEntry(
  input: FollowUpInput,
  author: { id: string; name: string },
  at: string,
  tempId: string,
): TimelineItem {
  return {
    key: `pending:${tempId}`,
    type: 'activity',
    at,
    actor: author,
    pending: true,
    activity_id: tempId,
    kind: input.kind,
    content: input.content,
    contact_id: input.contact_id ?? null,
    deal_id: null,
    lead_id: null,
  };
}

/** The saved follow-up as a timeline entry. */
export function savedEntry(a: ActivityView): TimelineItem {
  return {
    key: `activity:${a.id}`,
    type: 'activity',
    at: a.occurred_at,
    actor: a.author_id ? { id: a.author_id, name: a.author_name } : null,
    activity_id: a.id,
    kind: a.kind,
    content: a.content,
    contact_id: a.contact_id,
    deal_id: a.deal_id,
    lead_id: a.lead_id,
  };
}

/** Put an entry at the top of the first page (the timeline is newest first). */
export function prependEntry(data: TimelineData | undefined, item: TimelineItem): TimelineData | undefined {
  if (!data) return data;
  const [first, ...rest] = data.pages;
  const page = first ?? { items: [], next_cursor: null };
  return { ...data, pages: [{ ...page, items: [item, ...page.items] }, ...rest] };
}

/** Replace the entry with `key` (null removes it), wherever it is. */
export function replaceEntry(
  data: TimelineData | undefined,
  key: string,
  item: TimelineItem | null,
): TimelineData | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((p) => ({
      ...p,
      items: p.items.flatMap((i) => (i.key === key ? (item ? [item] : []) : [i])),
    })),
  };
}

/** The customer's last-contact date moves forward only, as the server's does. */
export function withLastContact(
  data: Customer360 | undefined,
  at: string | null,
  activities = 0,
): Customer360 | undefined {
  if (!data) return data;
  const current = data.customer.last_contact_at;
  const next = at && (!current || at > current) ? at : current;
  return {
    ...data,
    customer: { ...data.customer, last_contact_at: next },
    counts: { ...data.counts, activities: Math.max(0, data.counts.activities + activities) },
  };
}

/** Put back the last-contact date a refused follow-up had moved. */
export function restoreLastContact(
  data: Customer360 | undefined,
  previous: string | null,
): Customer360 | undefined {
  if (!data) return data;
  return {
    ...data,
    customer: { ...data.customer, last_contact_at: previous },
    counts: { ...data.counts, activities: Math.max(0, data.counts.activities - 1) },
  };
}

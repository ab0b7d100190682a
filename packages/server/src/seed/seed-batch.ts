import { rowsFor } from '../db/bulk-insert';
import type { BulkBatch } from '../db/bulk-insert';
import type { Dialect } from '../db/dialect/dialect';
import { searchGrams } from '../modules/search/search-grams';
import type { Searchable } from '../modules/search/search-grams';
import type { SeedOrg } from './demo-org';
import {
  ACTIVITIES,
  CONTACTS,
  CUSTOMERS,
  DEAL_ITEMS,
  DEALS,
  LEADS,
  RECORD_TAGS,
  SEARCH_GRAMS,
  TASKS,
} from './seed-tables';
import type {
  ActivityInsertRow,
  ContactInsertRow,
  CustomerInsertRow,
  DealInsertRow,
  DealItemInsertRow,
  LeadInsertRow,
  RecordTagInsertRow,
  SearchGramInsertRow,
  TaskInsertRow,
} from './seed-tables';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** How much of everything a workspace gets per customer. */
export interface SeedProfile {
  /** Contacts of one customer, drawn per customer. */
  contacts: readonly (readonly [number, number])[];
  /** Follow-ups of an active customer, uniform in [min, max] (dormant ones get 0–1). */
  activitiesMin: number;
  activitiesMax: number;
  /** Chance of one more follow-up, to fine-tune the mean. */
  activitiesBonus: number;
  dealRate: number;
  /** Share of customers that have no tasks / one / two. */
  tasks: readonly (readonly [number, number])[];
  /** Share of customers that began as a lead converted at their creation. */
  convertedLeadRate: number;
  /** Open leads per customer (in addition to the converted ones). */
  openLeadsPerCustomer: number;
}

/** The demo: rich customers (1–3 contacts, ~4 follow-ups, a deal for half of them). */
export const DEMO_PROFILE: SeedProfile = {
  contacts: [
    [1, 50],
    [2, 35],
    [3, 15],
  ],
  activitiesMin: 2,
  activitiesMax: 7,
  activitiesBonus: 0,
  dealRate: 0.55,
  tasks: [
    [0, 55],
    [1, 30],
    [2, 15],
  ],
  convertedLeadRate: 0.05,
  openLeadsPerCustomer: 0.2,
};

/** Benchmark scale: ~1 contact and ~2 follow-ups per customer, as a large sales team's database holds. */
export const SCALE_PROFILE: SeedProfile = {
  contacts: [
    [1, 92],
    [2, 8],
  ],
  activitiesMin: 1,
  activitiesMax: 3,
  activitiesBonus: 0.12,
  dealRate: 0.3,
  tasks: [
    [0, 82],
    [1, 16],
    [2, 2],
  ],
  convertedLeadRate: 0.03,
  openLeadsPerCustomer: 0.02,
};

/** What every record builder needs to know about the workspace being filled. */
export interface SeedContext {
  org: SeedOrg;
  workspaceId: string;
  dialect: Dialect;
  /** The instant "now" of the seeded world, in ms; all dates are relative to it. */
  now: number;
  seed: number;
  profile: SeedProfile;
}

export const iso = (ms: number): string => new Date(ms).toISOString();
/** The calendar date in Asia/Shanghai (the demo workspace's zone, UTC+8 without DST). */
export const shanghaiDate = (ms: number): string => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

export type SeedEntity = 'customer' | 'contact' | 'lead' | 'deal';

/** Rows of one batch, per table, plus the search grams of the searchable ones. */
export class RowBatch {
  readonly customers: CustomerInsertRow[] = [];
  readonly contacts: ContactInsertRow[] = [];
  readonly leads: LeadInsertRow[] = [];
  readonly deals: DealInsertRow[] = [];
  readonly dealItems: DealItemInsertRow[] = [];
  readonly activities: ActivityInsertRow[] = [];
  readonly tasks: TaskInsertRow[] = [];
  readonly recordTags: RecordTagInsertRow[] = [];
  readonly grams: SearchGramInsertRow[] = [];

  constructor(private readonly workspaceId: string) {}

  /** Index a record with the same values its service indexes (see each module's `searchable`). */
  index(entity: SeedEntity, recordId: string, values: Searchable[]): void {
    for (const gram of searchGrams(values))
      this.grams.push({ workspace_id: this.workspaceId, entity, gram, record_id: recordId });
  }

  /** Business rows: everything except the search index. */
  get businessRows(): number {
    return (
      this.customers.length +
      this.contacts.length +
      this.leads.length +
      this.deals.length +
      this.dealItems.length +
      this.activities.length +
      this.tasks.length +
      this.recordTags.length
    );
  }

  counts(): Record<string, number> {
    return {
      customers: this.customers.length,
      contacts: this.contacts.length,
      leads: this.leads.length,
      deals: this.deals.length,
      deal_items: this.dealItems.length,
      activities: this.activities.length,
      tasks: this.tasks.length,
      record_tags: this.recordTags.length,
      search_grams: this.grams.length,
    };
  }

  /** Parents before children, so the foreign keys hold at every statement. */
  toBulk(): BulkBatch {
    // Follow-ups and tasks are spread over months; in key order they touch fewer index pages.
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    this.activities.sort(byId);
    this.tasks.sort(byId);
    return [
      rowsFor(CUSTOMERS, this.customers),
      rowsFor(CONTACTS, this.contacts),
      rowsFor(DEALS, this.deals),
      rowsFor(DEAL_ITEMS, this.dealItems),
      rowsFor(LEADS, this.leads),
      rowsFor(ACTIVITIES, this.activities),
      rowsFor(TASKS, this.tasks),
      rowsFor(RECORD_TAGS, this.recordTags),
      rowsFor(SEARCH_GRAMS, this.grams),
    ];
  }
}

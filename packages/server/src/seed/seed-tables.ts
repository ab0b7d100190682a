import type { Insertable } from 'kysely';
import { bulkTable } from '../db/bulk-insert';
import type {
  ActivityTable,
  ContactTable,
  CustomerTable,
  DealItemTable,
  DealTable,
  LeadTable,
  RecordTagTable,
  SearchGramTable,
  TaskTable,
} from '../db/schema';

/** The tables the generator streams rows into, each row a plain object of its table's columns. */
export type CustomerInsertRow = Required<Insertable<CustomerTable>>;
export type ContactInsertRow = Required<Insertable<ContactTable>>;
export type LeadInsertRow = Required<Insertable<LeadTable>>;
export type DealInsertRow = Required<Insertable<DealTable>>;
export type DealItemInsertRow = Required<Insertable<DealItemTable>>;
export type ActivityInsertRow = Required<Insertable<ActivityTable>>;
export type TaskInsertRow = Required<Insertable<TaskTable>>;
export type RecordTagInsertRow = Required<Insertable<RecordTagTable>>;
export type SearchGramInsertRow = Required<Insertable<SearchGramTable>>;

const timestamps = ['created_at', 'updated_at'] as const;
const softDelete = ['deleted_at', 'deleted_by'] as const;

export const CUSTOMERS = bulkTable<CustomerInsertRow>('customers', [
  'workspace_id',
  'id',
  'name',
  'industry',
  'region',
  'size',
  'level',
  'source',
  'status',
  'phone',
  'email',
  'website',
  'address',
  'description',
  'owner_id',
  'last_contact_at',
  'last_won_at',
  'last_purchase_at',
  'custom',
  'created_by',
  ...timestamps,
  ...softDelete,
]);

export const CONTACTS = bulkTable<ContactInsertRow>('contacts', [
  'workspace_id',
  'id',
  'customer_id',
  'name',
  'title',
  'mobile',
  'phone',
  'email',
  'wechat',
  'is_primary',
  'notes',
  'custom',
  'created_by',
  ...timestamps,
  ...softDelete,
]);

export const LEADS = bulkTable<LeadInsertRow>('leads', [
  'workspace_id',
  'id',
  'name',
  'company_name',
  'title',
  'mobile',
  'phone',
  'email',
  'source',
  'channel',
  'region',
  'industry',
  'status',
  'grade',
  'score',
  'description',
  'owner_id',
  'custom',
  'converted_customer_id',
  'converted_contact_id',
  'converted_deal_id',
  'converted_at',
  'last_contact_at',
  'created_by',
  ...timestamps,
  ...softDelete,
]);

export const DEALS = bulkTable<DealInsertRow>('deals', [
  'workspace_id',
  'id',
  'name',
  'customer_id',
  'contact_id',
  'pipeline_id',
  'stage_id',
  'status',
  'amount',
  'currency',
  'expected_close_date',
  'stage_entered_at',
  'won_at',
  'lost_at',
  'lost_reason',
  'description',
  'owner_id',
  'custom',
  'created_by',
  ...timestamps,
  ...softDelete,
]);

export const DEAL_ITEMS = bulkTable<DealItemInsertRow>('deal_items', [
  'workspace_id',
  'id',
  'deal_id',
  'product_id',
  'position',
  'quantity',
  'unit_price',
  'discount_percent',
  'amount',
]);

export const ACTIVITIES = bulkTable<ActivityInsertRow>('activities', [
  'workspace_id',
  'id',
  'kind',
  'content',
  'customer_id',
  'contact_id',
  'deal_id',
  'lead_id',
  'occurred_at',
  'author_id',
  ...timestamps,
  ...softDelete,
]);

export const TASKS = bulkTable<TaskInsertRow>('tasks', [
  'workspace_id',
  'id',
  'title',
  'description',
  'assignee_id',
  'due_at',
  'start_at',
  'status',
  'completed_at',
  'related_type',
  'related_id',
  'customer_id',
  'created_by',
  ...timestamps,
  ...softDelete,
]);

export const RECORD_TAGS = bulkTable<RecordTagInsertRow>('record_tags', [
  'workspace_id',
  'record_type',
  'record_id',
  'tag_id',
  'created_at',
]);

export const SEARCH_GRAMS = bulkTable<SearchGramInsertRow>(
  'search_grams',
  ['workspace_id', 'entity', 'gram', 'record_id'],
  ['workspace_id', 'entity', 'gram', 'record_id'],
);

/** Every table a seed writes to (large loads rebuild their secondary indexes at the end). */
export const SEEDED_TABLES = [
  CUSTOMERS,
  CONTACTS,
  LEADS,
  DEALS,
  DEAL_ITEMS,
  ACTIVITIES,
  TASKS,
  RECORD_TAGS,
  SEARCH_GRAMS,
].map((t) => t.name);

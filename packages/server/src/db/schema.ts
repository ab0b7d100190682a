import type { ColumnType, Generated } from 'kysely';
import type { AutomationTables } from './schema-automation';
import type { PoolTables } from './schema-pools';
import type { DedupeTables } from './schema-dedupe';
import type { ImportTables } from './schema-imports';
import type { DistributionTables } from './schema-distribution';
import type { HandoverTables } from './schema-handovers';

/**
 * Row types as the application sees them after the dialect layer normalises drivers:
 * ids are UUID strings, instants are ISO 8601 UTC strings, dates are YYYY-MM-DD, money is an
 * integer of minor units, booleans are 0/1, JSON columns are strings on write and parsed on read.
 */
type Instant = string;
type Json = ColumnType<unknown, string, string>;
type Bool = number;

interface Tenant {
  id: string;
  workspace_id: string;
}
interface Timestamps {
  created_at: Instant;
  updated_at: Instant;
}
interface SoftDelete {
  deleted_at: Instant | null;
  deleted_by: string | null;
}

export interface WorkspaceTable {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
  locale: string;
  created_at: Instant;
}

export interface DepartmentTable extends Tenant, Timestamps {
  name: string;
  parent_id: string | null;
  /** Materialised path of ids, "/root/child/", so "this department and below" is one prefix match. */
  path: string;
  manager_id: string | null;
}

export interface RoleTable extends Tenant, Timestamps {
  key: string;
  name: string;
  permissions: Json;
  data_scope: string;
  is_system: Bool;
}

export interface UserTable extends Tenant, Timestamps {
  email: string;
  name: string;
  phone: string | null;
  password_hash: string;
  status: string;
  role_id: string;
  department_id: string | null;
  manager_id: string | null;
  locale: string;
  failed_logins: number;
  locked_until: Instant | null;
  last_login_at: Instant | null;
  /** On leave until this instant: lead distribution skips the user (docs/pool.md). */
  away_until: Instant | null;
}

export interface SessionTable {
  id: string;
  workspace_id: string;
  user_id: string;
  csrf_token: string;
  created_at: Instant;
  expires_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable extends Tenant {
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  scopes: Json;
  created_at: Instant;
  expires_at: Instant | null;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

export interface LeadTable extends Tenant, Timestamps, SoftDelete {
  name: string;
  company_name: string | null;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  source: string | null;
  channel: string | null;
  region: string | null;
  industry: string | null;
  status: string;
  grade: string | null;
  score: number;
  description: string | null;
  owner_id: string | null;
  custom: Json;
  converted_customer_id: string | null;
  converted_contact_id: string | null;
  converted_deal_id: string | null;
  converted_at: Instant | null;
  last_contact_at: Instant | null;
  created_by: string | null;
}

export interface CustomerTable extends Tenant, Timestamps, SoftDelete {
  name: string;
  industry: string | null;
  region: string | null;
  size: string | null;
  level: string | null;
  source: string | null;
  status: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  description: string | null;
  owner_id: string | null;
  last_contact_at: Instant | null;
  last_won_at: Instant | null;
  last_purchase_at: Instant | null;
  custom: Json;
  created_by: string | null;
}

export interface ContactTable extends Tenant, Timestamps, SoftDelete {
  customer_id: string;
  name: string;
  title: string | null;
  mobile: string | null;
  phone: string | null;
  email: string | null;
  wechat: string | null;
  is_primary: Bool;
  notes: string | null;
  custom: Json;
  created_by: string | null;
}

export interface PipelineTable extends Tenant, Timestamps {
  name: string;
  is_default: Bool;
  position: number;
}

export interface StageTable extends Tenant {
  pipeline_id: string;
  name: string;
  kind: string;
  probability: number;
  position: number;
  /** The stage gate (shared StageGate) or null. */
  gate: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface DealTable extends Tenant, Timestamps, SoftDelete {
  name: string;
  customer_id: string;
  contact_id: string | null;
  pipeline_id: string;
  stage_id: string;
  status: string;
  amount: number;
  currency: string;
  expected_close_date: string | null;
  stage_entered_at: Instant;
  won_at: Instant | null;
  lost_at: Instant | null;
  lost_reason: string | null;
  description: string | null;
  owner_id: string | null;
  custom: Json;
  created_by: string | null;
}

export interface ProductTable extends Tenant, Timestamps, SoftDelete {
  name: string;
  sku: string | null;
  unit: string | null;
  price: number;
  currency: string;
  description: string | null;
  active: Bool;
  custom: Json;
}

export interface DealItemTable extends Tenant {
  deal_id: string;
  product_id: string;
  position: number;
  quantity: number;
  unit_price: number;
  discount_percent: number;
  amount: number;
}

export interface ActivityTable extends Tenant, Timestamps, SoftDelete {
  kind: string;
  content: string;
  customer_id: string | null;
  contact_id: string | null;
  deal_id: string | null;
  lead_id: string | null;
  occurred_at: Instant;
  author_id: string | null;
}

export interface TaskTable extends Tenant, Timestamps, SoftDelete {
  title: string;
  description: string | null;
  assignee_id: string;
  due_at: Instant | null;
  start_at: Instant | null;
  status: string;
  completed_at: Instant | null;
  related_type: string | null;
  related_id: string | null;
  /** The customer this task concerns, derived from the related record; drives the 360° timeline. */
  customer_id: string | null;
  created_by: string | null;
}

export interface TagTable extends Tenant, Timestamps {
  name: string;
  color: string;
}

export interface RecordTagTable {
  workspace_id: string;
  tag_id: string;
  record_type: string;
  record_id: string;
  created_at: Instant;
}

export interface CustomFieldTable extends Tenant, Timestamps {
  entity: string;
  key: string;
  label: string;
  type: string;
  options: Json;
  required: Bool;
  position: number;
}

export interface AuditLogTable extends Tenant {
  actor_type: string;
  actor_id: string | null;
  source: string;
  action: string;
  entity: string;
  record_id: string;
  /** The customer a change belongs to, so the 360° timeline can list changes of its children. */
  customer_id: string | null;
  changes: Json;
  created_at: Instant;
}

export interface EventTable {
  seq: Generated<number>;
  id: string;
  workspace_id: string;
  type: string;
  entity: string;
  record_id: string;
  payload: Json;
  actor_id: string | null;
  source: string;
  depth: number;
  created_at: Instant;
  dispatched_at: Instant | null;
}

export interface SearchGramTable {
  workspace_id: string;
  entity: string;
  gram: string;
  record_id: string;
}

export interface NotificationTable extends Tenant {
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  read_at: Instant | null;
  created_at: Instant;
}

/** A saved list view: filter, sort and columns for one entity; personal or shared with the workspace. */
export interface SavedViewTable extends Tenant, Timestamps {
  owner_id: string;
  entity: string;
  name: string;
  filter: Json;
  sort: string | null;
  columns: Json;
  shared: Bool;
}

/** A workspace's business calendar (工作日历); no row means the built-in China calendar. */
export interface BusinessCalendarTable {
  workspace_id: string;
  definition: Json;
  updated_at: Instant;
  updated_by: string | null;
}

export interface DB
  extends AutomationTables, PoolTables, DedupeTables, DistributionTables, HandoverTables, ImportTables {
  workspaces: WorkspaceTable;
  departments: DepartmentTable;
  roles: RoleTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  leads: LeadTable;
  customers: CustomerTable;
  contacts: ContactTable;
  pipelines: PipelineTable;
  stages: StageTable;
  deals: DealTable;
  products: ProductTable;
  deal_items: DealItemTable;
  activities: ActivityTable;
  tasks: TaskTable;
  tags: TagTable;
  record_tags: RecordTagTable;
  custom_fields: CustomFieldTable;
  audit_log: AuditLogTable;
  events: EventTable;
  search_grams: SearchGramTable;
  notifications: NotificationTable;
  saved_views: SavedViewTable;
  business_calendars: BusinessCalendarTable;
}

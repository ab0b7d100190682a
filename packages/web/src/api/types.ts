import type { CustomFieldType, FilterCondition, Permission, StageGate } from '@tideline/shared';

/** Shapes of API responses the app reads. Request bodies follow the zod schemas in @tideline/shared. */

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
  partial?: boolean;
}

export interface MeUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  locale: string;
  department_id: string | null;
  role_id: string;
}

export interface Me {
  user: MeUser;
  role: { id: string; key: string; name: string; data_scope: string };
  department: { id: string; name: string } | null;
  workspace: { id: string; slug: string; name: string; timezone: string; currency: string; locale: string };
  permissions: Permission[];
  csrf_token: string | null;
}

export interface UserRef {
  id: string;
  name: string;
  email: string;
  status: string;
}

export interface TagRef {
  id: string;
  name: string;
  color: string;
}

export interface Tag extends TagRef {
  records?: number;
}

/** Fields every business record has. */
export interface RecordBase {
  id: string;
  name: string;
  owner_id?: string | null;
  custom?: Record<string, unknown>;
  tags?: TagRef[];
  created_at: string;
  updated_at: string;
  deleted_at?: string | null;
  [field: string]: unknown;
}

export interface Deal extends RecordBase {
  customer_id: string;
  customer_name: string | null;
  stage_name: string | null;
  stage_kind: string | null;
  status: string;
  amount: number;
  currency: string;
  expected_close_date: string | null;
}

export interface Task {
  id: string;
  title: string;
  status: string;
  due_at: string | null;
  assignee_id: string;
  related_type: string | null;
  related_id: string | null;
  customer_id: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  entity: string | null;
  record_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}

export interface CustomFieldDef {
  id: string;
  entity: string;
  key: string;
  label: string;
  type: CustomFieldType;
  options: { value: string; label: string }[];
  required: boolean;
  position: number;
}

export interface SavedView {
  id: string;
  owner_id: string;
  entity: string;
  name: string;
  filter: FilterCondition[];
  sort: string | null;
  columns: string[];
  shared: boolean;
  can_edit: boolean;
}

export interface Stage {
  id: string;
  name: string;
  kind: string;
  probability: number;
  position: number;
  /** Required fields, entry condition and on-entry edits (阶段关卡); null when the stage has none. */
  gate?: StageGate | null;
}

export interface Pipeline {
  id: string;
  name: string;
  is_default: boolean;
  stages: Stage[];
}

export type SearchHit = { id: string; name?: string | null; title?: string | null } & Record<string, unknown>;

export interface SearchResults {
  q: string;
  results: Record<string, SearchHit[]>;
  partial: boolean;
}

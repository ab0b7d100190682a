import { useQuery } from '@tanstack/react-query';
import type { DataScope, Permission } from '@tideline/shared';
import { api } from '../api/client';

/** Shapes the admin endpoints answer with (see packages/server/src/modules/{users,departments,roles,tokens}). */

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  department_id: string | null;
  role_id: string;
  status: 'active' | 'disabled';
  manager_id: string | null;
  locale: 'zh-CN' | 'en-US';
  last_login_at: string | null;
  locked_until: string | null;
  created_at: string;
}

export interface Department {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  manager_id: string | null;
  member_count: number;
  total_member_count: number;
  updated_at: string;
}

export interface Role {
  id: string;
  key: string;
  name: string;
  permissions: Permission[];
  data_scope: DataScope;
  is_system: boolean;
  user_count: number;
  updated_at: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: Permission[];
  user_id: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export const DEPARTMENTS_KEY = ['departments'] as const;
export const ROLES_KEY = ['roles'] as const;

export function useDepartments() {
  return useQuery({
    queryKey: DEPARTMENTS_KEY,
    queryFn: () => api<{ items: Department[] }>('/departments').then((r) => r.items),
  });
}

export function useRoles() {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: () => api<{ items: Role[] }>('/roles').then((r) => r.items),
  });
}

export interface DepartmentNode {
  key: string;
  title: string;
  value: string;
  department: Department;
  disabled?: boolean;
  children: DepartmentNode[];
}

/**
 * The flat list (in path order) as a tree for antd Tree and TreeSelect; `disableUnder` greys out a
 * department and its sub-departments (a department cannot move under itself).
 */
export function departmentTree(departments: Department[], disableUnder?: Department): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of departments) {
    const disabled = disableUnder ? d.path.startsWith(disableUnder.path) : false;
    nodes.set(d.id, { key: d.id, value: d.id, title: d.name, department: d, disabled, children: [] });
  }
  const roots: DepartmentNode[] = [];
  for (const d of departments) {
    const node = nodes.get(d.id)!;
    const parent = d.parent_id ? nodes.get(d.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/**
 * The list as it will be after moving department `id` under `parentId`: the department and its whole
 * subtree get new paths, the way the server rewrites them, so a drag shows its result at once.
 */
export function moveDepartment(departments: Department[], id: string, parentId: string): Department[] {
  const moved = departments.find((d) => d.id === id);
  const parent = departments.find((d) => d.id === parentId);
  if (!moved || !parent || parent.path.startsWith(moved.path)) return departments;
  const newPath = `${parent.path}${id}/`;
  return departments.map((d) => {
    if (!d.path.startsWith(moved.path)) return d;
    const path = newPath + d.path.slice(moved.path.length);
    return d.id === id ? { ...d, parent_id: parentId, path } : { ...d, path };
  });
}

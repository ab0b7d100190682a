import type { RoleKey, DataScope } from './enums';

/**
 * Permission strings are `<resource>:<verb>`. Roles hold a set of them; API tokens hold scopes from
 * the same vocabulary, and a token can do only what both its scopes and its user's role allow.
 */
export const RECORD_RESOURCES = [
  'leads',
  'customers',
  'contacts',
  'deals',
  'products',
  'activities',
  'tasks',
] as const;
export type RecordResource = (typeof RECORD_RESOURCES)[number];

export const PERMISSIONS = [
  ...RECORD_RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`, `${r}:delete`] as const),
  'records:transfer',
  'records:export',
  'tags:manage',
  'pipelines:manage',
  'fields:manage',
  'users:manage',
  'roles:manage',
  'departments:manage',
  'tokens:manage',
  'audit:read',
  'automations:read',
  'automations:manage',
  'pools:manage',
  'records:merge',
  'distribution:manage',
  'imports:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const all = (resources: readonly RecordResource[]): Permission[] =>
  resources.flatMap((r) => [`${r}:read`, `${r}:write`, `${r}:delete`] as Permission[]);

/** The permissions and data scope each built-in role starts with. Admins may edit custom roles. */
export const DEFAULT_ROLES: Record<
  RoleKey,
  { permissions: Permission[]; dataScope: DataScope; name: string }
> = {
  admin: { name: '管理员', permissions: [...PERMISSIONS], dataScope: 'all' },
  manager: {
    name: '销售经理',
    permissions: [
      ...all(RECORD_RESOURCES),
      'records:transfer',
      'records:export',
      'records:merge',
      'imports:run',
      'tags:manage',
      'audit:read',
      'automations:read',
    ],
    dataScope: 'department',
  },
  rep: {
    name: '销售代表',
    permissions: [...all(RECORD_RESOURCES)],
    dataScope: 'own',
  },
  marketing: {
    name: '市场',
    permissions: [
      ...all(['leads', 'activities', 'tasks']),
      'customers:read',
      'contacts:read',
      'products:read',
      'tags:manage',
      'records:export',
    ],
    dataScope: 'all',
  },
  service: {
    name: '客服',
    permissions: [
      'customers:read',
      'contacts:read',
      'contacts:write',
      'deals:read',
      'products:read',
      ...all(['activities', 'tasks']),
    ],
    dataScope: 'department',
  },
  custom: { name: '自定义', permissions: [], dataScope: 'own' },
};

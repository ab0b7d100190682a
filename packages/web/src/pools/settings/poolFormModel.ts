import { ApiError, isApiError } from '../../api/client';
import type { PoolRuleKind, PoolScope } from '@tideline/shared';
import type { Pool, RuleView } from '../poolTypes';

/** The pool editor's form values: members split by kind, levels as rows (the API wants a record). */
export interface RuleFormValues {
  id?: string;
  kind: PoolRuleKind;
  days: number;
  levels: { level: string; days: number }[];
  warn_days: number;
  warn_email: boolean;
  robot_on: boolean;
  warn_robot?: { platform: 'wecom' | 'dingtalk' | 'feishu'; url?: string; secret?: string };
  exempt_locked: boolean;
  exempt_won: boolean;
  exempt_open_deals: boolean;
  enabled: boolean;
}

export interface PoolFormValues {
  name: string;
  description?: string | null;
  scope: PoolScope;
  department_id?: string | null;
  source?: string | null;
  member_users: string[];
  member_departments: string[];
  admin_ids: string[];
  hidden_fields: string[];
  daily_claim_limit?: number | null;
  cooldown_days: number;
  enabled: boolean;
  rules: RuleFormValues[];
}

export const NEW_RULE: RuleFormValues = {
  kind: 'no_follow_up',
  days: 30,
  levels: [],
  warn_days: 3,
  warn_email: false,
  robot_on: false,
  exempt_locked: true,
  exempt_won: false,
  exempt_open_deals: true,
  enabled: true,
};

export const NEW_POOL: PoolFormValues = {
  name: '',
  scope: 'company',
  member_users: [],
  member_departments: [],
  admin_ids: [],
  hidden_fields: ['phone', 'email'],
  daily_claim_limit: null,
  cooldown_days: 7,
  enabled: true,
  rules: [],
};

function ruleToForm(rule: RuleView): RuleFormValues {
  return {
    id: rule.id,
    kind: rule.kind,
    days: rule.days,
    levels: Object.entries(rule.days_by_level).map(([level, days]) => ({ level, days })),
    warn_days: rule.warn_days,
    warn_email: rule.warn_email,
    robot_on: rule.warn_robot !== null,
    ...(rule.warn_robot ? { warn_robot: rule.warn_robot } : {}),
    exempt_locked: rule.exempt_locked,
    exempt_won: rule.exempt_won,
    exempt_open_deals: rule.exempt_open_deals,
    enabled: rule.enabled,
  };
}

export function poolToForm(pool: Pool): PoolFormValues {
  return {
    name: pool.name,
    description: pool.description,
    scope: pool.scope,
    department_id: pool.department_id,
    source: pool.source,
    member_users: pool.members.filter((x) => x.type === 'user').map((x) => x.id),
    member_departments: pool.members.filter((x) => x.type === 'department').map((x) => x.id),
    admin_ids: pool.admins.map((a) => a.id),
    hidden_fields: pool.hidden_fields,
    daily_claim_limit: pool.daily_claim_limit,
    cooldown_days: pool.cooldown_days,
    enabled: pool.enabled,
    rules: pool.rules.map(ruleToForm),
  };
}

/** Form values → the body of POST/PATCH /pools; members in a fixed order so errors map back. */
export function formToBody(v: PoolFormValues) {
  return {
    name: v.name,
    description: v.description || null,
    scope: v.scope,
    department_id: v.scope === 'department' ? (v.department_id ?? null) : null,
    source: v.scope === 'source' ? v.source || null : null,
    members: [
      ...(v.member_users ?? []).map((id) => ({ type: 'user' as const, id })),
      ...(v.member_departments ?? []).map((id) => ({ type: 'department' as const, id })),
    ],
    admin_ids: v.admin_ids ?? [],
    hidden_fields: v.hidden_fields ?? [],
    daily_claim_limit: v.daily_claim_limit ?? null,
    cooldown_days: v.cooldown_days ?? 0,
    enabled: v.enabled,
    rules: (v.rules ?? []).map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      kind: r.kind,
      days: r.days,
      days_by_level: Object.fromEntries((r.levels ?? []).map((l) => [l.level, l.days])),
      warn_days: r.warn_days ?? 0,
      warn_email: r.warn_email ?? false,
      warn_robot:
        r.robot_on && r.warn_robot
          ? {
              platform: r.warn_robot.platform,
              url: r.warn_robot.url ?? '',
              ...(r.warn_robot.secret ? { secret: r.warn_robot.secret } : {}),
            }
          : null,
      exempt_locked: r.exempt_locked,
      exempt_won: r.exempt_won,
      exempt_open_deals: r.exempt_open_deals,
      enabled: r.enabled,
    })),
  };
}

/**
 * The server names fields of the request body (`members[2].id`, `rules[0].days_by_level.高价值`);
 * point them at the form's own fields so each error shows where it can be fixed.
 */
export function formPath(path: string, v: PoolFormValues): string {
  const member = /^members(?:\[(\d+)\])?/.exec(path);
  if (member) {
    const users = (v.member_users ?? []).length;
    if (member[1] === undefined) return 'member_users';
    return Number(member[1]) < users ? 'member_users' : 'member_departments';
  }
  const admin = /^admin_ids\[\d+\]/.exec(path);
  if (admin) return 'admin_ids';
  const level = /^rules\[(\d+)\]\.days_by_level\.(.+)$/.exec(path);
  if (level) {
    const rule = Number(level[1]);
    const row = (v.rules?.[rule]?.levels ?? []).findIndex((l) => l.level === level[2]);
    return row >= 0 ? `rules[${rule}].levels[${row}].days` : `rules[${rule}].days`;
  }
  if (/^rules\[\d+\]\.warn_robot$/.test(path)) return `${path}.url`;
  if (/^hidden_fields\[\d+\]$/.test(path)) return 'hidden_fields';
  return path;
}

export function remapError(error: unknown, v: PoolFormValues): unknown {
  if (!isApiError(error)) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    error.errors.map((e) => ({ ...e, path: formPath(e.path, v) })),
    error.body,
  );
}

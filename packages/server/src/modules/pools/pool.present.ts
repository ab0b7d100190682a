import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import type { PoolRecord, RuleRow } from './pool.repository';
import { reasonText, toRule } from './pool-rules';
import type { Rule } from './pool-rules';

export type RuleView = Omit<Rule, 'workspace_id' | 'pool_id' | 'swept_at' | 'warn_robot'> & {
  /** Only pool admins see the robot's address (it is a credential); members see whether one is set. */
  warn_robot: Rule['warn_robot'] | { platform: string } | null;
  reason: { zh: string; en: string };
};

export type PoolView = PoolRecord & {
  customer_count: number;
  /** Whether the reader administers the pool (sees history, recycle reasons, assigns). */
  is_admin: boolean;
  members: { type: 'user' | 'department'; id: string; name: string | null }[];
  admins: { id: string; name: string | null }[];
  rules: RuleView[];
};

export function presentRule(rule: Rule, admin: boolean): RuleView {
  const { workspace_id: _w, pool_id: _p, swept_at: _s, warn_robot, ...rest } = rule;
  return {
    ...rest,
    warn_robot: warn_robot ? (admin ? warn_robot : { platform: warn_robot.platform }) : null,
    reason: reasonText(rule.kind, rule.days),
  };
}

async function namesOf(trx: Executor, workspaceId: string, table: 'users' | 'departments', ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await trx
    .selectFrom(table)
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function presentPool(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  pool: PoolRecord,
  parts: {
    members: { member_type: string; member_id: string }[];
    admins: { user_id: string }[];
    rules: RuleRow[];
    customerCount: number;
    admin: boolean;
  },
): Promise<PoolView> {
  const userIds = [
    ...parts.members.filter((m) => m.member_type === 'user').map((m) => m.member_id),
    ...parts.admins.map((a) => a.user_id),
  ];
  const deptIds = parts.members.filter((m) => m.member_type === 'department').map((m) => m.member_id);
  const [users, depts] = await Promise.all([
    namesOf(trx, workspaceId, 'users', userIds),
    namesOf(trx, workspaceId, 'departments', deptIds),
  ]);
  return {
    ...pool,
    customer_count: parts.customerCount,
    is_admin: parts.admin,
    members: parts.members.map((m) => ({
      type: m.member_type as 'user' | 'department',
      id: m.member_id,
      name: (m.member_type === 'user' ? users : depts).get(m.member_id) ?? null,
    })),
    admins: parts.admins.map((a) => ({ id: a.user_id, name: users.get(a.user_id) ?? null })),
    rules: parts.rules.map((r) => presentRule(toRule(deps.database.dialect, r), parts.admin)),
  };
}

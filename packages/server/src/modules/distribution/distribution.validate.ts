import { validateCondition } from '@tideline/engine';
import type { ConditionNode, DistributionEntity, DistributionMethod } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import { ValidationError } from '../../core/errors';
import type { FieldIssue } from '../../core/errors';
import type { Executor } from '../../core/transaction';
import { distributionCatalog } from './distribution-fields';
import { departmentExists, loadUsers } from './distribution.repository';

/**
 * Check a rule before it is saved: its conditions against the entity's fields, its method's users,
 * department and table. Every problem is named by its path (`method.user_ids[1]`); nothing is saved
 * while one remains.
 */
export async function validateRule(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  entity: DistributionEntity,
  rule: { conditions?: ConditionNode | null | undefined; method?: DistributionMethod | undefined },
): Promise<void> {
  const errors: FieldIssue[] = [];
  const catalog = await distributionCatalog(deps, workspaceId, entity, trx);
  if (rule.conditions)
    for (const issue of validateCondition(rule.conditions, catalog, 'conditions'))
      errors.push({ path: issue.path, message: issue.message, code: 'invalid_condition' });
  const m = rule.method;
  if (m) {
    const users: { path: string; id: string }[] = [];
    const needUsers = (ids: readonly string[] | undefined, path: string) => {
      if (!ids || ids.length === 0)
        errors.push({ path, message: 'choose at least one user', code: 'required' });
      else {
        ids.forEach((id, i) => users.push({ path: `${path}[${i}]`, id }));
        if (new Set(ids).size !== ids.length)
          errors.push({ path, message: 'a user is listed twice', code: 'duplicate' });
      }
    };
    if (m.type === 'round_robin') {
      if (m.department_id) {
        if (m.user_ids?.length)
          errors.push({
            path: 'method.user_ids',
            message: 'give users or a department, not both',
            code: 'conflict',
          });
        else if (!(await departmentExists(trx, workspaceId, m.department_id)))
          errors.push({ path: 'method.department_id', message: 'no such department', code: 'not_found' });
      } else needUsers(m.user_ids, 'method.user_ids');
    } else if (m.type === 'least_loaded') {
      needUsers(m.user_ids, 'method.user_ids');
      if (m.capacity < 1)
        errors.push({ path: 'method.capacity', message: 'must be at least 1', code: 'too_small' });
    } else if (m.type === 'mapping') {
      if (!(m.field in catalog))
        errors.push({ path: 'method.field', message: `unknown field ${m.field}`, code: 'unknown_field' });
      if (m.table.length === 0)
        errors.push({ path: 'method.table', message: 'add at least one value → user row', code: 'required' });
      const seen = new Set<string>();
      m.table.forEach((row, i) => {
        if (!row.value)
          errors.push({ path: `method.table[${i}].value`, message: 'must not be blank', code: 'required' });
        else if (seen.has(row.value))
          errors.push({ path: `method.table[${i}].value`, message: 'value listed twice', code: 'duplicate' });
        seen.add(row.value);
        users.push({ path: `method.table[${i}].user_id`, id: row.user_id });
      });
    } else if (m.match.length === 0) {
      errors.push({ path: 'method.match', message: 'choose phone, email or company', code: 'required' });
    }
    const known = await loadUsers(
      trx,
      workspaceId,
      users.map((u) => u.id),
    );
    for (const u of users)
      if (!known.has(u.id))
        errors.push({ path: u.path, message: 'no such user in this workspace', code: 'not_found' });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

import type { AppDeps } from '../../core/deps';
import type { Executor } from '../../core/transaction';
import { ValidationError } from '../../core/errors';
import { loadCustomFieldDefs } from './custom-field.repository';
import { validateCustomValues } from './custom-field-values';

/**
 * Validate and merge custom-field input for a write. Throws a ValidationError naming every bad field;
 * returns the object to store.
 */
export async function checkCustomValues(
  trx: Executor,
  deps: AppDeps,
  workspaceId: string,
  entity: string,
  input: Record<string, unknown> | undefined,
  existing: Record<string, unknown> | null,
): Promise<Record<string, unknown>> {
  const defs = await loadCustomFieldDefs(trx, deps.database.dialect, workspaceId, entity);
  const { values, issues, userIds } = validateCustomValues(defs, input, existing);
  if (userIds.length) {
    const found = await trx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where(
        'id',
        'in',
        userIds.map((u) => u.id),
      )
      .execute();
    const ok = new Set(found.map((f) => f.id));
    for (const u of userIds)
      if (!ok.has(u.id))
        issues.push({ path: u.path, message: 'no such user in this workspace', code: 'not_found' });
  }
  if (issues.length) throw new ValidationError(issues);
  return values;
}

import { DEFAULT_ROLES, ROLE_KEYS } from '@tideline/shared';
import type { RoleKey } from '@tideline/shared';
import type { AppDeps } from '../../core/deps';
import { ConflictError, ValidationError } from '../../core/errors';
import { newId } from '../../core/ids';
import { inTransaction } from '../../core/transaction';
import { hashPassword } from '../auth/password';
import { DEFAULT_PIPELINE } from './default-pipeline';

export interface NewWorkspace {
  name: string;
  slug: string;
  timezone?: string;
  currency?: string;
  locale?: 'zh-CN' | 'en-US';
  admin: { email: string; name: string; password: string };
}

export interface CreatedWorkspace {
  workspaceId: string;
  adminUserId: string;
  roleIds: Record<RoleKey, string>;
  rootDepartmentId: string;
  pipelineId: string;
}

/**
 * A new tenant with everything it needs to work on day one: the built-in roles, a root department,
 * its first admin and a default pipeline. One transaction.
 */
export async function createWorkspace(deps: AppDeps, input: NewWorkspace): Promise<CreatedWorkspace> {
  if (!/^[a-z0-9][a-z0-9-]{1,79}$/.test(input.slug)) {
    throw ValidationError.field('slug', 'lower-case letters, digits and dashes, 2 to 80 characters');
  }
  if (input.admin.password.length < 8) throw ValidationError.field('admin.password', 'at least 8 characters');
  const timezone = input.timezone ?? 'Asia/Shanghai';
  if (!Intl.supportedValuesOf('timeZone').includes(timezone) && timezone !== 'UTC') {
    throw ValidationError.field('timezone', 'not a known IANA time zone');
  }
  const passwordHash = await hashPassword(input.admin.password);
  const dialect = deps.database.dialect;
  return inTransaction(deps, async (trx) => {
    const exists = await trx
      .selectFrom('workspaces')
      .select('id')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (exists) throw new ConflictError('workspace_exists', `A workspace named ${input.slug} exists already`);
    const now = deps.clock.now().toISOString();
    const workspaceId = newId();
    await trx
      .insertInto('workspaces')
      .values({
        id: workspaceId,
        slug: input.slug,
        name: input.name,
        timezone,
        currency: input.currency ?? 'CNY',
        locale: input.locale ?? 'zh-CN',
        created_at: now,
      })
      .execute();
    const roleIds = {} as Record<RoleKey, string>;
    for (const key of ROLE_KEYS.filter((k) => k !== 'custom')) {
      const def = DEFAULT_ROLES[key];
      roleIds[key] = newId();
      await trx
        .insertInto('roles')
        .values({
          id: roleIds[key],
          workspace_id: workspaceId,
          key,
          name: def.name,
          permissions: dialect.writeJson(def.permissions),
          data_scope: def.dataScope,
          is_system: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const rootDepartmentId = newId();
    await trx
      .insertInto('departments')
      .values({
        id: rootDepartmentId,
        workspace_id: workspaceId,
        name: input.name,
        parent_id: null,
        path: `/${rootDepartmentId}/`,
        manager_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const adminUserId = newId();
    await trx
      .insertInto('users')
      .values({
        id: adminUserId,
        workspace_id: workspaceId,
        email: input.admin.email.trim().toLowerCase(),
        name: input.admin.name,
        phone: null,
        password_hash: passwordHash,
        status: 'active',
        role_id: roleIds.admin,
        department_id: rootDepartmentId,
        manager_id: null,
        locale: input.locale ?? 'zh-CN',
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const pipelineId = newId();
    await trx
      .insertInto('pipelines')
      .values({
        id: pipelineId,
        workspace_id: workspaceId,
        name: DEFAULT_PIPELINE.name,
        is_default: 1,
        position: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('stages')
      .values(
        DEFAULT_PIPELINE.stages.map((s, i) => ({
          id: newId(),
          workspace_id: workspaceId,
          pipeline_id: pipelineId,
          name: s.name,
          kind: s.kind,
          probability: s.probability,
          position: i,
        })),
      )
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        id: newId(),
        workspace_id: workspaceId,
        actor_type: 'system',
        actor_id: null,
        source: 'system',
        action: 'created',
        entity: 'workspace',
        record_id: workspaceId,
        customer_id: null,
        changes: dialect.writeJson({ name: input.name, slug: input.slug, admin: input.admin.email }),
        created_at: now,
      })
      .execute();
    return { workspaceId, adminUserId, roleIds, rootDepartmentId, pipelineId };
  });
}

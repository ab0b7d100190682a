import type { Command } from 'commander';
import { z } from 'zod';
import { systemActor } from '../core/actor';
import type { AppDeps } from '../core/deps';
import { ValidationError } from '../core/errors';
import { newId } from '../core/ids';
import { inTransaction } from '../core/transaction';
import { insertAudit } from '../modules/audit/audit.repository';
import { hashPassword } from '../modules/auth/password';
import { createWorkspace } from '../modules/workspaces/workspace.service';
import { parseOptions, withContext } from './cli-context';
import type { CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';

const FLAGS = {
  workspace: '--workspace',
  slug: '--workspace',
  email: '--email',
  'admin.email': '--email',
  name: '--name',
  'admin.name': '--name',
  password: '--password',
  'admin.password': '--password',
  workspaceName: '--workspace-name',
};

export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'lower-case letters, digits and dashes, 2 to 80 characters');

const adminSchema = z.object({
  workspace: slugSchema,
  email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  password: z.string().min(8, 'at least 8 characters'),
  workspaceName: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});

export function registerAdminCommand(program: Command, io: CliIo, run: CommandRunner): void {
  const admin = program.command('admin').description('管理员账号 / administrator accounts');
  admin
    .command('create')
    .description('create a workspace with its first admin, or add an admin to an existing workspace')
    .requiredOption('--workspace <slug>', 'workspace slug, e.g. acme')
    .requiredOption('--email <email>', "the admin's e-mail (sign-in name)")
    .requiredOption('--name <name>', "the admin's display name")
    .requiredOption('--password <password>', 'at least 8 characters')
    .option('--workspace-name <name>', 'company name when the workspace is created (default: the slug)')
    .action((options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(adminSchema, options);
        await withContext(io, async ({ deps }) => {
          const ws = await deps.database.db
            .selectFrom('workspaces')
            .select(['id', 'name'])
            .where('slug', '=', input.workspace)
            .executeTakeFirst();
          if (!ws) {
            await createWorkspace(deps, {
              name: input.workspaceName ?? input.workspace,
              slug: input.workspace,
              admin: { email: input.email, name: input.name, password: input.password },
            });
            io.out(
              `已创建工作空间 Created workspace「${input.workspaceName ?? input.workspace}」(${input.workspace})`,
            );
          } else {
            await addAdmin(deps, ws.id, input);
          }
          io.out(`管理员 Admin: ${input.email} (${input.name})`);
        });
      }),
    );
}

/** Add an admin to an existing workspace, in its root department; audited as a system change. */
async function addAdmin(
  deps: AppDeps,
  workspaceId: string,
  input: { email: string; name: string; password: string },
) {
  const passwordHash = await hashPassword(input.password);
  await inTransaction(deps, async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', input.email)
      .executeTakeFirst();
    if (taken)
      throw ValidationError.field(
        'email',
        'a user with this e-mail exists in the workspace already',
        'email_taken',
      );
    const role = await trx
      .selectFrom('roles')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('key', '=', 'admin')
      .executeTakeFirstOrThrow();
    const root = await trx
      .selectFrom('departments')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirst();
    const now = deps.clock.now().toISOString();
    const id = newId();
    await trx
      .insertInto('users')
      .values({
        id,
        workspace_id: workspaceId,
        email: input.email,
        name: input.name,
        phone: null,
        password_hash: passwordHash,
        status: 'active',
        role_id: role.id,
        department_id: root?.id ?? null,
        manager_id: null,
        locale: 'zh-CN',
        failed_logins: 0,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertAudit(trx, deps.database.dialect, systemActor(workspaceId, []), now, [
      {
        action: 'created',
        entity: 'user',
        recordId: id,
        changes: { email: input.email, name: input.name, role: 'admin', via: 'cli' },
      },
    ]);
  });
}

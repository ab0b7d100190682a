import type { Command } from 'commander';
import { z } from 'zod';
import { PERMISSIONS } from '@tideline/shared';
import type { Permission } from '@tideline/shared';
import { NotFoundError } from '../core/errors';
import { loadActor } from '../modules/auth/actor-loader';
import { createToken } from '../modules/tokens/token.service';
import { CliError, parseOptions, withContext } from './cli-context';
import type { CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';
import { slugSchema } from './admin.command';

const FLAGS = { workspace: '--workspace', email: '--email', name: '--name', scopes: '--scopes' };

const tokenSchema = z.object({
  workspace: slugSchema,
  email: z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address')),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  scopes: z
    .array(z.enum(PERMISSIONS, { message: 'not a permission; see `tideline token create --help`' }))
    .min(1, 'name at least one scope')
    .optional(),
});

const splitList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function registerTokenCommand(program: Command, io: CliIo, run: CommandRunner): void {
  const token = program.command('token').description('API 令牌 / API tokens for integrations');
  token
    .command('create')
    .description('create an API token acting as a user; it is printed once and only its hash is kept')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .requiredOption('--email <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ERP sync"')
    .option('--scopes <list>', 'comma-separated permissions (default: everything the user may do)', splitList)
    .addHelpText('after', `\nPermissions: ${PERMISSIONS.join(', ')}`)
    .action((options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(tokenSchema, options);
        await withContext(io, async ({ deps }) => {
          const db = deps.database.db;
          const ws = await db
            .selectFrom('workspaces')
            .select('id')
            .where('slug', '=', input.workspace)
            .executeTakeFirst();
          if (!ws) throw new CliError(`no workspace ${input.workspace} (--workspace)`);
          const user = await db
            .selectFrom('users')
            .select(['id', 'status'])
            .where('workspace_id', '=', ws.id)
            .where('email', '=', input.email)
            .executeTakeFirst();
          if (!user) throw new CliError(`no user ${input.email} in workspace ${input.workspace} (--email)`);
          const actor = await loadActor(db, deps.database.dialect, user.id, ws.id, { source: 'system' });
          if (!actor) throw new NotFoundError('active user', input.email);
          const scopes: Permission[] = input.scopes ?? [...actor.permissions];
          const created = await createToken(deps, actor, { name: input.name, scopes });
          io.out('API 令牌已创建，只显示这一次 / API token created, shown only this once:');
          io.out(created.token);
          io.out(`  名称 name: ${created.name}    用户 user: ${input.email}`);
          io.out(`  权限 scopes: ${created.scopes.join(', ')}`);
          io.out('  使用 use: Authorization: Bearer <token>');
        });
      }),
    );
}

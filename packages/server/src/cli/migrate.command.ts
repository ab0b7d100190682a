import type { Command } from 'commander';
import { MIGRATIONS } from '../db/migrations/index';
import { withContext } from './cli-context';
import type { CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';

export function registerMigrateCommand(program: Command, io: CliIo, run: CommandRunner): void {
  program
    .command('migrate')
    .description('升级数据库结构 / bring the database schema up to date')
    .action(() =>
      run({}, async () => {
        await withContext(io, async ({ config, applied }) => {
          const where = config.databaseUrl ? 'PostgreSQL' : `SQLite ${config.sqlitePath}`;
          if (applied.length === 0) {
            io.out(
              `数据库已是最新 Database is up to date (${where}, ${Object.keys(MIGRATIONS).length} migrations)`,
            );
            return;
          }
          io.out(`已执行迁移 Applied ${applied.length} migration(s) to ${where}:`);
          for (const name of applied) io.out(`  ${name}`);
        });
      }),
    );
}

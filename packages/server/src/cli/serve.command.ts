import type { Command } from 'commander';
import { z } from 'zod';
import { openContext, parseOptions } from './cli-context';
import type { CliContext, CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';
import { startServer } from '../server';
import type { RunningServer } from '../server';
import { DEMO_SLUG, generateWorkspace } from '../seed/generate';
import { demoLoginLines, formatInt, formatSeconds } from './cli-print';

const FLAGS = { port: '--port', host: '--host' };

const serveSchema = z.object({
  demo: z.boolean().default(false),
  port: z.coerce.number().int('must be a whole number').min(0).max(65535).optional(),
  host: z.string().trim().min(1).optional(),
});

/** What `serve` leaves running; `stop` is what SIGINT and SIGTERM call. */
export interface ServeHandle {
  server: RunningServer;
  stop(): Promise<void>;
}

export function registerServeCommand(
  program: Command,
  io: CliIo,
  run: CommandRunner,
  onStarted: (handle: ServeHandle) => void,
): void {
  program
    .command('serve')
    .description('启动服务 / start the HTTP server')
    .option('--demo', 'create the demo company on first start (empty database) and print its sign-ins')
    .option('--port <n>', 'port to listen on (env PORT, default 3000)')
    .option('--host <host>', 'address to bind (env HOST, default 127.0.0.1)')
    .action((options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(serveSchema, options);
        const ctx = await openContext(io, {
          ...(input.port !== undefined ? { port: input.port } : {}),
          ...(input.host ? { host: input.host } : {}),
        });
        try {
          const demo = input.demo ? await ensureDemo(ctx, io) : false;
          const server = await startServer({
            config: ctx.config,
            deps: ctx.deps,
            logger: ctx.config.logLevel !== 'silent',
          });
          const stop = once(async () => {
            io.out('正在停止 Stopping …');
            await server.close();
            await ctx.close();
          });
          printBanner(io, server.url, demo);
          onStarted({ server, stop });
        } catch (error) {
          await ctx.close();
          throw error;
        }
      }),
    );
}

/** Seed the demo company when the database holds no workspace yet; true when the demo workspace exists. */
async function ensureDemo(ctx: CliContext, io: CliIo): Promise<boolean> {
  const db = ctx.deps.database.db;
  const any = await db.selectFrom('workspaces').select(['id', 'slug']).limit(1).execute();
  if (any.length === 0) {
    io.out('首次启动，正在生成演示数据 First start: creating the demo company …');
    const result = await generateWorkspace(ctx.deps.database, { customers: 2000 });
    io.out(`  ${formatInt(result.businessRows)} rows in ${formatSeconds(result.timing.totalMs)}`);
    return true;
  }
  const demo = await db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', DEMO_SLUG)
    .executeTakeFirst();
  return !!demo;
}

function printBanner(io: CliIo, url: string, demo: boolean) {
  io.out('');
  io.out('潮汐 Tideline 已启动 / Tideline is running');
  io.out(`  地址 URL:            ${url}`);
  io.out(`  接口文档 API docs:   ${url}/api/docs`);
  if (demo) for (const line of demoLoginLines(DEMO_SLUG)) io.out(line);
  io.out('按 Ctrl+C 停止 / Press Ctrl+C to stop');
  io.out('');
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}

import type { Command } from 'commander';
import { z } from 'zod';
import { automationDepsFor } from '../app';
import { AutomationWorker } from '../modules/automations/automation-worker';
import { openContext, parseOptions } from './cli-context';
import type { CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';

const FLAGS = { concurrency: '--concurrency', lease: '--lease' };

const workerSchema = z.object({
  concurrency: z.coerce.number().int('must be a whole number').min(1).max(64).default(4),
  drain: z.boolean().default(false),
  lease: z.coerce.number().int('must be a whole number').min(1).max(3600).default(60),
});

/**
 * `tideline worker`: an automation worker without HTTP, for scaling out on PostgreSQL (run several;
 * they share the jobs table). `--drain` works until nothing is due and exits (for scripts).
 */
export function registerWorkerCommand(
  program: Command,
  io: CliIo,
  run: CommandRunner,
  onStarted: (stop: () => Promise<void>) => void,
): void {
  program
    .command('worker')
    .description('运行自动化任务 / run the automation worker')
    .option('--concurrency <n>', 'jobs handled at once (default 4)')
    .option('--drain', 'work until nothing is due, then exit')
    .option(
      '--lease <seconds>',
      "how long a claimed job is this worker's before another may take it over (default 60)",
    )
    .action((options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(workerSchema, options);
        const ctx = await openContext(io, {});
        const automation = automationDepsFor(ctx.deps, ctx.config);
        const worker = new AutomationWorker(automation, {
          concurrency: input.concurrency,
          leaseMs: input.lease * 1000,
          log: (msg, err) => io.err(`${msg}: ${String(err)}`),
        });
        if (input.drain) {
          await worker.drain();
          automation.channels.close();
          await ctx.close();
          return;
        }
        worker.start();
        io.out(`自动化任务已启动 / automation worker ${worker.id} is running`);
        onStarted(async () => {
          await worker.stop();
          automation.channels.close();
          await ctx.close();
        });
      }),
    );
}

import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_SEED, DEMO_NAME, DEMO_SLUG, generateWorkspace } from '../seed/generate';
import type { GenerateResult, SeedProgress } from '../seed/generate';
import { purgeWorkspace } from '../seed/purge-workspace';
import type { Database } from '../db/database';
import { CliError, parseOptions, withContext } from './cli-context';
import type { CliIo } from './cli-context';
import type { CommandRunner } from './command-runner';
import { slugSchema } from './admin.command';
import { demoLoginLines, formatInt, formatSeconds } from './cli-print';

const FLAGS = {
  customers: '--customers',
  seed: '--seed',
  workspace: '--workspace',
  name: '--name',
  slug: '--workspace',
};

const seedSchema = z.object({
  demo: z.literal(true, { message: 'pass --demo: the demo company is the only data set there is' }),
  customers: z.coerce.number().int('must be a whole number').min(0).max(10_000_000).default(2000),
  seed: z.coerce
    .number()
    .int('must be a whole number')
    .min(0)
    .max(2 ** 32 - 1)
    .default(DEFAULT_SEED),
  workspace: slugSchema.default(DEMO_SLUG),
  name: z.string().trim().min(1).max(200).default(DEMO_NAME),
  force: z.boolean().default(false),
});

const PHASES: Record<SeedProgress['phase'], string> = {
  customers: '客户 customers',
  leads: '线索 leads',
  indexes: '建索引 indexing',
};

export function registerSeedCommand(program: Command, io: CliIo, run: CommandRunner): void {
  program
    .command('seed')
    .description('生成演示数据 / fill a new workspace with a deterministic demo company (zh-CN data)')
    .option('--demo', 'generate the demo company 潮汐演示公司')
    .option('--customers <n>', 'how many customers (1,000,000 for the benchmark)', '2000')
    .option('--seed <s>', 'random seed: the same seed gives the same data', String(DEFAULT_SEED))
    .option('--workspace <slug>', 'workspace slug', DEMO_SLUG)
    .option('--name <name>', 'company name', DEMO_NAME)
    .option('--force', 'replace the workspace if it exists already (deletes its data)')
    .action((options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(seedSchema, options);
        await withContext(io, async ({ deps }) => {
          await replaceExisting(deps.database, input.workspace, input.force);
          io.out(
            `生成中 Seeding ${formatInt(input.customers)} customers into「${input.name}」(${input.workspace}), seed ${input.seed} …`,
          );
          const result = await generateWorkspace(deps.database, {
            customers: input.customers,
            seed: input.seed,
            slug: input.workspace,
            name: input.name,
            onProgress: progressPrinter(io),
          });
          for (const line of summaryLines(result)) io.out(line);
        });
      }),
    );
}

async function replaceExisting(database: Database, slug: string, force: boolean) {
  const existing = await database.db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (!existing) return;
  if (!force)
    throw new CliError(`workspace ${slug} exists already; pass --force to replace it (its data is deleted)`);
  await purgeWorkspace(database, existing.id);
}

/** A progress line every two seconds and at the end of each phase, with the rate so far. */
function progressPrinter(io: CliIo): (p: SeedProgress) => void {
  let lastAt = 0;
  return (p) => {
    const now = performance.now();
    if (now - lastAt < 2000 && p.done < p.total && p.phase !== 'indexes') return;
    lastAt = now;
    const what = p.phase === 'indexes' ? '' : ` ${formatInt(p.done)}/${formatInt(p.total)}`;
    io.out(
      `  ${PHASES[p.phase]}${what} · ${formatInt(p.businessRows)} rows + ${formatInt(p.searchGrams)} search grams · ` +
        `${formatInt(p.rowsPerSecond)} rows/s · ${formatSeconds(p.elapsedMs)}`,
    );
  };
}

export function summaryLines(r: GenerateResult): string[] {
  const t = r.timing;
  return [
    `完成 Done in ${formatSeconds(t.totalMs)} (setup ${formatSeconds(t.setupMs)}, rows ${formatSeconds(t.writeMs)}, ` +
      `indexes and commit ${formatSeconds(t.dataMs - t.writeMs)})`,
    ...t.steps.filter((s) => s.ms >= 1000).map((s) => `    ${s.step}: ${formatSeconds(s.ms)}`),
    ...Object.entries(r.counts).map(([table, n]) => `  ${table.padEnd(13)} ${formatInt(n).padStart(12)}`),
    `  业务数据 business rows ${formatInt(r.businessRows)} · ${formatInt(t.businessRowsPerSecond)} rows/s ` +
      `(with search grams ${formatInt(t.rowsPerSecond)} rows/s)`,
    ...demoLoginLines(r.slug),
  ];
}

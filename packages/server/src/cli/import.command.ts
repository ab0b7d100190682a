import { createReadStream, createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { IMPORT_ENTITIES, IMPORT_MODES } from '@tideline/shared';
import type { ImportStart } from '@tideline/shared';
import { JobQueue } from '../jobs/job-queue';
import { loadActor } from '../modules/auth/actor-loader';
import { findImport, findPoolId, findUserId, firstAdminId } from '../modules/imports/import.repository';
import { importReport } from '../modules/imports/import-report';
import { runImport } from '../modules/imports/import-runner';
import { startImport, uploadImport } from '../modules/imports/import.service';
import { CliError, parseOptions, processIo, withContext } from './cli-context';
import type { CliIo } from './cli-context';
import { formatInt } from './cli-print';
import type { CommandRunner } from './command-runner';
import { slugSchema } from './admin.command';

const FLAGS = {
  entity: '--entity',
  workspace: '--workspace',
  mode: '--mode',
  key: '--key',
  ownerEmail: '--owner-email',
  ownerColumn: '--owner-column',
  pool: '--pool',
  map: '--map',
  as: '--as',
  report: '--report',
  mapping: '--map',
  owner: '--owner-email',
};

const importSchema = z.object({
  entity: z.enum(IMPORT_ENTITIES),
  workspace: slugSchema,
  mode: z.enum(IMPORT_MODES).default('create'),
  key: z.string().optional(),
  ownerEmail: z.string().trim().toLowerCase().optional(),
  ownerColumn: z.string().optional(),
  pool: z.string().optional(),
  distribution: z.boolean().default(false),
  map: z.string().optional(),
  as: z.string().trim().toLowerCase().optional(),
  report: z.string().optional(),
});

/** `--map "客户名称=name,手机=phone,备注="`: header=field pairs; an empty field leaves the column out. */
export function parseMap(text: string | undefined): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const pair of (text ?? '').split(',')) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf('=');
    if (at <= 0) throw new CliError(`--map: "${pair}" is not header=field`);
    out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim() || null;
  }
  return out;
}

/** A progress bar on a terminal; plain lines (every 10 %) when the output is a file or a pipe. */
function progressPrinter(io: CliIo, total: number | null) {
  const tty = io === processIo && process.stdout.isTTY;
  let lastTenth = -1;
  return {
    update(done: number) {
      const share = total ? Math.min(1, done / total) : null;
      if (tty) {
        const width = 30;
        const filled = share === null ? 0 : Math.round(share * width);
        const pct = share === null ? '' : ` ${Math.round(share * 100)}%`;
        process.stdout.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${pct} ${formatInt(done)} 行 rows`,
        );
        return;
      }
      const tenth = share === null ? Math.floor(done / 10_000) : Math.floor(share * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.out(`进度 progress: ${formatInt(done)}${total ? ` / ~${formatInt(total)}` : ''} 行 rows`);
      }
    },
    end() {
      if (tty) process.stdout.write('\n');
    },
  };
}

/**
 * `tideline import <file>`: the same import as the web wizard (upload, mapping, checks, batches,
 * report), run in this process with progress on the console. The mapping is the suggested one, with
 * `--map` overriding columns.
 */
export function registerImportCommand(program: Command, io: CliIo, run: CommandRunner): void {
  program
    .command('import')
    .description('导入客户 / 线索 / 联系人 — import customers, leads or contacts from CSV or XLSX')
    .argument('<file>', 'a .csv (UTF-8 or GBK) or .xlsx file')
    .requiredOption('--entity <entity>', 'customer, lead or contact')
    .requiredOption('--workspace <slug>', 'workspace slug')
    .option('--mode <mode>', 'create (default), update or skip_duplicates')
    .option('--key <field>', 'with --mode update: the field that finds each record (e.g. phone)')
    .option('--owner-email <email>', 'owner of every new record (default: the importing admin)')
    .option('--owner-column <header>', 'the column that names each owner (user name or e-mail)')
    .option('--pool <id>', 'put new customers into this public pool (no owner)')
    .option('--distribution', 'let the distribution rules choose owners')
    .option(
      '--map <pairs>',
      'header=field pairs overriding the suggested mapping, e.g. "客户名称=name,备注="',
    )
    .option('--as <email>', 'the user the import runs as (default: the first admin)')
    .option('--report <file.xlsx>', 'write the per-row report here')
    .action((file: string, options: unknown) =>
      run(FLAGS, async () => {
        const input = parseOptions(importSchema, options);
        await withContext(io, async ({ deps, config }) => {
          const db = deps.database.db;
          const ws = await db
            .selectFrom('workspaces')
            .select('id')
            .where('slug', '=', input.workspace)
            .executeTakeFirst();
          if (!ws) throw new CliError(`no workspace with slug ${input.workspace}`);
          const userId = input.as ? await findUserId(db, ws.id, input.as) : await firstAdminId(db, ws.id);
          if (!userId)
            throw new CliError(input.as ? `no active user ${input.as}` : 'the workspace has no active admin');
          const actor = (await loadActor(db, deps.database.dialect, userId, ws.id, { source: 'import' }))!;
          const upload = await uploadImport(
            deps,
            actor,
            { importDir: config.importDir, importMaxBytes: Number.MAX_SAFE_INTEGER },
            { entity: input.entity, filename: basename(file) },
            createReadStream(file),
          );
          io.out(
            `文件 file: ${upload.filename} (${upload.format}${upload.encoding ? `, ${upload.encoding}` : ''})`,
          );
          const mapping = { ...upload.suggested_mapping, ...parseMap(input.map) };
          for (const [header, field] of Object.entries(mapping)) io.out(`  ${header} → ${field ?? '—'}`);
          let owner: ImportStart['owner'] = { from: 'user', user_id: userId };
          if (input.ownerEmail) {
            const id = await findUserId(db, ws.id, input.ownerEmail);
            if (!id) throw new CliError(`--owner-email: no active user ${input.ownerEmail}`);
            owner = { from: 'user', user_id: id };
          } else if (input.ownerColumn) owner = { from: 'column', column: input.ownerColumn };
          else if (input.pool) {
            const id = await findPoolId(db, ws.id, input.pool);
            if (!id) throw new CliError(`--pool: no pool ${input.pool}`);
            owner = { from: 'pool', pool_id: id };
          } else if (input.distribution) owner = { from: 'distribution' };
          const queue = new JobQueue(deps.database, deps.clock);
          const started = await startImport(
            deps,
            queue,
            actor,
            upload.id,
            { mapping, mode: input.mode, ...(input.key ? { key: input.key } : {}), owner },
            { enqueue: false },
          );
          const progress = progressPrinter(io, started.total_rows);
          await runImport(deps, ws.id, upload.id, { onProgress: (n) => progress.update(n) });
          progress.end();
          const done = (await findImport(db, ws.id, upload.id))!;
          io.out(
            `新建 created ${formatInt(done.created)} · 更新 updated ${formatInt(done.updated)} · 跳过 skipped ${formatInt(done.skipped)} · 失败 failed ${formatInt(done.failed)}`,
          );
          if (input.report) {
            const report = await importReport(deps, actor, upload.id);
            await pipeline(report.stream, createWriteStream(input.report));
            io.out(`报告 report: ${input.report}`);
          }
          if (done.status !== 'completed') throw new CliError(`import ${done.status}: ${done.error ?? ''}`);
        });
      }),
    );
}

import { z } from 'zod';
import { loadConfig } from '../config';
import type { Config } from '../config';
import { systemClock } from '../core/clock';
import type { AppDeps } from '../core/deps';
import { AppError, ValidationError } from '../core/errors';
import type { FieldIssue } from '../core/errors';
import { migrateToLatest, openDatabase } from '../db/database';
import { createLocalNotifier } from '../modules/notifications/notification.bus';

/** Where a command writes and which environment it reads; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
};

/** A mistake in how the command was called; printed without a stack trace. */
export class CliError extends Error {}

export interface CliContext {
  config: Config;
  deps: AppDeps;
  /** Migrations applied by this run, in order. */
  applied: string[];
  close(): Promise<void>;
}

/** Open the configured database (DATABASE_URL → PostgreSQL, else SQLite) and bring its schema up to date. */
export async function openContext(io: CliIo, overrides: Partial<Config> = {}): Promise<CliContext> {
  const config = { ...loadConfig(io.env), ...overrides };
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqlitePath: config.sqlitePath,
    poolSize: config.pgPoolSize,
  });
  try {
    const applied = await migrateToLatest(database);
    const deps: AppDeps = { database, clock: systemClock, notifier: createLocalNotifier() };
    return { config, deps, applied, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Run `fn` with an open context and close the database afterwards, whatever happens. */
export async function withContext<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(io);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Check options with a zod schema; a bad option becomes a ValidationError on the option's field. */
export function parseOptions<T extends z.ZodType>(schema: T, options: unknown): z.infer<T> {
  const result = schema.safeParse(options);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({
      path: i.path
        .map((k, n) => (typeof k === 'number' ? `[${k}]` : n ? `.${String(k)}` : String(k)))
        .join(''),
      message: i.message,
    })),
    'Invalid options',
  );
}

/**
 * The lines to print for an error: validation issues name the command-line option (`--email`), not
 * the service's field (`admin.email`), so the user knows what to fix.
 */
export function describeError(error: unknown, flags: Record<string, string>): string[] {
  if (error instanceof CliError) return [`错误 error: ${error.message}`];
  if (error instanceof ValidationError) {
    return [
      `错误 error: ${error.message}`,
      ...error.fields.map((f) => `  ${flagOf(f, flags)}: ${f.message}`),
    ];
  }
  if (error instanceof AppError) return [`错误 error: ${error.message} (${error.code})`];
  if (error instanceof z.ZodError) {
    return [
      '错误 error: invalid configuration',
      ...error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`),
    ];
  }
  const message = error instanceof Error ? error.message : String(error);
  return [`错误 error: ${message}`];
}

function flagOf(issue: FieldIssue, flags: Record<string, string>): string {
  const keys = Object.keys(flags).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    if (issue.path === key) return flags[key]!;
    if (issue.path.startsWith(`${key}.`) || issue.path.startsWith(`${key}[`)) {
      return flags[key]! + issue.path.slice(key.length);
    }
  }
  return issue.path || '(options)';
}

import { Command, CommanderError } from 'commander';
import { processIo } from './cli-context';
import type { CliIo } from './cli-context';
import { commandRunner } from './command-runner';
import { registerAdminCommand } from './admin.command';
import { registerMigrateCommand } from './migrate.command';
import { registerSeedCommand } from './seed.command';
import { registerServeCommand } from './serve.command';
import type { ServeHandle } from './serve.command';
import { registerTokenCommand } from './token.command';
import { registerWorkerCommand } from './worker.command';
import { registerImportCommand } from './import.command';

export interface CliResult {
  exitCode: number;
  /** Set when `serve` started a server that keeps running. */
  serving?: ServeHandle;
  /** Set when `worker` started a worker that keeps running. */
  working?: { stop(): Promise<void> };
}

/** Parse and run one command line (without `node` and the script); never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<CliResult> {
  const state: CliResult = { exitCode: 0 };
  const run = commandRunner(io, state);
  const program = new Command()
    .name('tideline')
    .description('潮汐 Tideline — self-hostable sales CRM')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  // Subcommands inherit exitOverride and the output from here, so usage errors come back as exit codes.
  registerServeCommand(program, io, run, (handle) => (state.serving = handle));
  registerMigrateCommand(program, io, run);
  registerSeedCommand(program, io, run);
  registerAdminCommand(program, io, run);
  registerTokenCommand(program, io, run);
  registerWorkerCommand(program, io, run, (stop) => (state.working = { stop }));
  registerImportCommand(program, io, run);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode };
    throw error;
  }
  return state;
}

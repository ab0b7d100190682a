import { describeError } from './cli-context';
import type { CliIo } from './cli-context';

/** Runs a command's body; failures are printed (options named by their flags) and set exit code 1. */
export type CommandRunner = (flags: Record<string, string>, body: () => Promise<void>) => Promise<void>;

export function commandRunner(io: CliIo, state: { exitCode: number }): CommandRunner {
  return async (flags, body) => {
    try {
      await body();
    } catch (error) {
      for (const line of describeError(error, flags)) io.err(line);
      if (io.env.TIDELINE_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
      state.exitCode = 1;
    }
  };
}

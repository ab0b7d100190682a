import { runCli } from './program';

/** The `tideline` command: serve, worker, migrate, seed, admin create, token create. */
const result = await runCli(process.argv.slice(2));
const running = result.serving ?? result.working;
if (running) {
  const { stop } = running;
  const shutdown = () => {
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} else {
  process.exitCode = result.exitCode;
}

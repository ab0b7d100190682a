import { runCli } from './program';

/** The `tideline` command: serve, migrate, seed, admin create, token create. */
const result = await runCli(process.argv.slice(2));
if (result.serving) {
  const { stop } = result.serving;
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

import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { automationDepsFor, buildApp } from './app';
import { AutomationWorker } from './modules/automations/automation-worker';
import type { Config } from './config';
import type { AppDeps } from './core/deps';
import { registerWebApp } from './http/static.plugin';
import { withTestClock } from './core/test-clock';
import { refreshSqliteStatistics } from './db/database';

/** Where `npm run build -w packages/web` puts the single-page app. */
const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  app: FastifyInstance;
  /** Where a browser on this machine reaches the server. */
  url: string;
  /** Stop taking requests, finish the ones in flight and close the app (not the database). */
  close(): Promise<void>;
}

/** Build the app and listen on the configured host and port (port 0 picks a free one). */
export async function startServer(opts: {
  config: Config;
  deps: AppDeps;
  logger?: boolean;
}): Promise<RunningServer> {
  // Journeys move time (TIDELINE_TEST_CLOCK=1); every other server runs on the clock it was given.
  const deps = opts.config.testClock ? withTestClock(opts.deps) : opts.deps;
  const automation = automationDepsFor(deps, opts.config);
  const app = await buildApp({
    deps,
    config: opts.config,
    logger: opts.logger ?? false,
    automation,
  });
  // On SQLite the one process also runs the automation worker; on PostgreSQL it may be left to
  // separate `tideline worker` processes (TIDELINE_WORKER=0).
  const worker = opts.config.inProcessWorker
    ? new AutomationWorker(automation, { log: (msg, err) => app.log.error({ err }, msg) })
    : null;
  // SQLite plans well only with statistics that fit the data (refreshSqliteStatistics says why).
  const optimize =
    deps.database.dialect.kind === 'sqlite'
      ? setInterval(() => void refreshSqliteStatistics(deps.database, false).catch(() => {}), 3_600_000)
      : null;
  optimize?.unref();
  app.addHook('onClose', async () => {
    if (optimize) clearInterval(optimize);
    await worker?.stop();
    automation.channels.close();
  });
  // The API runs alone when the web app has not been built (development, API-only deployments).
  await registerWebApp(app, WEB_DIST);
  await app.listen({ port: opts.config.port, host: opts.config.host });
  worker?.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.config.port;
  return { app, url: `http://${browserHost(opts.config.host)}:${port}`, close: () => app.close() };
}

/** A wildcard bind address is not somewhere to browse to; localhost is. */
function browserHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

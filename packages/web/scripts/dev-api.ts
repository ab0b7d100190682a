// Development only: run the API with seeded demo data and (when built) the web app, until the
// `tideline serve --demo` command exists. `npx tsx packages/web/scripts/dev-api.ts` from the root.
// Env: TIDELINE_SQLITE_PATH (default /tmp/web-dev.db), PORT (default 3100), DEMO_CUSTOMERS (300).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { systemClock } from '../../server/src/core/clock';
import { migrateToLatest, openDatabase } from '../../server/src/db/database';
import { registerWebApp } from '../../server/src/http/static.plugin';
import { createLocalNotifier } from '../../server/src/modules/notifications/notification.bus';

const config = loadConfig({
  ...process.env,
  PORT: process.env.PORT ?? '3100',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
const database = openDatabase({ sqlitePath: process.env.TIDELINE_SQLITE_PATH ?? '/tmp/web-dev.db' });
await migrateToLatest(database);
const exists = await database.db
  .selectFrom('workspaces')
  .select('id')
  .where('slug', '=', 'demo')
  .executeTakeFirst();
if (!exists) {
  // Loaded only when needed, so an existing database starts even while the seeder is being changed.
  const { generateWorkspace } = await import('../../server/src/seed/generate');
  const result = await generateWorkspace(database, { customers: Number(process.env.DEMO_CUSTOMERS ?? 300) });
  console.log('seeded demo workspace:', result.counts);
  for (const l of result.logins.slice(0, 4)) console.log(`  ${l.role.padEnd(9)} ${l.email} / ${l.password}`);
}
const app = await buildApp({
  deps: { database, clock: systemClock, notifier: createLocalNotifier() },
  config,
  logger: true,
});
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
console.log('web app served from dist:', await registerWebApp(app, dist));
await app.listen({ port: config.port, host: config.host });
console.log(`listening on http://${config.host}:${config.port}`);

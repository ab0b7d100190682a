import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './core/deps';
import type { Config } from './config';
import { registerErrorHandling } from './http/problem';
import { ActorCache, registerAuth } from './http/auth.plugin';
import { ROUTE_MODULES } from './http/routes';
import { createChannels } from './channels/channels';
import { JobQueue } from './jobs/job-queue';
import type { AutomationDeps } from './modules/automations/run-context';
import { registerTestClockRoutes } from './core/test-clock';

export interface BuildAppOptions {
  deps: AppDeps;
  config: Config;
  logger?: boolean;
  /** The automation runtime's dependencies; made from deps and config when not given. */
  automation?: AutomationDeps;
}

/** The queue and outbound channels automations use, next to the app's own dependencies. */
export function automationDepsFor(deps: AppDeps, config: Config): AutomationDeps {
  return { ...deps, channels: createChannels(config), queue: new JobQueue(deps.database, deps.clock) };
}

/** The HTTP application: plugins, error handling, authentication and every module's routes. */
export async function buildApp({
  deps,
  config,
  logger,
  automation,
}: BuildAppOptions): Promise<FastifyInstance> {
  const auto = automation ?? automationDepsFor(deps, config);
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  // Responses are plain JSON; schemas for them are documentation only.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  registerErrorHandling(app);
  if (!automation) app.addHook('onClose', async () => auto.channels.close());

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tideline API',
        version: '1',
        description:
          'Sales-automation CRM. Errors are RFC 9457 problem+json with a stable `code` and an `errors` list naming each bad field. Authenticate with the session cookie (and the X-CSRF-Token header on writes) or `Authorization: Bearer <API token>`.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
  app.get('/api/health', { config: { public: true }, schema: { hide: true } }, () => ({ ok: true }));

  const actorCache = new ActorCache();
  await app.register(
    async (api) => {
      registerAuth(api, deps, actorCache);
      for (const routes of ROUTE_MODULES) await routes(api, { deps, config, actorCache, automation: auto });
      // Journeys only (TIDELINE_TEST_CLOCK=1); absent from every other server.
      if (config.testClock) registerTestClockRoutes(api, auto);
    },
    { prefix: '/api/v1' },
  );
  return app;
}

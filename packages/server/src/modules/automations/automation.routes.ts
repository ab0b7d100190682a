import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  AUTOMATION_ENTITIES,
  RUN_STATUSES,
  automationCreateSchema,
  automationDefinitionSchema,
  automationUpdateSchema,
  clientEventSchema,
  idSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { requirePermission } from '../../core/actor';
import {
  createAutomation,
  deleteAutomation,
  getAutomation,
  listAutomations,
  updateAutomation,
} from './automation.service';
import { dryRun, getRun, listRuns, retryRuns } from './automation-run.service';
import { installTemplate, listTemplates } from './automation-template.service';
import { templateParamsSchema } from './automation.templates';
import { automationCatalog } from './automation.catalog';
import { ingestClientEvent, receiveWebhook } from './client-event.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['automations'];

export function automationRoutes(fastify: FastifyInstance, { deps, automation }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/automations', { schema: { tags, summary: 'List automations with their health' } }, (req) =>
    listAutomations(deps, actorOf(req)),
  );
  app.post(
    '/automations',
    { schema: { tags, summary: 'Create an automation (version 1)', body: automationCreateSchema } },
    async (req, reply) => reply.code(201).send(await createAutomation(deps, actorOf(req), req.body)),
  );
  app.get(
    '/automations/catalog',
    {
      schema: {
        tags,
        summary: 'Fields an automation can read and write for an entity',
        querystring: z.strictObject({ entity: z.enum(AUTOMATION_ENTITIES) }),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'automations:read');
      return { fields: await automationCatalog(deps, actor.workspaceId, req.query.entity) };
    },
  );
  app.get(
    '/automations/:id',
    { schema: { tags, summary: 'Get an automation with its versions', params: idParams } },
    (req) => getAutomation(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/automations/:id',
    {
      schema: {
        tags,
        summary: 'Update an automation; a changed definition becomes a new version',
        params: idParams,
        body: automationUpdateSchema,
      },
    },
    (req) => updateAutomation(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/automations/:id',
    { schema: { tags, summary: 'Delete an automation', params: idParams } },
    async (req, reply) => {
      await deleteAutomation(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/automations/dry-run',
    {
      schema: {
        tags,
        summary: 'Test a saved or draft automation against a record without doing anything',
        body: z.strictObject({
          automation_id: idSchema.optional(),
          definition: automationDefinitionSchema.optional(),
          record_id: idSchema.optional(),
        }),
      },
    },
    (req) => dryRun(automation, actorOf(req), req.body),
  );
  app.get(
    '/automation-runs',
    {
      schema: {
        tags,
        summary: 'Runs, newest first',
        querystring: z.strictObject({
          automation_id: idSchema.optional(),
          status: z.enum(RUN_STATUSES).optional(),
          cursor: idSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    (req) => listRuns(automation, actorOf(req), req.query),
  );
  app.get(
    '/automation-runs/:id',
    { schema: { tags, summary: 'A run with every step', params: idParams } },
    (req) => getRun(automation, actorOf(req), req.params.id),
  );
  app.post(
    '/automation-runs/retry',
    {
      schema: {
        tags,
        summary: 'Retry failed runs from the step that failed',
        body: z.strictObject({ ids: z.array(idSchema).min(1).max(500) }),
      },
    },
    (req) => retryRuns(automation, actorOf(req), req.body.ids),
  );
  app.get('/automation-templates', { schema: { tags, summary: 'Ready-made automations' } }, (req) =>
    listTemplates(actorOf(req)),
  );
  app.post(
    '/automation-templates/:key/install',
    {
      schema: {
        tags,
        summary: 'Create an automation from a template',
        params: z.strictObject({ key: z.string().min(1).max(60) }),
        body: z.strictObject({
          name: z.string().trim().min(1).max(200).optional(),
          enabled: z.boolean().optional(),
          params: templateParamsSchema.default({}),
        }),
      },
    },
    async (req, reply) =>
      reply.code(201).send(await installTemplate(deps, actorOf(req), req.params.key, req.body)),
  );
  app.post(
    '/events',
    {
      schema: {
        tags,
        summary:
          'Ingest a client or channel event (email opened, link clicked, form submitted, message received)',
        body: clientEventSchema,
      },
    },
    async (req, reply) => reply.code(202).send(await ingestClientEvent(automation, actorOf(req), req.body)),
  );
  app.post(
    '/hooks/automations/:id/:secret',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Inbound webhook that starts an automation run (the address is the credential)',
        params: z.strictObject({ id: idSchema, secret: z.string().min(10).max(100) }),
      },
    },
    async (req, reply) => {
      const delivery = req.headers['x-delivery-id'];
      const result = await receiveWebhook(
        automation,
        req.params.id,
        req.params.secret,
        req.body ?? null,
        typeof delivery === 'string' ? delivery.slice(0, 100) : undefined,
      );
      return reply.code(202).send(result);
    },
  );
}

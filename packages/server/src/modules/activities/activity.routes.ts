import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { activityCreateSchema, activityUpdateSchema, idSchema, listQuerySchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activity.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['activities'];

export function activityRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/activities',
    { schema: { tags, summary: 'List follow-ups', querystring: listQuerySchema } },
    (req) => listActivities(deps, actorOf(req), req.query),
  );
  app.post(
    '/activities',
    {
      schema: {
        tags,
        summary: 'Log a follow-up (moves the last contact date forward)',
        body: activityCreateSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await createActivity(deps, actorOf(req), req.body)),
  );
  app.get('/activities/:id', { schema: { tags, summary: 'Get a follow-up', params: idParams } }, (req) =>
    getActivity(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/activities/:id',
    { schema: { tags, summary: 'Edit a follow-up', params: idParams, body: activityUpdateSchema } },
    (req) => updateActivity(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/activities/:id',
    { schema: { tags, summary: 'Delete a follow-up', params: idParams } },
    async (req, reply) => {
      await deleteActivity(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}

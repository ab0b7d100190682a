import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { viewCreateSchema, viewListQuerySchema, viewUpdateSchema } from './view.schemas';
import { createView, deleteView, getView, listViews, updateView } from './view.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['views'];

/** Saved list views: personal to their owner, or shared with the workspace by those who manage it. */
export function viewRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/views',
    {
      schema: {
        tags,
        summary: "My saved views of an entity's list and the workspace's shared ones",
        querystring: viewListQuerySchema,
      },
    },
    (req) => listViews(deps, actorOf(req), req.query.entity),
  );
  app.post(
    '/views',
    {
      schema: {
        tags,
        summary: 'Save a view (shared: true needs a manage permission)',
        body: viewCreateSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await createView(deps, actorOf(req), req.body)),
  );
  app.get('/views/:id', { schema: { tags, summary: 'Get a saved view', params: idParams } }, (req) =>
    getView(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/views/:id',
    { schema: { tags, summary: 'Change a saved view', params: idParams, body: viewUpdateSchema } },
    (req) => updateView(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/views/:id',
    { schema: { tags, summary: 'Delete a saved view', params: idParams } },
    async (req, reply) => {
      await deleteView(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}

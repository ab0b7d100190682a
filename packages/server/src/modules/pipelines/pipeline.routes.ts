import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, listQuerySchema, pipelineCreateSchema, pipelineUpdateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { pipelineBoard } from '../deals/deal-board.service';
import {
  createPipeline,
  deletePipeline,
  getPipeline,
  listPipelines,
  updatePipeline,
} from './pipeline.service';

const idParams = z.strictObject({ id: idSchema });
const boardQuery = z.strictObject({
  filter: listQuerySchema.shape.filter,
  per_stage: z.coerce.number().int().min(1).max(200).default(50),
});
const tags = ['pipelines'];

export function pipelineRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/pipelines', { schema: { tags, summary: 'List pipelines with their stages' } }, async (req) => ({
    items: await listPipelines(deps, actorOf(req)),
  }));
  app.post(
    '/pipelines',
    { schema: { tags, summary: 'Create a pipeline', body: pipelineCreateSchema } },
    async (req, reply) => reply.code(201).send(await createPipeline(deps, actorOf(req), req.body)),
  );
  app.get('/pipelines/:id', { schema: { tags, summary: 'Get a pipeline', params: idParams } }, (req) =>
    getPipeline(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/pipelines/:id',
    {
      schema: {
        tags,
        summary: 'Rename, make default or replace the ordered stage list (stages keep their id when given)',
        params: idParams,
        body: pipelineUpdateSchema,
      },
    },
    (req) => updatePipeline(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/pipelines/:id',
    { schema: { tags, summary: 'Delete a pipeline without deals', params: idParams } },
    async (req, reply) => {
      await deletePipeline(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/pipelines/:id/board',
    {
      schema: {
        tags: [...tags, 'deals'],
        summary:
          'The board: per stage, count, amount, weighted amount and the first deals (latest entered first)',
        params: idParams,
        querystring: boardQuery,
      },
    },
    (req) => pipelineBoard(deps, actorOf(req), req.params.id, req.query),
  );
}

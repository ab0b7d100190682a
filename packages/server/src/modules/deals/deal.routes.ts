import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkIdsSchema,
  dealCreateSchema,
  dealItemsReplaceSchema,
  dealUpdateSchema,
  idSchema,
  listQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  bulkUpdateDeals,
  createDeal,
  deleteDeal,
  getDeal,
  listDeals,
  restoreDeal,
  updateDeal,
} from './deal.service';
import { replaceDealItems } from './deal-items.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['deals'];

export function dealRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/deals', { schema: { tags, summary: 'List deals', querystring: listQuerySchema } }, (req) =>
    listDeals(deps, actorOf(req), req.query),
  );
  app.post(
    '/deals',
    { schema: { tags, summary: 'Create a deal', body: dealCreateSchema } },
    async (req, reply) => reply.code(201).send(await createDeal(deps, actorOf(req), req.body)),
  );
  app.get(
    '/deals/:id',
    { schema: { tags, summary: 'Get a deal with its line items', params: idParams } },
    (req) => getDeal(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/deals/:id',
    {
      schema: {
        tags,
        summary: 'Update a deal or move it to another stage',
        params: idParams,
        body: dealUpdateSchema,
      },
    },
    (req) => updateDeal(deps, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/deals/bulk-update',
    {
      schema: {
        tags,
        summary: 'Apply one patch to many deals (e.g. move them to a stage); all or nothing',
        body: bulkIdsSchema.extend({ patch: dealUpdateSchema }),
      },
    },
    (req) => bulkUpdateDeals(deps, actorOf(req), req.body.ids, req.body.patch),
  );
  app.put(
    '/deals/:id/items',
    {
      schema: {
        tags,
        summary: 'Replace the line items of a deal',
        params: idParams,
        body: dealItemsReplaceSchema,
      },
    },
    (req) => replaceDealItems(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/deals/:id',
    { schema: { tags, summary: 'Delete a deal (restorable)', params: idParams } },
    async (req, reply) => {
      await deleteDeal(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/deals/:id/restore',
    { schema: { tags, summary: 'Restore a deleted deal', params: idParams } },
    async (req) => {
      await restoreDeal(deps, actorOf(req), req.params.id);
      return getDeal(deps, actorOf(req), req.params.id);
    },
  );
}

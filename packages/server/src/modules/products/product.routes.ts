import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkIdsSchema,
  productCreateSchema,
  productUpdateSchema,
  idSchema,
  listQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  bulkUpdateProducts,
  createProduct,
  deleteProduct,
  deleteProducts,
  getProduct,
  listProducts,
  restoreProduct,
  restoreProducts,
  updateProduct,
} from './product.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['products'];

export function productRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/products', { schema: { tags, summary: 'List products', querystring: listQuerySchema } }, (req) =>
    listProducts(deps, actorOf(req), req.query),
  );
  app.post(
    '/products',
    { schema: { tags, summary: 'Create a product', body: productCreateSchema } },
    async (req, reply) => reply.code(201).send(await createProduct(deps, actorOf(req), req.body)),
  );
  app.get('/products/:id', { schema: { tags, summary: 'Get a product', params: idParams } }, (req) =>
    getProduct(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/products/:id',
    { schema: { tags, summary: 'Update a product', params: idParams, body: productUpdateSchema } },
    (req) => updateProduct(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/products/:id',
    { schema: { tags, summary: 'Delete a product (restorable)', params: idParams } },
    async (req, reply) => {
      await deleteProduct(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/products/:id/restore',
    { schema: { tags, summary: 'Restore a deleted product', params: idParams } },
    async (req) => {
      await restoreProduct(deps, actorOf(req), req.params.id);
      return getProduct(deps, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/products/bulk-update',
    {
      schema: {
        tags,
        summary: 'Update many products in one transaction',
        body: bulkIdsSchema.extend({ patch: productUpdateSchema }),
      },
    },
    (req) => bulkUpdateProducts(deps, actorOf(req), req.body.ids, req.body.patch),
  );
  app.post(
    '/products/bulk-delete',
    { schema: { tags, summary: 'Delete many products', body: bulkIdsSchema } },
    (req) => deleteProducts(deps, actorOf(req), req.body.ids),
  );
  app.post(
    '/products/bulk-restore',
    { schema: { tags, summary: 'Restore many products', body: bulkIdsSchema } },
    (req) => restoreProducts(deps, actorOf(req), req.body.ids),
  );
}

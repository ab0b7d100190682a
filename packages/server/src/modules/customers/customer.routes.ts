import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkIdsSchema,
  duplicateQuerySchema,
  customerCreateSchema,
  customerUpdateSchema,
  idSchema,
  listQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { withDuplicateMode } from '../dedupe/dedupe-mode';
import {
  bulkUpdateCustomers,
  createCustomer,
  deleteCustomer,
  deleteCustomers,
  getCustomer,
  listCustomers,
  restoreCustomer,
  restoreCustomers,
  updateCustomer,
} from './customer.service';

const idParams = z.strictObject({ id: idSchema });
/** `?allow_duplicate=`: see docs/api.md (duplicates). */
const dup = duplicateQuerySchema;
const tags = ['customers'];

export function customerRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/customers',
    { schema: { tags, summary: 'List customers', querystring: listQuerySchema } },
    (req) => listCustomers(deps, actorOf(req), req.query),
  );
  app.post(
    '/customers',
    { schema: { tags, summary: 'Create a customer', body: customerCreateSchema, querystring: dup } },
    async (req, reply) =>
      reply.code(201).send(await createCustomer(deps, withDuplicateMode(actorOf(req), req.query), req.body)),
  );
  app.get('/customers/:id', { schema: { tags, summary: 'Get a customer', params: idParams } }, (req) =>
    getCustomer(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Update a customer',
        params: idParams,
        body: customerUpdateSchema,
        querystring: dup,
      },
    },
    (req) => updateCustomer(deps, withDuplicateMode(actorOf(req), req.query), req.params.id, req.body),
  );
  app.delete(
    '/customers/:id',
    { schema: { tags, summary: 'Delete a customer (restorable)', params: idParams } },
    async (req, reply) => {
      await deleteCustomer(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/customers/:id/restore',
    { schema: { tags, summary: 'Restore a deleted customer', params: idParams } },
    async (req) => {
      await restoreCustomer(deps, actorOf(req), req.params.id);
      return getCustomer(deps, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/customers/bulk-update',
    {
      schema: {
        tags,
        summary: 'Update many customers in one transaction',
        body: bulkIdsSchema.extend({ patch: customerUpdateSchema }),
      },
    },
    (req) => bulkUpdateCustomers(deps, actorOf(req), req.body.ids, req.body.patch),
  );
  app.post(
    '/customers/bulk-delete',
    { schema: { tags, summary: 'Delete many customers', body: bulkIdsSchema } },
    (req) => deleteCustomers(deps, actorOf(req), req.body.ids),
  );
  app.post(
    '/customers/bulk-restore',
    { schema: { tags, summary: 'Restore many customers', body: bulkIdsSchema } },
    (req) => restoreCustomers(deps, actorOf(req), req.body.ids),
  );
}

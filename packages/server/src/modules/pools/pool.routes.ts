import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  customerLockSchema,
  idSchema,
  ownerCapCreateSchema,
  ownerCapUpdateSchema,
  poolAssignSchema,
  poolClaimSchema,
  poolCreateSchema,
  poolCustomerQuerySchema,
  poolMovesQuerySchema,
  poolReleaseSchema,
  poolUpdateSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { createCap, deleteCap, listCaps, updateCap } from './pool-cap.service';
import { assignFromPool, claimCustomers } from './pool-claim.service';
import { getPoolCustomer, listPoolCustomers, listPoolMoves } from './pool-list.service';
import { lockCustomers, releaseCustomers } from './pool-release.service';
import { poolStatus } from './pool-status.service';
import { createPool, deletePool, getPool, listMyPools, updatePool } from './pool.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['pools'];

export function poolRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/pools',
    { schema: { tags, summary: 'Pools I belong to or administer, with my cap and claims today' } },
    (req) => listMyPools(deps, actorOf(req)),
  );
  app.post(
    '/pools',
    {
      schema: {
        tags,
        summary: 'Create a pool with its members, admins and recycling rules',
        body: poolCreateSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await createPool(deps, actorOf(req), req.body)),
  );
  app.get('/pools/:id', { schema: { tags, summary: 'Get a pool', params: idParams } }, (req) =>
    getPool(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/pools/:id',
    {
      schema: {
        tags,
        summary: 'Edit a pool (rules given replace the rule set)',
        params: idParams,
        body: poolUpdateSchema,
      },
    },
    (req) => updatePool(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/pools/:id',
    { schema: { tags, summary: 'Delete an empty pool', params: idParams } },
    async (req, reply) => {
      await deletePool(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/pools/:id/customers',
    {
      schema: {
        tags,
        summary: 'Customers waiting in a pool (hidden fields masked for members)',
        params: idParams,
        querystring: poolCustomerQuerySchema,
      },
    },
    (req) => listPoolCustomers(deps, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/pools/:id/customers/:customerId',
    {
      schema: {
        tags,
        summary: 'One customer of a pool',
        params: z.strictObject({ id: idSchema, customerId: idSchema }),
      },
    },
    (req) => getPoolCustomer(deps, actorOf(req), req.params.id, req.params.customerId),
  );
  app.post(
    '/pools/:id/claim',
    {
      schema: {
        tags,
        summary: 'Claim customers: per-id results; 409 with a reason per id when none could be claimed',
        params: idParams,
        body: poolClaimSchema,
      },
    },
    (req) => claimCustomers(deps, actorOf(req), req.params.id, req.body.ids),
  );
  app.post(
    '/pools/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign pool customers to a rep (pool admins, managers)',
        params: idParams,
        body: poolAssignSchema,
      },
    },
    (req) => assignFromPool(deps, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/pools/:id/moves',
    {
      schema: {
        tags,
        summary: 'History of claims, releases, assignments and recycles (pool admins)',
        params: idParams,
        querystring: poolMovesQuerySchema,
      },
    },
    (req) => listPoolMoves(deps, actorOf(req), req.params.id, req.query),
  );
  app.post(
    '/customers/release',
    { schema: { tags, summary: 'Release customers to a pool with a reason', body: poolReleaseSchema } },
    (req) => releaseCustomers(deps, actorOf(req), req.body),
  );
  app.post(
    '/customers/pool-lock',
    {
      schema: {
        tags,
        summary: 'Lock or unlock key accounts (exempt from recycling)',
        body: customerLockSchema,
      },
    },
    (req) => lockCustomers(deps, actorOf(req), req.body),
  );
  app.get(
    '/customers/:id/pool-status',
    {
      schema: {
        tags,
        summary: 'Recycle countdown of an owned customer, or its pool facts',
        params: idParams,
      },
    },
    (req) => poolStatus(deps, actorOf(req), req.params.id),
  );
  app.get('/owner-caps', { schema: { tags, summary: 'Owner caps (私海上限)' } }, (req) =>
    listCaps(deps, actorOf(req)),
  );
  app.post(
    '/owner-caps',
    { schema: { tags, summary: 'Set a cap for a user, role or department', body: ownerCapCreateSchema } },
    async (req, reply) => reply.code(201).send(await createCap(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/owner-caps/:id',
    { schema: { tags, summary: 'Change a cap', params: idParams, body: ownerCapUpdateSchema } },
    (req) => updateCap(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/owner-caps/:id',
    { schema: { tags, summary: 'Remove a cap', params: idParams } },
    async (req, reply) => {
      await deleteCap(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}

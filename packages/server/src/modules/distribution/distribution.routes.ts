import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DISTRIBUTION_ENTITIES,
  distributionFallbackSchema,
  distributionLogQuerySchema,
  distributionReorderSchema,
  distributionRuleCreateSchema,
  distributionRuleUpdateSchema,
  distributionTestSchema,
  idSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  createRule,
  deleteRule,
  distributionLog,
  listRules,
  reorderRules,
  setFallback,
  testDistribution,
  updateRule,
} from './distribution.service';

const idParams = z.strictObject({ id: idSchema });
const listQuery = z.strictObject({ entity: z.enum(DISTRIBUTION_ENTITIES).optional() });
const tags = ['distribution'];

export function distributionRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/distribution-rules',
    {
      schema: {
        tags,
        summary: 'Distribution rules in order, and each entity’s fallback',
        querystring: listQuery,
      },
    },
    (req) => listRules(deps, actorOf(req), req.query.entity),
  );
  app.post(
    '/distribution-rules',
    {
      schema: {
        tags,
        summary: 'Add a distribution rule (last in order)',
        body: distributionRuleCreateSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await createRule(deps, actorOf(req), req.body)),
  );
  app.post(
    '/distribution-rules/reorder',
    { schema: { tags, summary: 'Put an entity’s rules in a new order', body: distributionReorderSchema } },
    (req) => reorderRules(deps, actorOf(req), req.body),
  );
  app.put(
    '/distribution-rules/fallback',
    {
      schema: {
        tags,
        summary: 'What happens when no rule chooses anyone: creator, unassigned or a pool',
        body: distributionFallbackSchema,
      },
    },
    (req) => setFallback(deps, actorOf(req), req.body),
  );
  app.post(
    '/distribution-rules/test',
    {
      schema: {
        tags,
        summary: 'Who would get this record, and why (writes nothing)',
        body: distributionTestSchema,
      },
    },
    (req) => testDistribution(deps, actorOf(req), req.body),
  );
  app.patch(
    '/distribution-rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a distribution rule',
        params: idParams,
        body: distributionRuleUpdateSchema,
      },
    },
    (req) => updateRule(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/distribution-rules/:id',
    { schema: { tags, summary: 'Delete a distribution rule', params: idParams } },
    async (req, reply) => {
      await deleteRule(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/distribution-log',
    {
      schema: {
        tags,
        summary: 'Automatic assignments of one lead or customer: which rule chose whom and why',
        querystring: distributionLogQuerySchema,
      },
    },
    (req) => distributionLog(deps, actorOf(req), req.query.record_id),
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { customerTimeline } from './timeline.service';
import { customer360 } from './customer-360.service';

const idParams = z.strictObject({ id: idSchema });
const timelineQuery = z.strictObject({
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const tags = ['customers'];

export function timelineRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/customers/:id/timeline',
    {
      schema: {
        tags,
        summary: 'The customer timeline: follow-ups, changes, stage moves and tasks, newest first',
        params: idParams,
        querystring: timelineQuery,
      },
    },
    (req) => customerTimeline(deps, actorOf(req), req.params.id, req.query),
  );
  app.get(
    '/customers/:id/360',
    {
      schema: {
        tags,
        summary: 'The 360° view: customer, contacts, open deals, first timeline page and counts',
        params: idParams,
      },
    },
    (req) => customer360(deps, actorOf(req), req.params.id),
  );
}

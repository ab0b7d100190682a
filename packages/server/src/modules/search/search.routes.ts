import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { globalSearch } from './global-search.service';

export function searchRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search across records; finds Chinese substrings of two characters and phone digits',
        querystring: z.strictObject({
          q: z.string().trim().min(1).max(100),
          types: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(50).default(8),
        }),
      },
    },
    (req) => globalSearch(deps, actorOf(req), req.query),
  );
}

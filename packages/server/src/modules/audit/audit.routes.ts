import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { listAudit } from './audit.service';

export function auditRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit trail (who, when, from where, field-level before/after), newest first',
        querystring: z.strictObject({
          entity: z.string().max(30).optional(),
          record_id: idSchema.optional(),
          actor_id: idSchema.optional(),
          source: z.enum(['ui', 'api', 'import', 'automation', 'system']).optional(),
          before: idSchema.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    (req) => listAudit(deps, actorOf(req), req.query),
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { handoverSchema, transferSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { handover, transferRecords } from './ownership.service';

const tags = ['ownership'];

export function ownershipRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/ownership/transfer',
    {
      schema: {
        tags,
        summary:
          'Transfer leads, customers or deals to another owner (customers bring their open deals and tasks)',
        body: transferSchema.extend({ record_type: z.enum(['lead', 'customer', 'deal']) }),
      },
    },
    (req) => transferRecords(deps, actorOf(req), req.body),
  );
  app.post(
    '/ownership/handover',
    {
      schema: {
        tags,
        summary: 'Hand over everything a user owns to another user (preview first)',
        body: handoverSchema,
      },
    },
    (req) => handover(deps, actorOf(req), req.body),
  );
}

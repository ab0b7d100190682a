import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  handoverInputSchema,
  handoverListQuerySchema,
  handoverSchema,
  idSchema,
  transferSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { handover, transferRecords } from './ownership.service';
import { getHandover, listHandoversFor, previewHandover, startHandover } from './handover-run.service';

const tags = ['ownership'];

export function ownershipRoutes(fastify: FastifyInstance, { deps, automation }: RouteContext) {
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
  app.post(
    '/handovers/preview',
    {
      schema: {
        tags,
        summary: 'Count what a hand-over would move to each receiver (writes nothing)',
        body: handoverInputSchema,
      },
    },
    (req) => previewHandover(deps, actorOf(req), req.body),
  );
  app.post(
    '/handovers',
    {
      schema: {
        tags,
        summary:
          'Start a hand-over: everything a leaving user owns, split among reps or back to a pool, in the background',
        body: handoverInputSchema,
      },
    },
    async (req, reply) => reply.code(202).send(await startHandover(automation, actorOf(req), req.body)),
  );
  app.get(
    '/handovers',
    { schema: { tags, summary: 'Recent hand-overs, newest first', querystring: handoverListQuerySchema } },
    (req) => listHandoversFor(deps, actorOf(req), req.query),
  );
  app.get(
    '/handovers/:id',
    {
      schema: {
        tags,
        summary: 'A hand-over and its progress (status, moved per kind and receiver, total)',
        params: z.strictObject({ id: idSchema }),
      },
    },
    (req) => getHandover(deps, actorOf(req), req.params.id),
  );
}

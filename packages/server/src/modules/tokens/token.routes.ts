import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, tokenCreateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { createToken, listTokens, revokeToken } from './token.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['tokens'];

export function tokenRoutes(fastify: FastifyInstance, { deps, actorCache }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/tokens',
    { schema: { tags, summary: 'List your API tokens (all of the workspace with tokens:manage)' } },
    async (req) => ({
      items: await listTokens(deps, actorOf(req)),
    }),
  );
  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token; the secret is in the answer and never shown again',
        body: tokenCreateSchema,
      },
    },
    async (req, reply) => reply.code(201).send(await createToken(deps, actorOf(req), req.body)),
  );
  app.delete(
    '/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: idParams } },
    async (req, reply) => {
      await revokeToken(deps, actorOf(req), req.params.id);
      actorCache.clear();
      return reply.code(204).send();
    },
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, userAwaySchema, userCreateSchema, userUpdateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { userListQuerySchema } from './user.fields';
import { createUser, getUser, listUsers, setUserAway, unlockUser, updateUser } from './user.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['users'];

export function userRoutes(fastify: FastifyInstance, { deps, actorCache }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users (public fields for everyone; more for those who manage users)',
        querystring: userListQuerySchema,
      },
    },
    (req) => listUsers(deps, actorOf(req), req.query),
  );
  app.get('/users/:id', { schema: { tags, summary: 'Get a user', params: idParams } }, (req) =>
    getUser(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/users',
    { schema: { tags, summary: 'Create a user', body: userCreateSchema } },
    async (req, reply) => {
      const user = await createUser(deps, actorOf(req), req.body);
      // A new member of a department widens what its managers see.
      actorCache.clear();
      return reply.code(201).send(user);
    },
  );
  app.patch(
    '/users/:id',
    {
      schema: {
        tags,
        summary: 'Update, move, disable or re-enable a user',
        params: idParams,
        body: userUpdateSchema,
      },
    },
    async (req) => {
      const user = await updateUser(deps, actorOf(req), req.params.id, req.body);
      actorCache.clear();
      return user;
    },
  );
  app.post(
    '/users/:id/unlock',
    { schema: { tags, summary: 'Lift a sign-in lockout', params: idParams } },
    (req) => unlockUser(deps, actorOf(req), req.params.id),
  );
  app.put(
    '/users/:id/away',
    {
      schema: {
        tags,
        summary: 'Put a user on leave until an instant, or back at work (null); users may set their own',
        params: idParams,
        body: userAwaySchema,
      },
    },
    (req) => setUserAway(deps, actorOf(req), req.params.id, req.body.away_until),
  );
}

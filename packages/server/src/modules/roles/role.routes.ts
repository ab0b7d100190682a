import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, roleCreateSchema, roleUpdateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './role.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['roles'];

export function roleRoutes(fastify: FastifyInstance, { deps, actorCache }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/roles',
    { schema: { tags, summary: 'List roles with their permissions, data scope and holders' } },
    (req) => listRoles(deps, actorOf(req)),
  );
  app.get('/roles/:id', { schema: { tags, summary: 'Get a role', params: idParams } }, (req) =>
    getRole(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/roles',
    { schema: { tags, summary: 'Create a custom role', body: roleCreateSchema } },
    async (req, reply) => reply.code(201).send(await createRole(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/roles/:id',
    {
      schema: {
        tags,
        summary: 'Rename a role or change its permissions and data scope',
        params: idParams,
        body: roleUpdateSchema,
      },
    },
    async (req) => {
      const view = await updateRole(deps, actorOf(req), req.params.id, req.body);
      // Holders of the role act with the new rights from their next request.
      actorCache.clear();
      return view;
    },
  );
  app.delete(
    '/roles/:id',
    { schema: { tags, summary: 'Delete a custom role nobody holds', params: idParams } },
    async (req, reply) => {
      await deleteRole(deps, actorOf(req), req.params.id);
      actorCache.clear();
      return reply.code(204).send();
    },
  );
}

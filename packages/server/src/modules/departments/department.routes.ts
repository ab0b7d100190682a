import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { departmentCreateSchema, departmentUpdateSchema, idSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from './department.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['departments'];

export function departmentRoutes(fastify: FastifyInstance, { deps, actorCache }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/departments',
    { schema: { tags, summary: 'The department tree as a flat list with paths and member counts' } },
    (req) => listDepartments(deps, actorOf(req)),
  );
  app.get('/departments/:id', { schema: { tags, summary: 'Get a department', params: idParams } }, (req) =>
    getDepartment(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/departments',
    { schema: { tags, summary: 'Create a department', body: departmentCreateSchema } },
    async (req, reply) => reply.code(201).send(await createDepartment(deps, actorOf(req), req.body)),
  );
  app.patch(
    '/departments/:id',
    {
      schema: {
        tags,
        summary: 'Rename, move or change the manager of a department',
        params: idParams,
        body: departmentUpdateSchema,
      },
    },
    async (req) => {
      const view = await updateDepartment(deps, actorOf(req), req.params.id, req.body);
      // "Department and below" scopes are computed from paths: drop cached actors so a move applies at once.
      actorCache.clear();
      return view;
    },
  );
  app.delete(
    '/departments/:id',
    { schema: { tags, summary: 'Delete an empty department', params: idParams } },
    async (req, reply) => {
      await deleteDepartment(deps, actorOf(req), req.params.id);
      actorCache.clear();
      return reply.code(204).send();
    },
  );
}

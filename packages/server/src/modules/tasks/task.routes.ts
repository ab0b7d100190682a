import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, listQuerySchema, taskCreateSchema, taskUpdateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { completeTask, createTask, deleteTask, getTask, listTasks, updateTask } from './task.service';

const idParams = z.strictObject({ id: idSchema });
/** `overdue=true`: open tasks whose due time has passed. */
const taskListQuery = listQuerySchema.extend({ overdue: z.enum(['true', 'false']).optional() });
const tags = ['tasks'];

export function taskRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/tasks', { schema: { tags, summary: 'List tasks', querystring: taskListQuery } }, (req) =>
    listTasks(deps, actorOf(req), req.query),
  );
  app.post(
    '/tasks',
    { schema: { tags, summary: 'Create a task (the assignee is notified)', body: taskCreateSchema } },
    async (req, reply) => reply.code(201).send(await createTask(deps, actorOf(req), req.body)),
  );
  app.get('/tasks/:id', { schema: { tags, summary: 'Get a task', params: idParams } }, (req) =>
    getTask(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/tasks/:id',
    { schema: { tags, summary: 'Update a task', params: idParams, body: taskUpdateSchema } },
    (req) => updateTask(deps, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/tasks/:id/complete',
    { schema: { tags, summary: 'Mark a task done', params: idParams } },
    (req) => completeTask(deps, actorOf(req), req.params.id),
  );
  app.delete(
    '/tasks/:id',
    { schema: { tags, summary: 'Delete a task', params: idParams } },
    async (req, reply) => {
      await deleteTask(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idSchema, tagAssignSchema, tagCreateSchema, tagUpdateSchema } from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { changeRecordTags, createTag, deleteTag, getTag, listTags, updateTag } from './tag.service';

const idParams = z.strictObject({ id: idSchema });
const tags = ['tags'];

export function tagRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/tags', { schema: { tags, summary: 'List tags with how many records carry each' } }, (req) =>
    listTags(deps, actorOf(req)),
  );
  app.post(
    '/tags',
    { schema: { tags, summary: 'Create a tag', body: tagCreateSchema } },
    async (req, reply) => reply.code(201).send(await createTag(deps, actorOf(req), req.body)),
  );
  app.get('/tags/:id', { schema: { tags, summary: 'Get a tag', params: idParams } }, (req) =>
    getTag(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/tags/:id',
    { schema: { tags, summary: 'Rename or recolour a tag', params: idParams, body: tagUpdateSchema } },
    (req) => updateTag(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/tags/:id',
    { schema: { tags, summary: 'Delete a tag and remove it from every record', params: idParams } },
    async (req, reply) => {
      await deleteTag(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/tags/assign',
    { schema: { tags, summary: 'Put tags on records', body: tagAssignSchema } },
    (req) => changeRecordTags(deps, actorOf(req), req.body, 'assign'),
  );
  app.post(
    '/tags/unassign',
    { schema: { tags, summary: 'Take tags off records', body: tagAssignSchema } },
    (req) => changeRecordTags(deps, actorOf(req), req.body, 'unassign'),
  );
}

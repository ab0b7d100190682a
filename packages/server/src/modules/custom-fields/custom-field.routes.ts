import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CUSTOM_FIELD_ENTITIES,
  customFieldCreateSchema,
  customFieldUpdateSchema,
  idSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import {
  createCustomField,
  deleteCustomField,
  getCustomField,
  listCustomFields,
  updateCustomField,
} from './custom-field.service';

const idParams = z.strictObject({ id: idSchema });
const listQuery = z.strictObject({ entity: z.enum(CUSTOM_FIELD_ENTITIES).optional() });
const tags = ['custom-fields'];

export function customFieldRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/custom-fields',
    { schema: { tags, summary: 'List custom field definitions', querystring: listQuery } },
    (req) => listCustomFields(deps, actorOf(req), req.query.entity),
  );
  app.post(
    '/custom-fields',
    { schema: { tags, summary: 'Define a custom field', body: customFieldCreateSchema } },
    async (req, reply) => reply.code(201).send(await createCustomField(deps, actorOf(req), req.body)),
  );
  app.get(
    '/custom-fields/:id',
    { schema: { tags, summary: 'Get a custom field definition', params: idParams } },
    (req) => getCustomField(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Change a custom field (label, options, required, position); warns about records affected',
        params: idParams,
        body: customFieldUpdateSchema,
      },
    },
    (req) => updateCustomField(deps, actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/custom-fields/:id',
    {
      schema: {
        tags,
        summary: 'Remove a custom field definition (stored values are kept)',
        params: idParams,
      },
    },
    async (req, reply) => {
      await deleteCustomField(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}

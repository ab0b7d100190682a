import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkIdsSchema,
  duplicateQuerySchema,
  contactCreateSchema,
  contactUpdateSchema,
  idSchema,
  listQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { withDuplicateMode } from '../dedupe/dedupe-mode';
import {
  bulkUpdateContacts,
  createContact,
  deleteContact,
  deleteContacts,
  getContact,
  listContacts,
  restoreContact,
  restoreContacts,
  updateContact,
} from './contact.service';

const idParams = z.strictObject({ id: idSchema });
/** `?allow_duplicate=`: see docs/api.md (duplicates). */
const dup = duplicateQuerySchema;
const tags = ['contacts'];

export function contactRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/contacts', { schema: { tags, summary: 'List contacts', querystring: listQuerySchema } }, (req) =>
    listContacts(deps, actorOf(req), req.query),
  );
  app.post(
    '/contacts',
    { schema: { tags, summary: 'Create a contact', body: contactCreateSchema, querystring: dup } },
    async (req, reply) =>
      reply.code(201).send(await createContact(deps, withDuplicateMode(actorOf(req), req.query), req.body)),
  );
  app.get('/contacts/:id', { schema: { tags, summary: 'Get a contact', params: idParams } }, (req) =>
    getContact(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Update a contact',
        params: idParams,
        body: contactUpdateSchema,
        querystring: dup,
      },
    },
    (req) => updateContact(deps, withDuplicateMode(actorOf(req), req.query), req.params.id, req.body),
  );
  app.delete(
    '/contacts/:id',
    { schema: { tags, summary: 'Delete a contact (restorable)', params: idParams } },
    async (req, reply) => {
      await deleteContact(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/contacts/:id/restore',
    { schema: { tags, summary: 'Restore a deleted contact', params: idParams } },
    async (req) => {
      await restoreContact(deps, actorOf(req), req.params.id);
      return getContact(deps, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/contacts/bulk-update',
    {
      schema: {
        tags,
        summary: 'Update many contacts in one transaction',
        body: bulkIdsSchema.extend({ patch: contactUpdateSchema }),
      },
    },
    (req) => bulkUpdateContacts(deps, actorOf(req), req.body.ids, req.body.patch),
  );
  app.post(
    '/contacts/bulk-delete',
    { schema: { tags, summary: 'Delete many contacts', body: bulkIdsSchema } },
    (req) => deleteContacts(deps, actorOf(req), req.body.ids),
  );
  app.post(
    '/contacts/bulk-restore',
    { schema: { tags, summary: 'Restore many contacts', body: bulkIdsSchema } },
    (req) => restoreContacts(deps, actorOf(req), req.body.ids),
  );
}

import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  bulkIdsSchema,
  duplicateQuerySchema,
  idSchema,
  leadConvertSchema,
  leadCreateSchema,
  leadUpdateSchema,
  listQuerySchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { withDuplicateMode } from '../dedupe/dedupe-mode';
import {
  bulkUpdateLeads,
  createLead,
  deleteLead,
  deleteLeads,
  getLead,
  listLeads,
  restoreLead,
  restoreLeads,
  updateLead,
} from './lead.service';
import { convertLead } from './lead.convert';

const idParams = z.strictObject({ id: idSchema });
/** `?allow_duplicate=`: see docs/api.md (duplicates). */
const dup = duplicateQuerySchema;
const tags = ['leads'];

export function leadRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/leads', { schema: { tags, summary: 'List leads', querystring: listQuerySchema } }, (req) =>
    listLeads(deps, actorOf(req), req.query),
  );
  app.post(
    '/leads',
    { schema: { tags, summary: 'Create a lead', body: leadCreateSchema, querystring: dup } },
    async (req, reply) =>
      reply.code(201).send(await createLead(deps, withDuplicateMode(actorOf(req), req.query), req.body)),
  );
  app.get('/leads/:id', { schema: { tags, summary: 'Get a lead', params: idParams } }, (req) =>
    getLead(deps, actorOf(req), req.params.id),
  );
  app.patch(
    '/leads/:id',
    {
      schema: { tags, summary: 'Update a lead', params: idParams, body: leadUpdateSchema, querystring: dup },
    },
    (req) => updateLead(deps, withDuplicateMode(actorOf(req), req.query), req.params.id, req.body),
  );
  app.delete(
    '/leads/:id',
    { schema: { tags, summary: 'Delete a lead (restorable)', params: idParams } },
    async (req, reply) => {
      await deleteLead(deps, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/leads/:id/restore',
    { schema: { tags, summary: 'Restore a deleted lead', params: idParams } },
    async (req) => {
      await restoreLead(deps, actorOf(req), req.params.id);
      return getLead(deps, actorOf(req), req.params.id);
    },
  );
  app.post(
    '/leads/bulk-update',
    {
      schema: {
        tags,
        summary: 'Update many leads in one transaction',
        body: bulkIdsSchema.extend({ patch: leadUpdateSchema }),
      },
    },
    (req) => bulkUpdateLeads(deps, actorOf(req), req.body.ids, req.body.patch),
  );
  app.post(
    '/leads/bulk-delete',
    { schema: { tags, summary: 'Delete many leads', body: bulkIdsSchema } },
    (req) => deleteLeads(deps, actorOf(req), req.body.ids),
  );
  app.post(
    '/leads/bulk-restore',
    { schema: { tags, summary: 'Restore many leads', body: bulkIdsSchema } },
    (req) => restoreLeads(deps, actorOf(req), req.body.ids),
  );
  app.post(
    '/leads/:id/convert',
    {
      schema: {
        tags,
        summary: 'Convert a lead into a customer, a contact and optionally a deal, in one transaction',
        params: idParams,
        body: leadConvertSchema,
        querystring: dup,
      },
    },
    (req) => convertLead(deps, withDuplicateMode(actorOf(req), req.query), req.params.id, req.body),
  );
}

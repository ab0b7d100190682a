import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  duplicateBulkMergeSchema,
  duplicateListQuerySchema,
  duplicateMergeSchema,
  duplicateRulesSchema,
} from '@tideline/shared';
import { actorOf } from '../../http/auth.plugin';
import type { RouteContext } from '../../http/route-types';
import { bulkMergeDuplicates, listDuplicates } from './dedupe-finder.service';
import { mergeDuplicates } from './dedupe-merge.service';
import { getDuplicateRules, putDuplicateRules } from './dedupe-rules.service';

const tags = ['duplicates'];

export function dedupeRoutes(fastify: FastifyInstance, { deps }: RouteContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/duplicates',
    {
      schema: {
        tags,
        summary: 'Find duplicate customers, contacts or leads: groups with what matched and a confidence',
        querystring: duplicateListQuerySchema,
      },
    },
    (req) => listDuplicates(deps, actorOf(req), req.query),
  );
  app.post(
    '/duplicates/merge',
    {
      schema: {
        tags,
        summary:
          'Merge records into a survivor: values chosen per field, children moved, merged records hidden',
        body: duplicateMergeSchema,
      },
    },
    (req) => mergeDuplicates(deps, actorOf(req), req.body),
  );
  app.post(
    '/duplicates/merge-bulk',
    {
      schema: {
        tags,
        summary: 'Merge every high-confidence group (preview by default)',
        body: duplicateBulkMergeSchema,
      },
    },
    (req) => bulkMergeDuplicates(deps, actorOf(req), req.body),
  );
  app.get(
    '/settings/duplicate-rules',
    { schema: { tags, summary: 'The duplicate rules of each entity (defaults until set)' } },
    (req) => getDuplicateRules(deps, actorOf(req)),
  );
  app.put(
    '/settings/duplicate-rules',
    {
      schema: {
        tags,
        summary: 'Replace the duplicate rules of the entities given',
        body: duplicateRulesSchema,
      },
    },
    (req) => putDuplicateRules(deps, actorOf(req), req.body),
  );
}
